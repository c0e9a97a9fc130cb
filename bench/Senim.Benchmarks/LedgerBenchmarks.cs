using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Storage;
using Senim.Ledger.Tiles;

namespace Senim.Benchmarks;

/// <summary>
/// In-memory appends (goal: at least 400,000 entries per second on one core), against the raw cost of the SHA-256
/// work an append must do: one leaf hash and one node hash per entry on average.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LedgerAppendBenchmarks
{
    public const int Entries = 100_000;
    public const int Batch = 1_000;
    private byte[][] _entries = null!;
    private NoteSigner _signer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _entries = [.. Enumerable.Range(0, Entries).Select(i => Encoding.UTF8.GetBytes($"{{\"event\":\"registered\",\"system\":{i}}}"))];
        _signer = NoteKeys.ParseSignerKey(NoteKeys.Generate("bench.example/log").SignerKey);
    }

    [GlobalCleanup]
    public void Cleanup() => _signer.Dispose();

    [Benchmark(Description = "append 100,000 entries in batches of 1,000 (100 signed checkpoints)", OperationsPerInvoke = Entries)]
    public async Task<long> Append()
    {
        var store = new MemoryLogStore();
        var appender = new LogAppender(store, "bench.example/log", _signer);
        for (var at = 0; at < Entries; at += Batch)
        {
            await appender.AppendAsync(new ArraySegment<byte[]>(_entries, at, Batch));
        }

        return store.Size;
    }

    [Benchmark(Baseline = true, Description = "raw SHA-256: one leaf hash and one node hash per entry", OperationsPerInvoke = Entries)]
    public byte Raw()
    {
        Span<byte> node = stackalloc byte[65];
        Span<byte> leaf = stackalloc byte[256];
        Span<byte> output = stackalloc byte[32];
        foreach (var entry in _entries)
        {
            leaf[0] = 0;
            entry.CopyTo(leaf[1..]);
            SHA256.HashData(leaf[..(entry.Length + 1)], output);
            node[0] = 1;
            SHA256.HashData(node, output);
        }

        return output[0];
    }
}

/// <summary>An inclusion proof in a log of 10,000,000 entries (goal: under 100 µs), and a consistency proof.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LedgerProofBenchmarks
{
    public const long Size = 10_000_000;
    private MemoryLogStore _store = null!;
    private long _next;

    [GlobalSetup]
    public async Task Setup()
    {
        using var signer = NoteKeys.ParseSignerKey(NoteKeys.Generate("bench.example/log").SignerKey);
        _store = new MemoryLogStore();
        var appender = new LogAppender(_store, "bench.example/log", signer);
        var batch = new byte[10_000][];
        for (long at = 0; at < Size; at += batch.Length)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = Encoding.UTF8.GetBytes($"entry-{at + i}");
            }

            await appender.AppendAsync(batch);
        }
    }

    [Benchmark(Description = "inclusion proof, 10,000,000 entries")]
    public ValueTask<MerkleHash[]> Inclusion()
    {
        _next = (_next + 7_919_993) % Size;
        return MerkleTree.InclusionProofAsync(_store, _next, Size);
    }

    [Benchmark(Description = "consistency proof, 10,000,000 entries")]
    public ValueTask<MerkleHash[]> Consistency()
    {
        _next = (_next + 7_919_993) % Size;
        return MerkleTree.ConsistencyProofAsync(_store, _next + 1, Size);
    }

    [Benchmark(Description = "tree head at an arbitrary size, 10,000,000 entries")]
    public ValueTask<MerkleHash> Root()
    {
        _next = (_next + 7_919_993) % Size;
        return MerkleTree.RootAsync(_store, _next + 1);
    }
}

/// <summary>
/// Verifying a 1,000,000-entry log from tiles exported to a folder (goal: at least half the machine's raw SHA-256
/// speed), against the raw SHA-256 work the recomputation cannot avoid: N − 1 node hashes of 65 bytes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class LedgerVerifyBenchmarks
{
    public const int Size = 1_000_000;
    private string _folder = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        using var signer = NoteKeys.ParseSignerKey(NoteKeys.Generate("bench.example/log").SignerKey);
        var store = new MemoryLogStore();
        var appender = new LogAppender(store, "bench.example/log", signer);
        var batch = new byte[10_000][];
        for (var at = 0; at < Size; at += batch.Length)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = Encoding.UTF8.GetBytes($"entry-{at + i}");
            }

            await appender.AppendAsync(batch);
        }

        _folder = Directory.CreateTempSubdirectory("senim-bench-tiles-").FullName;
        await LogExporter.ExportAsync(store, _folder);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "recompute a 1,000,000-entry tree from its tiles in a folder")]
    public async Task<MerkleHash> Verify() => (await TreeRecomputation.RecomputeAsync(new DirectoryLogSource(_folder), Size)).Root;

    [Benchmark(Baseline = true, Description = "raw SHA-256: 999,999 node hashes of 65 bytes")]
    public byte Raw()
    {
        Span<byte> node = stackalloc byte[65];
        Span<byte> output = stackalloc byte[32];
        for (var i = 1; i < Size; i++)
        {
            node[0] = 1;
            output.CopyTo(node[1..]);
            SHA256.HashData(node, output);
        }

        return output[0];
    }
}
