using System.CommandLine;
using Senim.Ledger;
using Senim.Ledger.Notes;

namespace Senim.Cli;

/// <summary>
/// `senim log keygen|verify|monitor|witness|export`: the client side of the register's transparency log. Exit codes:
/// 0 verified, 1 verification failed, 2 invalid input, 4 the log could not be read.
/// </summary>
internal static class LogCommands
{
    public static Command Create(CliContext context)
    {
        var log = new Command("log", "The register's transparency log: verify it from its tiles, monitor it, witness it.");
        log.Subcommands.Add(Keygen(context));
        log.Subcommands.Add(LogVerifyCommand.Create(context));
        log.Subcommands.Add(LogMonitorCommand.Create(context));
        log.Subcommands.Add(LogWitnessCommand.Create(context));
        log.Subcommands.Add(LogExportCommand.Create(context));
        return log;
    }

    private static Command Keygen(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The key name: the log's origin (for example example.kz/ai-register) or the witness's name." };
        var output = new Option<string>("--out") { Description = "The file for the signer key (created readable by its owner only; the public key goes to FILE.pub).", Required = true };
        var witness = new Option<bool>("--witness") { Description = "Make a witness cosigner key (tlog-cosignature, type 0x04) instead of a log key." };
        var keygen = new Command("keygen", "Create an Ed25519 signer key file in the C2SP note format and print its public (verifier) key.") { name, output, witness };
        keygen.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            if (File.Exists(file))
            {
                context.Error.WriteLine($"{file} exists; senim never overwrites a key.");
                return ExitCodes.InvalidInput;
            }

            try
            {
                var vkey = FileKeyStore.Create(file, parse.GetValue(name)!, parse.GetValue(witness) ? NoteKeys.CosignatureType : NoteKeys.Ed25519Type);
                context.Output.WriteLine(vkey);
                return ExitCodes.Ok;
            }
            catch (LedgerException ex)
            {
                context.Error.WriteLine(ex.Message);
                return ExitCodes.InvalidInput;
            }
        });
        return keygen;
    }
}
