using System.Text.Json;
using Senim.Ledger.Merkle;

namespace Senim.Ledger.Witnessing;

/// <summary>
/// Witness state in one JSON file ({"origin": {"size": N, "root": "base64"}}), replaced atomically (write to a
/// temporary file, flush to disk, rename) on every write. One witness process per file.
/// </summary>
public sealed class FileWitnessState(string path) : IWitnessState
{
    public WitnessRecord? Read(string origin) => Load().TryGetValue(origin, out var record) ? record : null;

    public void Write(string origin, WitnessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var all = Load();
        all[origin] = record;
        var json = JsonSerializer.SerializeToUtf8Bytes(all.ToDictionary(p => p.Key, p => new Entry(p.Value.Size, p.Value.Root.ToBase64())));
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private Dictionary<string, WitnessRecord> Load()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllBytes(path)) ?? [];
            return entries.ToDictionary(p => p.Key, p => new WitnessRecord(p.Value.Size, MerkleHash.ParseBase64(p.Value.Root)), StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new LedgerException(LedgerError.Malformed, $"The witness state {path} is not readable: {ex.Message}");
        }
    }

    private sealed record Entry(long Size, string Root);
}
