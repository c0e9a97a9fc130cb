using System.Numerics;

namespace Senim.Ledger.Merkle;

/// <summary>
/// Tree heads and proofs computed from stored hashes (RFC 9162 §2.1.1 MTH, §2.1.3.1 PATH, §2.1.4.1 PROOF).
/// Each reads O(log n) stored hashes and hashes at most O(log n) nodes.
/// </summary>
public static class MerkleTree
{
    /// <summary>The tree head (root hash) of the first <paramref name="size"/> leaves.</summary>
    public static MerkleHash Root(IHashReader reader, long size)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? Rfc9162.EmptyRoot : RangeHash(reader, 0, size);
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, leaf side first.</summary>
    public static MerkleHash[] InclusionProof(IHashReader reader, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (index < 0 || index >= size)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"Leaf index {index} is not below tree size {size}.");
        }

        var proof = new List<MerkleHash>(64);
        Path(reader, index, 0, size, proof);
        return [.. proof];
    }

    /// <summary>The consistency proof from the tree of <paramref name="oldSize"/> leaves to the tree of <paramref name="newSize"/>; empty when the sizes are equal or the old tree is empty.</summary>
    public static MerkleHash[] ConsistencyProof(IHashReader reader, long oldSize, long newSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (oldSize < 0 || newSize < 0)
        {
            throw new LedgerException(LedgerError.OutOfRange, "Tree sizes cannot be negative.");
        }

        if (oldSize > newSize)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"A consistency proof goes from a smaller tree to a larger one; from {oldSize} is larger than to {newSize}.");
        }

        if (oldSize == 0 || oldSize == newSize)
        {
            return [];
        }

        var proof = new List<MerkleHash>(64);
        SubProof(reader, oldSize, 0, newSize, true, proof);
        return [.. proof];
    }

    /// <summary>MTH(D[start:end]) for a range that starts at a multiple of a power of two at least as large as the range (the only ranges RFC proofs use).</summary>
    public static MerkleHash RangeHash(IHashReader reader, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (start < 0 || end <= start)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"Empty or negative range [{start}, {end}).");
        }

        var span = (long)BitOperations.RoundUpToPowerOf2((ulong)(end - start));
        if (start % span != 0)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"[{start}, {end}) is not a subtree of an RFC 9162 tree.");
        }

        // Split the range into complete aligned subtrees, largest first, then fold from the right as the RFC does.
        Span<MerkleHash> parts = stackalloc MerkleHash[64];
        Span<MerkleHash> one = stackalloc MerkleHash[1];
        var count = 0;
        var at = start;
        while (at < end)
        {
            var level = Math.Min(at == 0 ? 63 : BitOperations.TrailingZeroCount(at), 63 - BitOperations.LeadingZeroCount((ulong)(end - at)));
            reader.ReadHashes(level, at >> level, one);
            parts[count++] = one[0];
            at += 1L << level;
        }

        var hash = parts[count - 1];
        for (var i = count - 2; i >= 0; i--)
        {
            hash = Rfc9162.NodeHash(parts[i], hash);
        }

        return hash;
    }

    private static void Path(IHashReader reader, long m, long lo, long hi, List<MerkleHash> proof)
    {
        var n = hi - lo;
        if (n == 1)
        {
            return;
        }

        var k = TreeMath.LargestPowerOfTwoBelow(n);
        if (m - lo < k)
        {
            Path(reader, m, lo, lo + k, proof);
            proof.Add(RangeHash(reader, lo + k, hi));
        }
        else
        {
            Path(reader, m, lo + k, hi, proof);
            proof.Add(RangeHash(reader, lo, lo + k));
        }
    }

    private static void SubProof(IHashReader reader, long m, long lo, long hi, bool complete, List<MerkleHash> proof)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(RangeHash(reader, lo, hi));
            }

            return;
        }

        var k = TreeMath.LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(reader, m, lo, lo + k, complete, proof);
            proof.Add(RangeHash(reader, lo + k, hi));
        }
        else
        {
            SubProof(reader, m - k, lo + k, hi, false, proof);
            proof.Add(RangeHash(reader, lo, lo + k));
        }
    }
}
