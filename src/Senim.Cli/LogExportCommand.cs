using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Senim.Ledger;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Tiles;
using Senim.Registry.Log;

namespace Senim.Cli;

/// <summary>
/// `senim log export DIR`: writes the register's log from its database as static files for any web server — the
/// signed checkpoint, every hash tile and entry bundle (full and partial) and the public key — so that
/// `senim log verify DIR` (or the same files served over HTTP) checks it without the register's host.
/// </summary>
internal static class LogExportCommand
{
    /// <summary>The name of the file holding the log's public (verifier) key in an export.</summary>
    public const string KeyFileName = "key";

    /// <summary>The --log-key option: the log's signer key file (the database never holds it).</summary>
    public static Option<string?> LogKeyOption() => new("--log-key")
    {
        Description = "The log's signer key file (default: Senim__Log__KeyFile, else data/log/signing.key).",
    };

    /// <summary>Log settings for a key file given on the command line or in the Senim__Log__* variables.</summary>
    public static LogSettings Settings(string? keyFile)
    {
        var settings = new LogSettings { KeyFile = keyFile ?? Environment.GetEnvironmentVariable("Senim__Log__KeyFile") ?? LogSettings.DefaultKeyFile };
        if (Environment.GetEnvironmentVariable("Senim__Log__Origin") is { Length: > 0 } origin)
        {
            settings.Origin = origin;
        }

        return settings;
    }

    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "The folder to write (created if missing); serve it as the log's URL prefix." };
        var provider = new Option<string?>("--provider") { Description = "sqlite or postgres (default: Senim__Database__Provider, else sqlite)." };
        var connection = new Option<string?>("--connection") { Description = "The connection string (default: Senim__Database__ConnectionString, else data/senim.db)." };
        var logKey = LogKeyOption();
        var export = new Command("export", "Write the register's log (checkpoint, tiles, entry bundles, public key) from its database into DIR for static hosting. Exit codes: 0 written, 1 the stored log does not verify or the database could not be used, 2 invalid input.")
        {
            directory, provider, connection, logKey,
        };
        export.SetAction((parse, cancellationToken) =>
        {
            var settings = Settings(parse.GetValue(logKey));
            if (!File.Exists(settings.KeyFile))
            {
                context.Error.WriteLine($"The log's key file {settings.KeyFile} does not exist: give the register's key with --log-key FILE (an export never creates a key).");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            return DatabaseCommands.RunAsync(context, parse.GetValue(provider), parse.GetValue(connection), null, sp => ExportAsync(context, sp, parse.GetValue(directory)!, cancellationToken), settings);
        });
        return export;
    }

    private static async Task<int> ExportAsync(CliContext context, IServiceProvider services, string directory, CancellationToken cancellationToken)
    {
        var key = services.GetRequiredService<LogKey>();
        var store = services.GetRequiredService<RegistryLogStore>();
        try
        {
            var note = await store.ReadCheckpointAsync(cancellationToken);
            if (note is null)
            {
                context.Error.WriteLine("The register's log is empty: it has not signed a checkpoint yet, so there is nothing to export.");
                return ExitCodes.InvalidInput;
            }

            // Export only what the key signed: a checkpoint that does not open with it is not this log's.
            var (checkpoint, _, _) = Checkpoint.Open(note, key.Origin, [key.Signer.Verifier]);
            Directory.CreateDirectory(directory);
            var written = await LogExporter.ExportAsync(store, directory, cancellationToken);
            LogOptions.WriteAtomically(Path.Combine(directory, KeyFileName), key.VerifierKey + "\n");
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exported {checkpoint.Origin}: {checkpoint.Size} entries, root {checkpoint.Root.ToBase64()}; {written + 1} files written to {Path.GetFullPath(directory)}."));
            context.Output.WriteLine($"Public key ({KeyFileName}): {key.VerifierKey}");
            context.Output.WriteLine($"Check it with: senim log verify {directory} --key-file {Path.Combine(directory, KeyFileName)}");
            return ExitCodes.Ok;
        }
        catch (LedgerException ex)
        {
            context.Error.WriteLine($"FAILED: the stored log does not verify: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
