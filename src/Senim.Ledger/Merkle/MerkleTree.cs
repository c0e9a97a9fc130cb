namespace Senim.Ledger.Merkle;

/// <summary>
/// Tree heads and proofs computed from stored hashes (RFC 9162 §2.1.1 MTH, §2.1.3.1 PATH, §2.1.4.1 PROOF).
/// Each plans the O(log n) stored hashes it needs (<see cref="HashPlan"/>), reads them in one call, and hashes at
/// most O(log n) nodes over memory. To answer several at once with one read, put them in one <see cref="HashPlan"/>.
/// </summary>
public static class MerkleTree
{
    /// <summary>The tree head (root hash) of the first <paramref name="size"/> leaves.</summary>
    public static async ValueTask<MerkleHash> RootAsync(IHashReader reader, long size, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);

        // A tree head is the fold of its frontier: one node per set bit of the size, read together.
        var nodes = MerkleFrontier.EdgeNodes(size);
        if (nodes.Length == 0)
        {
            return Rfc9162.EmptyRoot;
        }

        var hashes = new MerkleHash[nodes.Length];
        await reader.ReadNodesAsync(nodes, hashes, cancellationToken);
        var root = hashes[^1];
        for (var i = hashes.Length - 2; i >= 0; i--)
        {
            root = Rfc9162.NodeHash(hashes[i], root);
        }

        return root;
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, leaf side first.</summary>
    public static async ValueTask<MerkleHash[]> InclusionProofAsync(IHashReader reader, long index, long size, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var plan = new HashPlan();
        plan.AddInclusionProof(index, size);
        return await plan.ComputeAsync(reader, cancellationToken);
    }

    /// <summary>The consistency proof from the tree of <paramref name="oldSize"/> leaves to the tree of <paramref name="newSize"/>; empty when the sizes are equal or the old tree is empty.</summary>
    public static async ValueTask<MerkleHash[]> ConsistencyProofAsync(IHashReader reader, long oldSize, long newSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var plan = new HashPlan();
        plan.AddConsistencyProof(oldSize, newSize);
        return await plan.ComputeAsync(reader, cancellationToken);
    }

    /// <summary>MTH(D[start:end]) for a range that starts at a multiple of a power of two at least as large as the range (the only ranges RFC proofs use).</summary>
    public static async ValueTask<MerkleHash> RangeHashAsync(IHashReader reader, long start, long end, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var plan = new HashPlan();
        plan.AddRange(start, end);
        return (await plan.ComputeAsync(reader, cancellationToken))[0];
    }
}
