using Microsoft.EntityFrameworkCore;
using Senim.Ledger;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Receipts;
using Senim.Ledger.Tiles;
using Senim.Registry.Data;
using Senim.Registry.Model;

namespace Senim.Registry.Log;

/// <summary>One entry of a system in the log, for the register's pages.</summary>
public sealed record SystemLogEntry(long Index, string Kind, Guid? EventId);

/// <summary>
/// The read side of the register's transparency log: the signed checkpoint, tiles and entry bundles, inclusion and
/// consistency proofs, receipts and their step-by-step verification. Reads committed data only, at the size of the
/// latest signed checkpoint.
/// </summary>
public sealed class LogService(RegistryDb db, RegistryLogStore store, LogKey key)
{
    /// <summary>Largest consistency or inclusion request size accepted (a tree size).</summary>
    public const long MaxSize = 1L << 40;

    public LogKey Key => key;

    /// <summary>The latest signed checkpoint, or null before the first entry.</summary>
    public string? SignedCheckpoint() => store.ReadCheckpoint();

    /// <summary>The latest checkpoint, parsed (after checking its signature by the log's key).</summary>
    public Checkpoint? Latest()
    {
        var note = store.ReadCheckpoint();
        return note is null ? null : Checkpoint.Open(note, key.Origin, [key.Signer.Verifier]).Checkpoint;
    }

    /// <summary>The bytes of a tile or entry bundle of the latest tree, or null when the tree has no such tile (yet).</summary>
    public byte[]? Tile(TilePath path)
    {
        var size = Latest()?.Size ?? 0;
        var available = TileLayout.Width(path.IsEntries ? 0 : path.Level, path.Index, size);
        if (available < path.Width || (path.IsPartial && path.Width > available) || (!path.IsEntries && path.Level >= 8))
        {
            return null;
        }

        return path.IsEntries
            ? TileLayout.EntryBundle(store.ReadEntries(path.Index * TilePath.FullWidth, path.Width))
            : TileLayout.TileBytes(store, path);
    }

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="size"/> (the latest size when null).</summary>
    public (long Size, MerkleHash[] Proof, MerkleHash Leaf) InclusionProof(long index, long? size)
    {
        var latest = LatestSize();
        var treeSize = size ?? latest;
        if (treeSize > latest || treeSize < 0)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"The log has {latest} entries; tree size {treeSize} is not published.");
        }

        if (index < 0 || index >= treeSize)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"The tree of {treeSize} entries has no entry index {index}.");
        }

        var proof = MerkleTree.InclusionProof(store, index, treeSize);
        var leaf = Rfc9162.LeafHash(store.ReadEntries(index, 1)[0]);
        return (treeSize, proof, leaf);
    }

    /// <summary>The consistency proof from tree size <paramref name="from"/> to <paramref name="to"/> (the latest size when null).</summary>
    public (long To, MerkleHash[] Proof) ConsistencyProof(long from, long? to)
    {
        var latest = LatestSize();
        var target = to ?? latest;
        if (from < 0 || target < 0)
        {
            throw new LedgerException(LedgerError.OutOfRange, "Tree sizes cannot be negative.");
        }

        if (from > target)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"A consistency proof goes from a smaller tree to a larger one; from {from} is larger than to {target}.");
        }

        if (target > latest)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"The log has {latest} entries; tree size {target} is not published.");
        }

        return (target, MerkleTree.ConsistencyProof(store, from, target));
    }

    /// <summary>The root of the tree of <paramref name="size"/> entries.</summary>
    public MerkleHash Root(long size) => MerkleTree.Root(store, size);

    /// <summary>A tlog-proof receipt for entry <paramref name="index"/> against the latest checkpoint, or null if the entry is not in the log.</summary>
    public string? Receipt(long index)
    {
        var note = store.ReadCheckpoint();
        if (note is null || index < 0 || index >= LatestSize())
        {
            return null;
        }

        return TlogProof.Create(store, index, note).ToString();
    }

    /// <summary>The stored entry at <paramref name="index"/>, or null.</summary>
    public Task<LogEntry?> EntryAsync(long index, CancellationToken cancellationToken = default) =>
        db.LogEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Index == index, cancellationToken);

    /// <summary>The log entries of one system, oldest first.</summary>
    public async Task<IReadOnlyList<SystemLogEntry>> EntriesForAsync(Guid systemId, CancellationToken cancellationToken = default) =>
        await db.LogEntries.AsNoTracking().Where(e => e.SystemId == systemId).OrderBy(e => e.Index)
            .Select(e => new SystemLogEntry(e.Index, e.Kind, e.EventId)).ToListAsync(cancellationToken);

    /// <summary>Checks a receipt for the stored entry it names, step by step, against this log's origin and key.</summary>
    public async Task<ReceiptVerification> VerifyReceiptAsync(string receipt, long index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var entry = await EntryAsync(index, cancellationToken);
        var policy = new ReceiptPolicy(key.Origin, key.Signer.Verifier);
        return entry is null
            ? new ReceiptVerification(false, [], $"The log has no entry {index}.", LedgerError.Missing, null, index)
            : ReceiptVerifier.Verify(receipt, entry.Data, policy);
    }

    /// <summary>The public key to pin, in the signed-note verifier key format.</summary>
    public string VerifierKey => key.VerifierKey;

    /// <summary>The size of the latest signed checkpoint (0 before the first).</summary>
    public long LatestSize()
    {
        var note = store.ReadCheckpoint();
        return note is null ? 0 : Checkpoint.ParseBody(SignedNote.Parse(note).Text).Size;
    }
}
