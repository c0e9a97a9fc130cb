using Senim.Ledger.Merkle;

namespace Senim.Ledger.Storage;

/// <summary>
/// A log kept in memory: for tests, benchmarks, tools, and as the model of what a durable store must do.
/// Appends are exclusive (one session at a time); a commit becomes visible to readers only when it is complete.
/// </summary>
public sealed class MemoryLogStore : ILogStore
{
    // Sessions are synchronous and end on the thread that began them, so a thread-affine lock is enough.
    private readonly Lock _appendGate = new();
    private readonly Lock _publish = new();
    private readonly List<HashColumn> _levels = [];
    private readonly List<byte[]> _entries = [];
    private string? _checkpoint;
    private long _size;

    /// <summary>How many entries are committed.</summary>
    public long Size => Volatile.Read(ref _size);

    public string? ReadCheckpoint() => Volatile.Read(ref _checkpoint);

    public IReadOnlyList<byte[]> ReadEntries(long start, int count)
    {
        lock (_publish)
        {
            if (start < 0 || count < 0 || start + count > _size)
            {
                throw new LedgerException(LedgerError.Missing, $"Entries [{start}, {start + count}) are not in a log of {_size}.");
            }

            return _entries.GetRange((int)start, count);
        }
    }

    public void ReadHashes(int level, long start, Span<MerkleHash> destination)
    {
        HashColumn? column;
        lock (_publish)
        {
            column = level >= 0 && level < _levels.Count ? _levels[level] : null;
        }

        if (column is null || start < 0 || start + destination.Length > column.Count)
        {
            throw new LedgerException(LedgerError.Missing, $"Stored hashes [{start}, {start + destination.Length}) at level {level} are not in the log.");
        }

        column.Read(start, destination);
    }

    public ILogAppendSession BeginAppend()
    {
        _appendGate.Enter();
        return new Session(this);
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

    private sealed class Session(MemoryLogStore store) : ILogAppendSession
    {
        private bool _done;

        public string? Checkpoint { get; } = store.ReadCheckpoint();

        public void ReadHashes(int level, long start, Span<MerkleHash> destination) => store.ReadHashes(level, start, destination);

        public void Commit(LogBatch batch)
        {
            ArgumentNullException.ThrowIfNull(batch);
            ObjectDisposedException.ThrowIf(_done, this);
            store.Apply(batch);
        }

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                store._appendGate.Exit();
            }
        }
    }
}
