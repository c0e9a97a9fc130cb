using System.CommandLine;
using System.Text;
using Senim.Ledger;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Notes;
using Senim.Ledger.Tiles;

namespace Senim.Cli;

/// <summary>What the log commands share: opening a log (folder or URL), the pinned key, and mapping errors to exit codes.</summary>
internal static class LogOptions
{
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A folder or an http(s) URL prefix; null (after a message) when it is neither.</summary>
    public static ILogSource? OpenSource(CliContext context, string location)
    {
        if (location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
            {
                context.Error.WriteLine($"'{location}' is not a valid URL.");
                return null;
            }

            return new HttpLogSource(uri, Http);
        }

        if (!Directory.Exists(location))
        {
            context.Error.WriteLine($"'{location}' is neither an http(s) URL nor a folder.");
            return null;
        }

        return new DirectoryLogSource(location);
    }

    /// <summary>The pinned verifier key from --key or --key-file; null (after a message) when missing or malformed.</summary>
    public static NoteVerifier? ReadKey(CliContext context, string? key, string? keyFile)
    {
        if ((key is null) == (keyFile is null))
        {
            context.Error.WriteLine("Give the log's public key with exactly one of --key VKEY or --key-file FILE.");
            return null;
        }

        try
        {
            if (keyFile is not null)
            {
                var info = new FileInfo(keyFile);
                if (!info.Exists || info.Length > 4096)
                {
                    context.Error.WriteLine($"--key-file {keyFile}: no such file, or too large to be a key.");
                    return null;
                }

                key = File.ReadAllText(keyFile, Encoding.UTF8);
            }

            var verifier = NoteKeys.ParseVerifierKey(key!);
            if (verifier.Type != NoteKeys.Ed25519Type)
            {
                context.Error.WriteLine("The log's key must be an Ed25519 note key (type 0x01), not a witness cosigner key.");
                return null;
            }

            return verifier;
        }
        catch (LedgerException ex)
        {
            context.Error.WriteLine($"The log's key: {ex.Message}");
            return null;
        }
    }

    /// <summary>Fetches and opens the log's checkpoint.</summary>
    public static async Task<(Checkpoint Checkpoint, string Signed)> FetchCheckpointAsync(ILogSource source, string origin, NoteVerifier key, CancellationToken cancellationToken)
    {
        var bytes = await source.ReadAsync("checkpoint", SignedNote.MaxBytes, cancellationToken) ?? throw new LedgerException(LedgerError.Missing, "The log has no checkpoint.");
        var note = SignedNote.Parse(bytes);
        var signed = note.ToString();
        var (checkpoint, _, _) = Checkpoint.Open(signed, origin, [key]);
        return (checkpoint, signed);
    }

    /// <summary>Exit code for a ledger error found while checking a log: 4 when the log could not be read, else 1.</summary>
    public static int Fail(CliContext context, LedgerException ex)
    {
        context.Error.WriteLine((ex.Kind == LedgerError.Missing ? "error: " : "FAILED: ") + ex.Message);
        return ex.Kind == LedgerError.Missing ? ExitCodes.Unreachable : ExitCodes.Failure;
    }

    /// <summary>Writes a file through a temporary name and a rename, so it is never half-written.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>A log opened for checking: the pinned key, the log's files and the origin its checkpoints must carry.</summary>
internal sealed record PinnedLog(NoteVerifier Key, ILogSource Source, string Origin);

/// <summary>The arguments that name a log and pin its key: URL|DIR, --key, --key-file, --origin.</summary>
internal sealed record PinnedLogOptions(Argument<string> Location, Option<string?> Key, Option<string?> KeyFile, Option<string?> Origin)
{
    public static PinnedLogOptions Create(string locationDescription, string keyDescription) => new(
        new Argument<string>("URL|DIR") { Description = locationDescription },
        new Option<string?>("--key") { Description = keyDescription },
        new Option<string?>("--key-file") { Description = "A file holding the log's public key." },
        new Option<string?>("--origin") { Description = "The log's origin line (default: the key's name)." });

    /// <summary>The key and the log the command line names; null (after a message) when either is missing or invalid.</summary>
    public PinnedLog? Open(CliContext context, ParseResult parse)
    {
        var key = LogOptions.ReadKey(context, parse.GetValue(Key), parse.GetValue(KeyFile));
        var source = key is null ? null : LogOptions.OpenSource(context, parse.GetValue(Location)!);
        return key is null || source is null ? null : new PinnedLog(key, source, parse.GetValue(Origin) ?? key.Name);
    }
}
