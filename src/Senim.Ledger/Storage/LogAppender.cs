using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Tiles;

namespace Senim.Ledger.Storage;

/// <summary>
/// Appends batches of entries to a log and signs one checkpoint per batch. It never signs two inconsistent
/// checkpoints: inside an exclusive append session it checks the latest signed checkpoint's signature and origin,
/// recomputes that checkpoint's root from the stored hashes (refusing to sign on a mismatch: the store was altered),
/// extends the tree, verifies an RFC 9162 consistency proof from the old head to the new one, and only then signs.
/// The signed checkpoint is returned only after the store committed the batch.
/// </summary>
public sealed class LogAppender
{
    private readonly ILogStore _store;
    private readonly string _origin;
    private readonly NoteSigner _signer;

    /// <param name="origin">The log's origin line; by convention the signer key's name.</param>
    public LogAppender(ILogStore store, string origin, NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        if (string.IsNullOrEmpty(origin) || origin.Contains('\n', StringComparison.Ordinal) || origin.Any(c => c < 0x20))
        {
            throw new ArgumentException("The origin is one non-empty line of printable text.", nameof(origin));
        }

        if (signer is not Ed25519NoteSigner)
        {
            throw new ArgumentException("Checkpoints are signed with an Ed25519 note key (type 0x01).", nameof(signer));
        }

        _store = store;
        _origin = origin;
        _signer = signer;
    }

    /// <summary>Appends the entries (each at most 65,535 bytes) and returns where they landed and the new signed checkpoint.</summary>
    public AppendResult Append(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A batch has at least one entry.", nameof(entries));
        }

        foreach (var entry in entries)
        {
            if (entry is null || entry.Length > TileLayout.MaxEntryBytes)
            {
                throw new LedgerException(LedgerError.OutOfRange, $"Entries are 0 to {TileLayout.MaxEntryBytes} bytes (the entry-bundle limit).");
            }
        }

        using var session = _store.BeginAppend();
        var (oldSize, oldRoot) = Head(session);
        var batch = new BatchHashes(session, oldSize);
        var frontier = MerkleFrontier.Load(session, oldSize);
        foreach (var entry in entries)
        {
            frontier.Append(Rfc9162.LeafHash(entry), batch.Add);
        }

        var newSize = frontier.Size;
        var newRoot = frontier.Root();
        try
        {
            ProofVerifier.VerifyConsistency(oldSize, oldRoot, newSize, newRoot, MerkleTree.ConsistencyProof(batch, oldSize, newSize));
        }
        catch (LedgerException ex)
        {
            throw new LedgerException(LedgerError.Inconsistent, $"Refusing to sign: the new tree does not extend the signed one ({ex.Message}).");
        }

        var checkpoint = new Checkpoint(_origin, newSize, newRoot);
        var signed = checkpoint.Sign(_signer);
        session.Commit(new LogBatch(oldSize, entries, batch.All, signed));
        return new AppendResult(oldSize, checkpoint, signed);
    }

    private (long Size, MerkleHash Root) Head(ILogAppendSession session)
    {
        if (session.Checkpoint is null)
        {
            return (0, Rfc9162.EmptyRoot);
        }

        var (checkpoint, _, _) = Checkpoint.Open(session.Checkpoint, _origin, [_signer.Verifier]);
        MerkleHash stored;
        try
        {
            stored = MerkleTree.Root(session, checkpoint.Size);
        }
        catch (LedgerException ex)
        {
            throw new LedgerException(LedgerError.Inconsistent, $"Refusing to sign: the store lacks hashes of the signed tree of {checkpoint.Size} ({ex.Message}).");
        }

        if (stored != checkpoint.Root)
        {
            throw new LedgerException(LedgerError.Inconsistent, $"Refusing to sign: the stored hashes give root {stored.ToBase64()} for size {checkpoint.Size}, but the log signed {checkpoint.Root.ToBase64()}. The store was altered.");
        }

        return (checkpoint.Size, checkpoint.Root);
    }

    /// <summary>The hashes a batch adds, readable together with the committed ones below them.</summary>
    private sealed class BatchHashes(IHashReader committed, long oldSize) : IHashReader
    {
        private readonly List<MerkleHash>[] _levels = [.. Enumerable.Range(0, 64).Select(_ => new List<MerkleHash>())];
        private readonly long[] _first = [.. Enumerable.Range(0, 64).Select(l => l >= 63 ? 0 : oldSize >> l)];

        public List<StoredHash> All { get; } = [];

        public void Add(StoredHash stored)
        {
            _levels[stored.Level].Add(stored.Hash);
            All.Add(stored);
        }

        public void ReadHashes(int level, long start, Span<MerkleHash> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                var index = start + i;
                if (index < _first[level])
                {
                    committed.ReadHashes(level, index, destination.Slice(i, 1));
                }
                else
                {
                    var at = index - _first[level];
                    destination[i] = at < _levels[level].Count ? _levels[level][(int)at] : throw new LedgerException(LedgerError.Missing, $"Stored hash ({level}, {index}) does not exist yet.");
                }
            }
        }
    }
}

/// <summary>The result of an append: the index of the batch's first entry and the new signed checkpoint.</summary>
public sealed record AppendResult(long FirstIndex, Checkpoint Checkpoint, string SignedCheckpoint);
