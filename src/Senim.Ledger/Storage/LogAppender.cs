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
    public async ValueTask<AppendResult> AppendAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken = default)
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

        await using var session = await _store.BeginAppendAsync(cancellationToken);
        var (oldSize, oldRoot, frontier) = await HeadAsync(session, cancellationToken);
        var batch = new BatchHashes(session, oldSize, frontier);
        foreach (var entry in entries)
        {
            frontier.Append(Rfc9162.LeafHash(entry), batch.Add);
        }

        var newSize = frontier.Size;
        var newRoot = frontier.Root();
        try
        {
            // The old tree's side of the proof is its frontier, already in memory: no second read of the store.
            var proof = await MerkleTree.ConsistencyProofAsync(batch, oldSize, newSize, cancellationToken);
            ProofVerifier.VerifyConsistency(oldSize, oldRoot, newSize, newRoot, proof);
        }
        catch (LedgerException ex)
        {
            throw new LedgerException(LedgerError.Inconsistent, $"Refusing to sign: the new tree does not extend the signed one ({ex.Message}).");
        }

        var checkpoint = new Checkpoint(_origin, newSize, newRoot);
        var signed = checkpoint.Sign(_signer);
        await session.CommitAsync(new LogBatch(oldSize, entries, batch.All, signed), cancellationToken);
        return new AppendResult(oldSize, checkpoint, signed);
    }

    /// <summary>The signed head, checked against the stored hashes: its frontier is read once and gives the root to compare.</summary>
    private async ValueTask<(long Size, MerkleHash Root, MerkleFrontier Frontier)> HeadAsync(ILogAppendSession session, CancellationToken cancellationToken)
    {
        if (session.Checkpoint is null)
        {
            return (0, Rfc9162.EmptyRoot, new MerkleFrontier());
        }

        var (checkpoint, _, _) = Checkpoint.Open(session.Checkpoint, _origin, [_signer.Verifier]);
        MerkleFrontier frontier;
        try
        {
            frontier = await MerkleFrontier.LoadAsync(session, checkpoint.Size, cancellationToken);
        }
        catch (LedgerException ex)
        {
            throw new LedgerException(LedgerError.Inconsistent, $"Refusing to sign: the store lacks hashes of the signed tree of {checkpoint.Size} ({ex.Message}).");
        }

        var stored = frontier.Root();
        if (stored != checkpoint.Root)
        {
            throw new LedgerException(LedgerError.Inconsistent, $"Refusing to sign: the stored hashes give root {stored.ToBase64()} for size {checkpoint.Size}, but the log signed {checkpoint.Root.ToBase64()}. The store was altered.");
        }

        return (checkpoint.Size, checkpoint.Root, frontier);
    }

    /// <summary>
    /// The hashes a batch adds, readable together with the committed ones below them: the old tree's frontier (read at
    /// the start of the append) and the new hashes come from memory, anything else from the store.
    /// </summary>
    private sealed class BatchHashes : IHashReader
    {
        private readonly IHashReader _committed;
        private readonly List<MerkleHash>[] _levels = [.. Enumerable.Range(0, 64).Select(_ => new List<MerkleHash>())];
        private readonly long[] _first;
        private readonly Dictionary<TreeNode, MerkleHash> _edge = [];

        public BatchHashes(IHashReader committed, long oldSize, MerkleFrontier frontier)
        {
            _committed = committed;
            _first = [.. Enumerable.Range(0, 64).Select(l => l >= 63 ? 0 : oldSize >> l)];
            var nodes = MerkleFrontier.EdgeNodes(oldSize);
            for (var i = 0; i < nodes.Length; i++)
            {
                _edge[nodes[i]] = frontier.EdgeHash(i);
            }
        }

        public List<StoredHash> All { get; } = [];

        public void Add(StoredHash stored)
        {
            _levels[stored.Level].Add(stored.Hash);
            All.Add(stored);
        }

        public async ValueTask ReadNodesAsync(ReadOnlyMemory<TreeNode> nodes, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
        {
            List<int>? elsewhere = null;
            for (var i = 0; i < nodes.Length; i++)
            {
                if (!TryLocal(nodes.Span[i], out var hash))
                {
                    (elsewhere ??= []).Add(i);
                    continue;
                }

                destination.Span[i] = hash;
            }

            if (elsewhere is null)
            {
                return;
            }

            var wanted = elsewhere.Select(i => nodes.Span[i]).ToArray();
            var read = new MerkleHash[wanted.Length];
            await _committed.ReadNodesAsync(wanted, read, cancellationToken);
            for (var j = 0; j < elsewhere.Count; j++)
            {
                destination.Span[elsewhere[j]] = read[j];
            }
        }

        public ValueTask ReadHashesAsync(int level, long start, Memory<MerkleHash> destination, CancellationToken cancellationToken = default) =>
            ReadNodesAsync(Enumerable.Range(0, destination.Length).Select(i => new TreeNode(level, start + i)).ToArray(), destination, cancellationToken);

        private bool TryLocal(TreeNode node, out MerkleHash hash)
        {
            if (node.Level is >= 0 and < 64 && node.Index >= _first[node.Level])
            {
                var at = node.Index - _first[node.Level];
                hash = at < _levels[node.Level].Count ? _levels[node.Level][(int)at] : throw new LedgerException(LedgerError.Missing, $"Stored hash {node} does not exist yet.");
                return true;
            }

            return _edge.TryGetValue(node, out hash);
        }
    }
}

/// <summary>The result of an append: the index of the batch's first entry and the new signed checkpoint.</summary>
public sealed record AppendResult(long FirstIndex, Checkpoint Checkpoint, string SignedCheckpoint);
