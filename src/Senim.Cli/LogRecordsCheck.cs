using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Senim.Ledger;
using Senim.Ledger.Tiles;
using Senim.Registry.Log;

namespace Senim.Cli;

/// <summary>
/// `senim log verify URL --records`: what an outsider can check beyond the log itself. The log's latest entry for
/// each system names the SHA-256 of the public record the register published with it; this reads every entry
/// bundle, then fetches each system's record from the register that serves the log and compares. A record edited
/// (or deleted) in the register's database without going through its services no longer matches the log.
/// </summary>
internal static class LogRecordsCheck
{
    /// <summary>Formats of the served record that are not part of the stored record the log hashes.</summary>
    private static readonly string[] ServedOnly = ["format", "url", "explanation"];

    /// <summary>Prints what it finds; returns the number of records that do not match the log.</summary>
    public static async Task<int> RunAsync(CliContext context, ILogSource source, long size, Uri register, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<Guid, (long Index, string? Hash)>();
        foreach (var bundle in TileLayout.EntryBundles(size))
        {
            var bytes = await source.ReadAsync(bundle.ToString(), TileLayout.MaxBundleBytes, cancellationToken) ?? throw new LedgerException(LedgerError.Missing, $"{bundle} not found.");
            var entries = TileLayout.ParseEntryBundle(bytes, bundle.Width, bundle.ToString());
            for (var i = 0; i < entries.Count; i++)
            {
                // An organisation's event (verification, BIN transfer) vouches for no system record.
                if (Describe(entries[i], bundle.Index * TilePath.FullWidth + i) is { SystemId: { } systemId } entry)
                {
                    latest[systemId] = (bundle.Index * TilePath.FullWidth + i, entry.RecordHash);
                }
            }
        }

        var mismatches = 0;
        foreach (var (systemId, (index, expected)) in latest.OrderBy(l => l.Value.Index))
        {
            var url = new Uri(register, $"register/{systemId}.json");
            using var response = await LogOptions.Http.GetAsync(url, cancellationToken);
            string? served = null;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                served = RecordHash(await response.Content.ReadAsStringAsync(cancellationToken));
            }
            else if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw new LedgerException(LedgerError.Missing, $"{url}: HTTP {(int)response.StatusCode}.");
            }

            if (served == expected)
            {
                continue;
            }

            mismatches++;
            context.Error.WriteLine(expected is null
                ? string.Create(CultureInfo.InvariantCulture, $"FAILED: the register publishes system {systemId}, but its last log entry ({index}) records that it was taken off the register.")
                : served is null
                    ? string.Create(CultureInfo.InvariantCulture, $"FAILED: system {systemId} is missing from the register, but its last log entry ({index}) records it as published: it was deleted outside the register's services.")
                    : string.Create(CultureInfo.InvariantCulture, $"FAILED: the register's record of system {systemId} is not the one its last log entry ({index}) records (sha256 {served} instead of {expected}): the record was changed outside the register's services."));
        }

        context.Output.WriteLine(mismatches == 0
            ? string.Create(CultureInfo.InvariantCulture, $"records: the register at {register} publishes exactly the records the log's latest entries name ({latest.Count} systems)")
            : string.Create(CultureInfo.InvariantCulture, $"records: {mismatches} of {latest.Count} systems' public records do not match the log: the register's data was altered after it was logged"));
        return mismatches;
    }

    /// <summary>The register's URL for a log served at its /log/ prefix.</summary>
    public static Uri? RegisterFor(Uri log)
    {
        var path = log.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/log", StringComparison.Ordinal) ? new Uri(log, path[..^"log".Length]) : null;
    }

    /// <summary>SHA-256 of the canonical stored record: the served record without its host-dependent fields.</summary>
    private static string RecordHash(string served)
    {
        var record = JsonNode.Parse(served) as JsonObject ?? throw new LedgerException(LedgerError.Malformed, "The register served a record that is not a JSON object.");
        foreach (var name in ServedOnly)
        {
            record.Remove(name);
        }

        return RegisterLogEntry.RecordHash(record.ToJsonString())!;
    }

    private static LogEntryIds Describe(byte[] entry, long index)
    {
        try
        {
            return RegisterLogEntry.Describe(entry);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new LedgerException(LedgerError.Malformed, $"Entry {index} is not a register entry (senim.log/1): {ex.Message}");
        }
    }
}
