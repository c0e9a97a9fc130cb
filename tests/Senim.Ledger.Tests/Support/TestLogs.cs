using System.Text;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Storage;

namespace Senim.Ledger.Tests.Support;

/// <summary>Logs of "entry-0", "entry-1", ... as the shared fixtures use, and the Go reference key pair.</summary>
internal static class TestLogs
{
    public const string Origin = "example.kz/ai-register";

    // golang.org/x/mod/sumdb/note's documented example key pair and note.
    public const string PeterVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    public const string PeterSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    public const string PeterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    public const string PeterSignature = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    public static byte[] Entry(long i) => Encoding.ASCII.GetBytes($"entry-{i}");

    public static MerkleHash Leaf(long i) => Rfc9162.LeafHash(Entry(i));

    public static MerkleHash[] Leaves(int n) => [.. Enumerable.Range(0, n).Select(i => Leaf(i))];

    public static NoteSigner NewSigner(string name = Origin) => NoteKeys.ParseSignerKey(NoteKeys.Generate(name).SignerKey);

    /// <summary>A store holding <paramref name="size"/> entries appended in batches of <paramref name="batch"/>.</summary>
    public static async Task<MemoryLogStore> BuildAsync(long size, NoteSigner signer, int batch = 1000)
    {
        var store = new MemoryLogStore();
        var appender = new LogAppender(store, signer.Name, signer);
        for (long at = 0; at < size; at += batch)
        {
            var count = (int)Math.Min(batch, size - at);
            await appender.AppendAsync([.. Enumerable.Range(0, count).Select(i => Entry(at + i))]);
        }

        return store;
    }

    /// <summary>The RFC 9162 PATH and PROOF definitions computed directly over leaf hashes, as a reference.</summary>
    public static List<MerkleHash> ReferencePath(long m, ReadOnlySpan<MerkleHash> d)
    {
        if (d.Length == 1)
        {
            return [];
        }

        var k = (int)LargestPowerOfTwoBelow(d.Length);
        if (m < k)
        {
            var path = ReferencePath(m, d[..k]);
            path.Add(Rfc9162.RootOfLeafHashes(d[k..]));
            return path;
        }
        else
        {
            var path = ReferencePath(m - k, d[k..]);
            path.Add(Rfc9162.RootOfLeafHashes(d[..k]));
            return path;
        }
    }

    public static List<MerkleHash> ReferenceSubProof(long m, ReadOnlySpan<MerkleHash> d, bool complete)
    {
        if (m == d.Length)
        {
            return complete ? [] : [Rfc9162.RootOfLeafHashes(d)];
        }

        var k = (int)LargestPowerOfTwoBelow(d.Length);
        if (m <= k)
        {
            var proof = ReferenceSubProof(m, d[..k], complete);
            proof.Add(Rfc9162.RootOfLeafHashes(d[k..]));
            return proof;
        }
        else
        {
            var proof = ReferenceSubProof(m - k, d[k..], false);
            proof.Add(Rfc9162.RootOfLeafHashes(d[..k]));
            return proof;
        }
    }

    private static long LargestPowerOfTwoBelow(long n)
    {
        long k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}

/// <summary>A temporary folder removed afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("senim-ledger-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
