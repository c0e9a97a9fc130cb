using Senim.Ledger.Merkle;

namespace Senim.Ledger.Storage;

/// <summary>
/// A log kept in memory: for tests, benchmarks, tools, and as the model of what a durable store must do.
/// Appends are exclusive (one session at a time); a commit becomes visible to readers only when it is complete.
/// Every read completes synchronously; the async signatures are the <see cref="ILogStore"/> edge.
/// </summary>
#pragma warning disable CA1001 // The SemaphoreSlim's wait handle is never asked for, so it holds nothing to dispose.
public sealed class MemoryLogStore : ILogStore
#pragma warning restore CA1001
{
    // A session may end on another thread than the one that began it (it is awaited), so the gate is not thread-affine.
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly Lock _publish = new();
    private readonly List<HashColumn> _levels = [];
    private readonly List<byte[]> _entries = [];
    private string? _checkpoint;
    private long _size;

    /// <summary>How many entries are committed.</summary>
    public long Size => Volatile.Read(ref _size);

    /// <summary>The latest committed signed checkpoint, or null (in memory: no I/O, so no need to await).</summary>
    public string? LatestCheckpoint => Volatile.Read(ref _checkpoint);

    public ValueTask<string?> ReadCheckpointAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(LatestCheckpoint);

    public ValueTask<IReadOnlyList<byte[]>> ReadEntriesAsync(long start, int count, CancellationToken cancellationToken = default)
    {
        lock (_publish)
        {
            if (start < 0 || count < 0 || start + count > _size)
            {
                throw new LedgerException(LedgerError.Missing, $"Entries [{start}, {start + count}) are not in a log of {_size}.");
            }

            return ValueTask.FromResult<IReadOnlyList<byte[]>>(_entries.GetRange((int)start, count));
        }
    }

    public ValueTask ReadHashesAsync(int level, long start, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
    {
        var column = Column(level);
        if (column is null || start < 0 || start + destination.Length > column.Count)
        {
            throw new LedgerException(LedgerError.Missing, $"Stored hashes [{start}, {start + destination.Length}) at level {level} are not in the log.");
        }

        column.Read(start, destination.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReadNodesAsync(ReadOnlyMemory<TreeNode> nodes, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
    {
        var wanted = nodes.Span;
        var into = destination.Span;
        for (var i = 0; i < wanted.Length; i++)
        {
            var (level, index) = wanted[i];
            var column = Column(level);
            if (column is null || index < 0 || index >= column.Count)
            {
                throw new LedgerException(LedgerError.Missing, $"Stored hash {wanted[i]} is not in the log.");
            }

            into[i] = column.Get(index);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<ILogAppendSession> BeginAppendAsync(CancellationToken cancellationToken = default)
    {
        await _appendGate.WaitAsync(cancellationToken);
        return new Session(this);
    }

    private HashColumn? Column(int level)
    {
        lock (_publish)
        {
            return level >= 0 && level < _levels.Count ? _levels[level] : null;
        }
    }

    private void Apply(LogBatch batch)
    {
        if (batch.OldSize != _size)
        {
            throw new LedgerException(LedgerError.Conflict, $"The log has {_size} entries, not {batch.OldSize}.");
        }

        var counts = new Dictionary<int, long>();
        foreach (var stored in batch.Hashes)
        {
            while (_levels.Count <= stored.Level)
            {
                lock (_publish)
                {
                    _levels.Add(new HashColumn());
                }
            }

            var column = _levels[stored.Level];
            var expected = counts.TryGetValue(stored.Level, out var c) ? c : column.Count;
            if (stored.Index != expected)
            {
                throw new LedgerException(LedgerError.Conflict, $"Stored hash ({stored.Level}, {stored.Index}) is out of order; expected index {expected}.");
            }

            column.Set(stored.Index, stored.Hash);
            counts[stored.Level] = expected + 1;
        }

        lock (_publish)
        {
            _entries.AddRange(batch.Entries);
            foreach (var (level, count) in counts)
            {
                _levels[level].Publish(count);
            }

            Volatile.Write(ref _checkpoint, batch.SignedCheckpoint);
            Volatile.Write(ref _size, batch.NewSize);
        }
    }

    private sealed class Session(MemoryLogStore store) : LogAppendSession(store, store.LatestCheckpoint)
    {
        private int _done;

        public override ValueTask CommitAsync(LogBatch batch, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(batch);
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _done) != 0, this);
            store.Apply(batch);
            return ValueTask.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                store._appendGate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
