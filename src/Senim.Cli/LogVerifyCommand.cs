using System.CommandLine;
using System.Globalization;
using System.Text;
using Senim.Ledger;
using Senim.Ledger.Merkle;
using Senim.Ledger.Receipts;
using Senim.Ledger.Tiles;

namespace Senim.Cli;

/// <summary>
/// `senim log verify URL|DIR --key VKEY [--entry N] [--receipt FILE] [--records [--register URL]]`: recompute the whole
/// tree from tiles and check it against the signed checkpoint; with --records, also check the register's served
/// records against the log.
/// </summary>
internal static class LogVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var log = PinnedLogOptions.Create(
            "The log's URL prefix (serving checkpoint and tile/...) or a folder holding the same files.",
            "The log's public key, name+keyid+base64 (pin it: get it from the register's operator, not from the log).");
        var entry = new Option<long?>("--entry") { Description = "Also check entry N: its bundle, its leaf hash and its inclusion proof, and print it." };
        var receipt = new Option<string?>("--receipt") { Description = "Also check a receipt (c2sp.org/tlog-proof@v1 file) against the log, step by step." };
        var records = new Option<bool>("--records") { Description = "Also compare every system's public record served by the register with the record hash in its latest log entry (reads every entry bundle and one record per system)." };
        var register = new Option<string?>("--register") { Description = "The register's base URL for --records (default: URL without its trailing log/)." };
        var verify = new Command("verify", "Recompute the log's tree from its tiles and check it against the checkpoint signed by the pinned key. Exit codes: 0 valid, 1 invalid, 2 invalid input, 4 the log could not be read.")
        {
            log.Location, log.Key, log.KeyFile, log.Origin, entry, receipt, records, register,
        };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            Uri? registerUrl = null;
            if (parse.GetValue(records))
            {
                var given = parse.GetValue(register);
                registerUrl = given is not null
                    ? Uri.TryCreate(given.EndsWith('/') ? given : given + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" ? parsed : null
                    : Uri.TryCreate(parse.GetValue(log.Location)!, UriKind.Absolute, out var logUrl) && logUrl.Scheme is "http" or "https" ? LogRecordsCheck.RegisterFor(logUrl) : null;
                if (registerUrl is null)
                {
                    context.Error.WriteLine("--records needs the register's URL: give --register URL (or a log URL ending in /log/).");
                    return ExitCodes.InvalidInput;
                }
            }

            return await RunAsync(context, log.Open(context, parse), parse.GetValue(entry), parse.GetValue(receipt), registerUrl, cancellationToken);
        });
        return verify;
    }

    private static async Task<int> RunAsync(CliContext context, PinnedLog? log, long? entryIndex, string? receiptFile, Uri? register, CancellationToken cancellationToken)
    {
        if (log is null)
        {
            return ExitCodes.InvalidInput;
        }

        var (key, source, origin) = log;

        string? receiptText = null;
        if (receiptFile is not null)
        {
            var info = new FileInfo(receiptFile);
            if (!info.Exists || info.Length > TlogProof.MaxBytes)
            {
                context.Error.WriteLine($"--receipt {receiptFile}: no such file, or larger than {TlogProof.MaxBytes} bytes.");
                return ExitCodes.InvalidInput;
            }

            receiptText = await File.ReadAllTextAsync(receiptFile, Encoding.UTF8, cancellationToken);
        }

        var output = context.Output;
        try
        {
            var (checkpoint, _) = await LogOptions.FetchCheckpointAsync(source, origin, key, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpoint: {checkpoint.Origin}, size {checkpoint.Size}, root {checkpoint.Root.ToBase64()}"));
            output.WriteLine($"signature: {key.Name}+{key.KeyId:x8} verified");

            var recomputed = await TreeRecomputation.RecomputeAsync(source, checkpoint.Size, cancellationToken);
            if (recomputed.Root != checkpoint.Root)
            {
                throw new LedgerException(LedgerError.Inconsistent, $"The tiles give root {recomputed.Root.ToBase64()}, the checkpoint signs {checkpoint.Root.ToBase64()}.");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tree: recomputed from {recomputed.TilesRead} tiles; the root matches the checkpoint"));
            var tiles = new TileReader(source, checkpoint.Size);

            if (entryIndex is { } index)
            {
                if (index < 0 || index >= checkpoint.Size)
                {
                    context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--entry {index}: the log has entries 0 to {checkpoint.Size - 1}."));
                    return ExitCodes.InvalidInput;
                }

                var entry = await ReadEntryAsync(source, index, checkpoint.Size, cancellationToken);
                var leaf = Rfc9162.LeafHash(entry);
                var proof = await MerkleTree.InclusionProofAsync(tiles, index, checkpoint.Size, cancellationToken);
                ProofVerifier.VerifyInclusion(index, checkpoint.Size, leaf, proof, checkpoint.Root);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"entry {index}: leaf hash {leaf.ToHex()}; inclusion proof of {proof.Length} hashes verifies"));
                output.WriteLine(Describe(entry));
            }

            if (receiptText is not null)
            {
                var receiptOk = await CheckReceiptAsync(context, source, tiles, receiptText, new ReceiptPolicy(origin, key), checkpoint.Size, cancellationToken);
                if (!receiptOk)
                {
                    return ExitCodes.Failure;
                }
            }

            if (register is not null && await LogRecordsCheck.RunAsync(context, source, checkpoint.Size, register, cancellationToken) > 0)
            {
                return ExitCodes.Failure;
            }

            output.WriteLine("OK");
            return ExitCodes.Ok;
        }
        catch (LedgerException ex)
        {
            return LogOptions.Fail(context, ex);
        }
    }

    private static async Task<bool> CheckReceiptAsync(CliContext context, ILogSource source, TileReader tiles, string text, ReceiptPolicy policy, long size, CancellationToken cancellationToken)
    {
        byte[] entry;
        TlogProof receipt;
        try
        {
            receipt = TlogProof.Parse(text);
        }
        catch (LedgerException ex)
        {
            context.Error.WriteLine($"FAILED: receipt: {ex.Message}");
            return false;
        }

        if (receipt.Index >= size)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAILED: the receipt is for entry {receipt.Index}; the log has {size} entries."));
            return false;
        }

        entry = await ReadEntryAsync(source, receipt.Index, size, cancellationToken);
        var result = ReceiptVerifier.Verify(text, entry, policy);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"receipt for entry {receipt.Index}:"));
        foreach (var step in result.Steps)
        {
            context.Output.WriteLine($"  [{(step.Ok ? "ok" : "FAILED")}] {step.Title}");
            foreach (var value in step.Inputs.Concat(step.Outputs))
            {
                context.Output.WriteLine($"        {value.Name}: {value.Value}");
            }
        }

        if (!result.Valid)
        {
            context.Error.WriteLine($"FAILED: receipt: {result.Error}");
            return false;
        }

        var receiptSize = result.Checkpoint!.Size;
        if (receiptSize > size)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAILED: the receipt's checkpoint has {receiptSize} entries, more than the log now serves ({size}): the log was rolled back or forked."));
            return false;
        }

        var rootThen = await MerkleTree.RootAsync(tiles, receiptSize, cancellationToken);
        if (rootThen != result.Checkpoint.Root)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAILED: the log's tree of size {receiptSize} has root {rootThen.ToBase64()}, the receipt's checkpoint {result.Checkpoint.Root.ToBase64()}: the log forked."));
            return false;
        }

        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [ok] The receipt's checkpoint (size {receiptSize}) is consistent with the log's current tree"));
        return true;
    }

    private static async Task<byte[]> ReadEntryAsync(ILogSource source, long index, long size, CancellationToken cancellationToken)
    {
        var bundleIndex = index / TilePath.FullWidth;
        var width = TileLayout.Width(0, bundleIndex, size);
        var path = TilePath.Entries(bundleIndex, width);
        var bytes = await source.ReadAsync(path.ToString(), TileLayout.MaxBundleBytes, cancellationToken);
        IReadOnlyList<byte[]> entries;
        if (bytes is null && path.IsPartial)
        {
            // The partial bundle may be gone once the full one exists; the full bundle starts with the same entries.
            var full = TilePath.Entries(bundleIndex).ToString();
            bytes = await source.ReadAsync(full, TileLayout.MaxBundleBytes, cancellationToken) ?? throw new LedgerException(LedgerError.Missing, $"{path} (and {full}) not found.");
            entries = TileLayout.ParseEntryBundle(bytes, TilePath.FullWidth, full);
        }
        else
        {
            entries = TileLayout.ParseEntryBundle(bytes ?? throw new LedgerException(LedgerError.Missing, $"{path} not found."), width, path.ToString());
        }

        var entry = entries[(int)(index % TilePath.FullWidth)];
        var leaf = Rfc9162.LeafHash(entry);
        var tileHash = (await TileReader.FetchAsync(source, TilePath.Hashes(0, bundleIndex, width), cancellationToken))[(int)(index % TilePath.FullWidth)];
        if (leaf != tileHash)
        {
            throw new LedgerException(LedgerError.Inconsistent, $"Entry {index} in {path} hashes to {leaf.ToHex()}, but its tile holds {tileHash.ToHex()}.");
        }

        return entry;
    }

    private static string Describe(byte[] entry)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(entry);
            return text.Any(c => char.IsControl(c) && c != '\n' && c != '\t') ? "  (binary) " + Convert.ToHexStringLower(entry) : "  " + text;
        }
        catch (DecoderFallbackException)
        {
            return "  (binary) " + Convert.ToHexStringLower(entry);
        }
    }
}
