namespace Senim.Ledger.Merkle;

/// <summary>
/// Reads the stored hashes of a log: the hash of node (level <c>h</c>, index <c>i</c>) is the root of the complete
/// subtree over leaves [i·2^h, (i+1)·2^h). Level 0 holds the leaf hashes. Only complete subtrees are stored, so
/// everything else (tree heads, proofs, tiles) is computed from these. Reads are the log's I/O edge and are
/// asynchronous; what is computed from them (<see cref="HashPlan"/>) is synchronous over memory.
/// </summary>
public interface IHashReader
{
    /// <summary>Copies the stored hashes at <paramref name="level"/> from <paramref name="start"/> on into <paramref name="destination"/> (tiles, whole levels).</summary>
    /// <exception cref="LedgerException">A requested hash is not stored (kind <see cref="LedgerError.Missing"/>).</exception>
    ValueTask ReadHashesAsync(int level, long start, Memory<MerkleHash> destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies the stored hash of each of <paramref name="nodes"/> into the same position of <paramref name="destination"/>
    /// (proofs and tree heads: O(log n) scattered nodes, read together). Nodes may repeat and come in any order.
    /// </summary>
    /// <exception cref="LedgerException">A requested hash is not stored (kind <see cref="LedgerError.Missing"/>).</exception>
    ValueTask ReadNodesAsync(ReadOnlyMemory<TreeNode> nodes, Memory<MerkleHash> destination, CancellationToken cancellationToken = default);
}

/// <summary>A node of the tree: the complete subtree at <paramref name="Level"/> over leaves [Index·2^Level, (Index+1)·2^Level).</summary>
public readonly record struct TreeNode(int Level, long Index)
{
    /// <inheritdoc/>
    public override string ToString() => $"({Level}, {Index})";
}
