using System.CommandLine;
using System.Globalization;
using Senim.Ledger;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Tiles;

namespace Senim.Cli;

/// <summary>`senim log monitor URL|DIR --state FILE --key VKEY`: remember the last checkpoint and prove the log only grew since.</summary>
internal static class LogMonitorCommand
{
    public static Command Create(CliContext context)
    {
        var log = PinnedLogOptions.Create("The log's URL prefix or folder.", "The log's public key, name+keyid+base64.");
        var state = new Option<string>("--state") { Description = "The file holding the last checkpoint this monitor verified (created on the first run).", Required = true };
        var monitor = new Command("monitor", "Check the log's new checkpoint against the one remembered in --state with a consistency proof computed from the tiles, then remember the new one. Exit codes: 0 consistent, 1 inconsistent or invalid, 2 invalid input, 4 the log could not be read.")
        {
            log.Location, state, log.Key, log.KeyFile, log.Origin,
        };
        monitor.SetAction((parse, cancellationToken) => RunAsync(context, log.Open(context, parse), parse.GetValue(state)!, cancellationToken));
        return monitor;
    }

    private static async Task<int> RunAsync(CliContext context, PinnedLog? log, string statePath, CancellationToken cancellationToken)
    {
        if (log is null)
        {
            return ExitCodes.InvalidInput;
        }

        var (key, source, origin) = log;
        Checkpoint? previous = null;
        if (File.Exists(statePath))
        {
            try
            {
                if (new FileInfo(statePath).Length > Ledger.Notes.SignedNote.MaxBytes)
                {
                    throw new LedgerException(LedgerError.Malformed, "too large.");
                }

                previous = Checkpoint.Open(File.ReadAllText(statePath), origin, [key]).Checkpoint;
            }
            catch (LedgerException ex)
            {
                context.Error.WriteLine($"--state {statePath}: not a checkpoint of this log signed by this key: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        try
        {
            var (current, signed) = await LogOptions.FetchCheckpointAsync(source, origin, key, cancellationToken);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpoint: {current.Origin}, size {current.Size}, root {current.Root.ToBase64()}"));
            var tiles = new TileReader(source, current.Size);
            var fromTiles = await MerkleTree.RootAsync(tiles, current.Size, cancellationToken);
            if (fromTiles != current.Root)
            {
                throw new LedgerException(LedgerError.Inconsistent, $"The log's tiles give root {fromTiles.ToBase64()}, its checkpoint signs {current.Root.ToBase64()}.");
            }

            if (previous is null)
            {
                context.Output.WriteLine($"first run: remembering this checkpoint in {statePath}");
            }
            else
            {
                if (current.Size < previous.Size)
                {
                    throw new LedgerException(LedgerError.Inconsistent, string.Create(CultureInfo.InvariantCulture, $"The log shrank from {previous.Size} to {current.Size} entries: it was rolled back or forked."));
                }

                var proof = await MerkleTree.ConsistencyProofAsync(tiles, previous.Size, current.Size, cancellationToken);
                try
                {
                    ProofVerifier.VerifyConsistency(previous.Size, previous.Root, current.Size, current.Root, proof);
                }
                catch (LedgerException ex)
                {
                    throw new LedgerException(LedgerError.Inconsistent, string.Create(CultureInfo.InvariantCulture, $"NOT CONSISTENT with the remembered checkpoint of size {previous.Size}: {ex.Message}"));
                }

                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"consistent with the remembered checkpoint of size {previous.Size} ({proof.Length} proof hashes from {tiles.Fetched} tiles); {current.Size - previous.Size} new entries"));
            }

            LogOptions.WriteAtomically(statePath, signed);
            context.Output.WriteLine("OK");
            return ExitCodes.Ok;
        }
        catch (LedgerException ex)
        {
            return LogOptions.Fail(context, ex);
        }
    }
}
