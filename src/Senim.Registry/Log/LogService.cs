using Senim.Ledger;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Receipts;
using Senim.Ledger.Tiles;

namespace Senim.Registry.Log;

/// <summary>One entry of a system in the log, for the register's pages.</summary>
public sealed record SystemLogEntry(long Index, string Kind, Guid? EventId);

/// <summary>An inclusion proof with what a verifier compares it against: the leaf hash of the entry and the root of the tree.</summary>
public sealed record InclusionProofAnswer(long Index, long TreeSize, IReadOnlyList<MerkleHash> Proof, MerkleHash Leaf, MerkleHash Root);

/// <summary>A consistency proof with the roots of both trees.</summary>
public sealed record ConsistencyProofAnswer(long From, long To, IReadOnlyList<MerkleHash> Proof, MerkleHash OldRoot, MerkleHash NewRoot);

/// <summary>
/// The read side of the register's transparency log: the signed checkpoint, tiles and entry bundles, inclusion and
/// consistency proofs, receipts and their step-by-step verification. Reads committed data only, at the size of the
/// latest signed checkpoint. Every read is asynchronous; a proof and the roots it is checked against are computed
/// from one read of the stored hashes.
/// </summary>
public sealed class LogService(RegistryDb db, RegistryLogStore store, LogKey key)
{
    /// <summary>Largest consistency or inclusion request size accepted (a tree size).</summary>
    public const long MaxSize = 1L << 40;

    public LogKey Key => key;

    /// <summary>The latest signed checkpoint, or null before the first entry.</summary>
    public async Task<string?> SignedCheckpointAsync(CancellationToken cancellationToken = default) => await store.ReadCheckpointAsync(cancellationToken);

    /// <summary>The latest checkpoint, parsed (after checking its signature by the log's key).</summary>
    public async Task<Checkpoint?> LatestAsync(CancellationToken cancellationToken = default)
    {
        var note = await store.ReadCheckpointAsync(cancellationToken);
        return note is null ? null : Checkpoint.Open(note, key.Origin, [key.Signer.Verifier]).Checkpoint;
    }

    /// <summary>The bytes of a tile or entry bundle of the latest tree, or null when the tree has no such tile (yet).</summary>
    public async Task<byte[]?> TileAsync(TilePath path, CancellationToken cancellationToken = default)
    {
        var size = (await LatestAsync(cancellationToken))?.Size ?? 0;
        var available = TileLayout.Width(path.IsEntries ? 0 : path.Level, path.Index, size);
        if (available < path.Width || (path.IsPartial && path.Width > available) || (!path.IsEntries && path.Level >= 8))
        {
            return null;
        }

        return path.IsEntries
            ? TileLayout.EntryBundle(await store.ReadEntriesAsync(path.FirstIndex, path.Width, cancellationToken))
            : await TileLayout.TileBytesAsync(store, path, cancellationToken);
    }

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="size"/> (the latest size when null), with that tree's root.</summary>
    public async Task<InclusionProofAnswer> InclusionProofAsync(long index, long? size, CancellationToken cancellationToken = default)
    {
        var latest = await LatestSizeAsync(cancellationToken);
        var treeSize = size ?? latest;
        if (treeSize > latest || treeSize < 0)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"The log has {latest} entries; tree size {treeSize} is not published.");
        }

        if (index < 0 || index >= treeSize)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"The tree of {treeSize} entries has no entry index {index}.");
        }

        var plan = new HashPlan();
        var proof = plan.AddInclusionProof(index, treeSize);
        var root = plan.AddRoot(treeSize);
        var hashes = await plan.ComputeAsync(store, cancellationToken);
        var leaf = Rfc9162.LeafHash((await store.ReadEntriesAsync(index, 1, cancellationToken))[0]);
        return new InclusionProofAnswer(index, treeSize, hashes[proof], leaf, hashes[root]);
    }

    /// <summary>The consistency proof from tree size <paramref name="from"/> to <paramref name="to"/> (the latest size when null), with both roots.</summary>
    public async Task<ConsistencyProofAnswer> ConsistencyProofAsync(long from, long? to, CancellationToken cancellationToken = default)
    {
        var latest = await LatestSizeAsync(cancellationToken);
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

        var plan = new HashPlan();
        var proof = plan.AddConsistencyProof(from, target);
        var oldRoot = plan.AddRoot(from);
        var newRoot = plan.AddRoot(target);
        var hashes = await plan.ComputeAsync(store, cancellationToken);
        return new ConsistencyProofAnswer(from, target, hashes[proof], hashes[oldRoot], hashes[newRoot]);
    }

    /// <summary>The root of the tree of <paramref name="size"/> entries.</summary>
    public async Task<MerkleHash> RootAsync(long size, CancellationToken cancellationToken = default) => await MerkleTree.RootAsync(store, size, cancellationToken);

    /// <summary>A tlog-proof receipt for entry <paramref name="index"/> against the latest checkpoint, or null if the entry is not in the log.</summary>
    public async Task<string?> ReceiptAsync(long index, CancellationToken cancellationToken = default)
    {
        var note = await store.ReadCheckpointAsync(cancellationToken);
        if (note is null || index < 0 || index >= SizeOf(note))
        {
            return null;
        }

        return (await TlogProof.CreateAsync(store, index, note, cancellationToken)).ToString();
    }

    /// <summary>
    /// A page of the log's public events for people, newest first: when, what happened, the system and its organisation,
    /// the published reason. Every page is an index range scan from a cursor (no offsets), at most
    /// <see cref="LogEventQuery.MaxPageSize"/> rows, with the text search through the register's full-text index.
    /// </summary>
    public async Task<LogEventPage> EventsAsync(LogEventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        IQueryable<LogEntry> matching = db.LogEntries.AsNoTracking();
        if (query.Kind is { } kind)
        {
            matching = matching.Where(e => e.Kind == kind);
        }

        if (Services.RegisterService.TextMatches(db, query.Text) is { } systems)
        {
            var ids = systems.Select(s => (Guid?)s.Id);
            matching = matching.Where(e => ids.Contains(e.SystemId));
        }

        // First the indices of the page (the filter runs on narrow rows, once), then the page's rows by primary key.
        // A search's first page counts its matches in the same query, up to the cap.
        var take = query.PageSize + 1;
        var counted = query.Narrowed && query.Before is null && query.After is null;
        List<long> indices;
        long? older = null;
        long? newer = null;
        long? matches = null;
        if (query.After is { } after)
        {
            // The page just newer than a cursor: the nearest entries above it, shown newest first.
            indices = await matching.Where(e => e.Index > after).OrderBy(e => e.Index).Select(e => e.Index).Take(take).ToListAsync(cancellationToken);
            indices.Reverse();
            if (indices.Count > query.PageSize)
            {
                indices.RemoveAt(0);
                newer = indices[0];
            }

            var oldest = indices.Count > 0 ? indices[^1] : after + 1;
            older = await matching.AnyAsync(e => e.Index < oldest, cancellationToken) ? oldest : null;
        }
        else
        {
            var page = query.Before is { } before ? matching.Where(e => e.Index < before) : matching;
            indices = await page.OrderByDescending(e => e.Index).Select(e => e.Index).Take(counted ? LogEventPage.MatchCap + 1 : take).ToListAsync(cancellationToken);
            if (counted)
            {
                matches = indices.Count;
            }

            if (indices.Count > query.PageSize)
            {
                indices.RemoveRange(query.PageSize, indices.Count - query.PageSize);
                older = indices[^1];
            }

            if (query.Before is { } cursor)
            {
                var newest = indices.Count > 0 ? indices[0] : cursor - 1;
                newer = await matching.AnyAsync(e => e.Index > newest, cancellationToken) ? newest : null;
            }
        }

        var rows = await RowsAsync(db.LogEntries.AsNoTracking().Where(e => indices.Contains(e.Index)), cancellationToken);
        var size = await LatestSizeAsync(cancellationToken);
        var more = matches > LogEventPage.MatchCap;
        return new LogEventPage(rows, older, newer, query.Narrowed ? (matches is { } m ? Math.Min(m, LogEventPage.MatchCap) : null) : size, more, size);
    }

    /// <summary>The rows of one page, with their systems and organisations, newest first. An organisation's event names the organisation as logged.</summary>
    private async Task<List<LogEventRow>> RowsAsync(IQueryable<LogEntry> page, CancellationToken cancellationToken)
    {
        var found = await (
            from e in page
            join s in db.Systems.AsNoTracking() on e.SystemId equals s.Id into systems
            from s in systems.DefaultIfEmpty()
            select new { e.Index, e.Kind, e.SystemId, e.OrganisationId, e.EventId, e.Data, s.NameKk, s.NameRu, s.NameEn, Organisation = s.Organisation!.Name, Listed = (bool?)s.Listed })
            .ToListAsync(cancellationToken);
        return [.. found.OrderByDescending(r => r.Index).Select(r =>
        {
            var summary = RegisterLogEntry.Summarize(r.Data);
            return new LogEventRow(r.Index, summary.At, r.Kind, r.SystemId, summary.RegisterNumber, r.NameKk, r.NameRu, r.NameEn, r.Organisation ?? summary.OrganisationName, summary.Reason, r.Listed == true)
            {
                OrganisationId = r.OrganisationId,
                Bin = summary.Bin,
                SignatureSha256 = summary.SignatureSha256,
                DecisionId = RegisterLogEntry.DecisionKinds.Contains(r.Kind) ? r.EventId : null,
            };
        })];
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
    public async Task<long> LatestSizeAsync(CancellationToken cancellationToken = default)
    {
        var note = await store.ReadCheckpointAsync(cancellationToken);
        return note is null ? 0 : SizeOf(note);
    }

    private static long SizeOf(string note) => Checkpoint.ParseBody(SignedNote.Parse(note).Text).Size;
}
