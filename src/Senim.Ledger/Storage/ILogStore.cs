using Senim.Ledger.Merkle;

namespace Senim.Ledger.Storage;

/// <summary>
/// Where a log keeps its entries, its stored hashes and its latest signed checkpoint: the log's I/O edge, so every
/// read and write is asynchronous. Reads see committed data only. Appends go through <see cref="BeginAppendAsync"/>:
/// one append session at a time per log (a database implementation takes a row lock on the log's head inside a
/// transaction), and <see cref="ILogAppendSession.CommitAsync"/> writes the batch's entries, hashes and checkpoint
/// all at once or not at all.
/// </summary>
public interface ILogStore : IHashReader
{
    /// <summary>The latest committed signed checkpoint (the whole signed note), or null while the log is empty and has never signed.</summary>
    ValueTask<string?> ReadCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Entries [start, start + count), in order.</summary>
    /// <exception cref="LedgerException">An entry is not stored (kind <see cref="LedgerError.Missing"/>).</exception>
    ValueTask<IReadOnlyList<byte[]>> ReadEntriesAsync(long start, int count, CancellationToken cancellationToken = default);

    /// <summary>Starts an exclusive append, waiting for one in progress to end. Dispose the session to give up without writing.</summary>
    ValueTask<ILogAppendSession> BeginAppendAsync(CancellationToken cancellationToken = default);
}

/// <summary>An exclusive append in progress: reads see the committed state at its start; <see cref="CommitAsync"/> is atomic.</summary>
public interface ILogAppendSession : IHashReader, IAsyncDisposable
{
    /// <summary>The latest signed checkpoint when the session started, or null for a new log.</summary>
    string? Checkpoint { get; }

    /// <summary>Writes the batch atomically. Throws <see cref="LedgerException"/> (kind <see cref="LedgerError.Conflict"/>) if the log no longer has <see cref="LogBatch.OldSize"/> entries.</summary>
    ValueTask CommitAsync(LogBatch batch, CancellationToken cancellationToken = default);
}

/// <summary>
/// An append session that reads hashes through its store: while one session holds the log, the store's committed
/// hashes are the session's. An implementation says how the batch is written and how the session ends.
/// </summary>
public abstract class LogAppendSession(IHashReader store, string? checkpoint) : ILogAppendSession
{
    public string? Checkpoint { get; } = checkpoint;

    public ValueTask ReadHashesAsync(int level, long start, Memory<MerkleHash> destination, CancellationToken cancellationToken = default) =>
        store.ReadHashesAsync(level, start, destination, cancellationToken);

    public ValueTask ReadNodesAsync(ReadOnlyMemory<TreeNode> nodes, Memory<MerkleHash> destination, CancellationToken cancellationToken = default) =>
        store.ReadNodesAsync(nodes, destination, cancellationToken);

    public abstract ValueTask CommitAsync(LogBatch batch, CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}

/// <summary>What one append writes: the entries from index <see cref="OldSize"/> on, every newly stored hash, and the signed checkpoint of the new size.</summary>
public sealed record LogBatch(long OldSize, IReadOnlyList<byte[]> Entries, IReadOnlyList<StoredHash> Hashes, string SignedCheckpoint)
{
    /// <summary>The tree size after the batch.</summary>
    public long NewSize => OldSize + Entries.Count;
}
