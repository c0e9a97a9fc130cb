namespace Senim.Ledger.Merkle;

/// <summary>
/// Reads the stored hashes of a log: the hash at (level <c>h</c>, index <c>i</c>) is the root of the complete
/// subtree over leaves [i·2^h, (i+1)·2^h). Level 0 holds the leaf hashes. Only complete subtrees are stored, so
/// everything else (tree heads, proofs, tiles) is computed from these.
/// </summary>
public interface IHashReader
{
    /// <summary>Copies the stored hashes at <paramref name="level"/> from <paramref name="start"/> on into <paramref name="destination"/>.</summary>
    /// <exception cref="LedgerException">A requested hash is not stored (kind <see cref="LedgerError.Missing"/>).</exception>
    void ReadHashes(int level, long start, Span<MerkleHash> destination);
}
