using Senim.Ledger;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Registry.Services;

namespace Senim.Registry.Log;

/// <summary>One disagreement between the register, the log and its signed checkpoint.</summary>
/// <param name="Code">checkpoint-signature, size-mismatch, entry-hash, root-mismatch, stored-hashes, event-missing, event-altered, event-not-logged, record-altered, record-missing, record-stale, entry-altered.</param>
public sealed record IntegrityProblem(string Code, string Detail, long? Index, Guid? SystemId);

/// <summary>What an integrity check found.</summary>
public sealed record IntegrityReport(DateTime CheckedAt, long CheckpointSize, long Entries, int SystemsChecked, IReadOnlyList<IntegrityProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Recomputes the log's view from the register and compares it with the latest signed checkpoint: the checkpoint's
/// signature; every entry's leaf hash and the tree root from the entries (and from the stored hashes) against the
/// signed root; every logged public event against its row in the register; every listed public record against the
/// record hash in its latest entry and against a rebuild from the register's rows. Any edit or deletion of a
/// published row made outside the register's services shows up as a problem.
/// </summary>
public sealed class IntegrityCheck(RegistryDb db, RegistryLogStore store, LogKey key, LawCatalog catalog, TimeProvider time)
{
    private const int MaxProblems = 200;
    private const int Chunk = 5000;

    /// <summary>How many systems are read, checked and rebuilt together: records and events are held for one chunk at a time (below 1 counts as 1).</summary>
    public int SystemsPerChunk { get; set; } = 500;

    private static readonly TimeSpan MaxRest = TimeSpan.FromMinutes(1);

    /// <summary>Every stored hash must be the one the entries give: proofs and tiles are served from them.</summary>
    private async Task CompareStoredHashesAsync(List<MerkleHash>[] expected, Action<string, string, long?, Guid?> problem, CancellationToken cancellationToken)
    {
        for (var level = 0; level < expected.Length && expected[level] is { Count: > 0 } hashes; level++)
        {
            for (var at = 0; at < hashes.Count; at += Chunk)
            {
                var stored = new MerkleHash[Math.Min(Chunk, hashes.Count - at)];
                try
                {
                    await store.ReadHashesAsync(level, at, stored, cancellationToken);
                }
                catch (LedgerException ex)
                {
                    problem("stored-hashes", $"Stored hashes at level {level} are missing: {ex.Message}", null, null);
                    return;
                }

                for (var i = 0; i < stored.Length; i++)
                {
                    if (stored[i] != hashes[at + i])
                    {
                        problem("stored-hashes", $"The stored hash ({level}, {at + i}) is not the one the entries give: proofs and tiles from it would not verify.", level == 0 ? at + i : null, null);
                        return;
                    }
                }
            }
        }
    }

    /// <summary>Each logged event of the chunk still matches its entry; each public one is logged.</summary>
    private static void CheckEvents(List<Model.WorkflowEvent> events, Dictionary<Guid, string?> numbers, Dictionary<Guid, (long Index, Guid SystemId, string? RecordHash, MerkleHash Leaf)> logged,
        HashSet<Guid> seen, Action<string, string, long?, Guid?> problem)
    {
        foreach (var e in events)
        {
            if (!logged.TryGetValue(e.Id, out var entry))
            {
                problem("event-not-logged", $"The public event {e.Action} of {e.At:yyyy-MM-dd} is in the register but not in the log: it was inserted outside the register's services.", null, e.SystemId);
                continue;
            }

            seen.Add(e.Id);
            if (!e.IsPublic || Rfc9162.LeafHash(RegisterLogEntry.ForEvent(e, numbers.GetValueOrDefault(e.SystemId), entry.RecordHash)) != entry.Leaf)
            {
                problem("event-altered", $"The public event logged at entry {entry.Index} ({e.Action}) differs from the register's row: it was edited.", entry.Index, e.SystemId);
            }
        }
    }

    /// <summary>
    /// Each public row beside the systems (an organisation event, an enforcement decision) is logged unchanged; each logged
    /// one is still in the register. <paramref name="what"/> names the row for the report.
    /// </summary>
    private static async Task CheckBesideAsync<T>(IAsyncEnumerable<T> rows, Func<T, Guid> id, Func<T, byte[]> entry, Func<T, string> what,
        Dictionary<Guid, (long Index, MerkleHash Leaf)> logged, Action<string, string, long?, Guid?> problem, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (!logged.TryGetValue(id(row), out var found))
            {
                problem("event-not-logged", $"The {what(row)} is in the register but not in the log: it was inserted outside the register's services.", null, null);
                continue;
            }

            seen.Add(id(row));
            if (Rfc9162.LeafHash(entry(row)) != found.Leaf)
            {
                problem("event-altered", $"The {what(row)} logged at entry {found.Index} differs from the register's row: it was edited.", found.Index, null);
            }
        }

        foreach (var (_, missing) in logged.Where(l => !seen.Contains(l.Key)))
        {
            problem("event-missing", $"The public event logged at entry {missing.Index} is no longer in the register: it was deleted.", missing.Index, null);
        }
    }

    /// <summary>Each trusted list's event (entry, removal) is logged unchanged; each logged one is still in the register.</summary>
    private async Task CheckTrustedListEventsAsync(Dictionary<Guid, (long Index, Guid SystemId, string? RecordHash, MerkleHash Leaf)> logged, Action<string, string, long?, Guid?> problem, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        await foreach (var e in db.TrustedListEvents.AsNoTracking().OrderBy(e => e.At).ThenBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!logged.TryGetValue(e.Id, out var entry))
            {
                problem("event-not-logged", $"The trusted-list event {e.Kind} of {e.At:yyyy-MM-dd} is in the register but not in the log: it was inserted outside the register's services.", null, e.SystemId);
                continue;
            }

            seen.Add(e.Id);
            if (Rfc9162.LeafHash(RegisterLogEntry.ForTrustedList(e, entry.RecordHash)) != entry.Leaf)
            {
                problem("event-altered", $"The trusted-list event logged at entry {entry.Index} ({e.Kind}) differs from the register's row: it was edited.", entry.Index, e.SystemId);
            }
        }

        foreach (var (_, entry) in logged.Where(l => !seen.Contains(l.Key)))
        {
            problem("event-missing", $"The trusted-list event logged at entry {entry.Index} is no longer in the register: it was deleted.", entry.Index, entry.SystemId);
        }
    }

    /// <summary>Each system's latest entry vouches for its record; each listed system has one.</summary>
    private static void CheckRecords(List<Model.AiSystem> systems, Dictionary<Guid, (long Index, string? RecordHash)> latestBySystem, Action<string, string, long?, Guid?> problem)
    {
        foreach (var system in systems)
        {
            if (latestBySystem.TryGetValue(system.Id, out var latest))
            {
                if (RegisterLogEntry.RecordHash(system.Listed ? system.PublicJson : null) != latest.RecordHash)
                {
                    problem("record-altered", $"The public record of {system.RegisterNumber ?? system.Id.ToString()} does not match the hash logged at entry {latest.Index}: it was edited or removed outside the register's services.", latest.Index, system.Id);
                }
            }
            else if (system.Listed)
            {
                problem("record-not-logged", $"The listed system {system.RegisterNumber ?? system.Id.ToString()} has no entry in the log.", null, system.Id);
            }
        }
    }

    public async Task<IntegrityReport> RunAsync(CancellationToken cancellationToken = default) => await RunAsync(0, cancellationToken);

    /// <summary>Runs the check; after each chunk of systems it waits <paramref name="pause"/> times as long as the chunk took, so a background run leaves the machine to requests.</summary>
    public async Task<IntegrityReport> RunAsync(double pause, CancellationToken cancellationToken = default)
    {
        // One snapshot for the whole run, pauses included: changes committed meanwhile (with their log entries) are
        // not half-seen, so they cannot look like tampering.
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        return await RunInSnapshotAsync(pause, cancellationToken);
    }

    /// <summary>Deletions first, then the rest in the order found: what the report keeps when there are more than it shows.</summary>
    private static int Rank(string code) => code is "event-missing" or "record-missing" or "entry-missing" ? 0 : 1;

    private async Task<IntegrityReport> RunInSnapshotAsync(double pause, CancellationToken cancellationToken)
    {
        var found = new List<IntegrityProblem>();
        void Problem(string code, string detail, long? index = null, Guid? system = null)
        {
            if (found.Count < MaxProblems * 25)
            {
                found.Add(new IntegrityProblem(code, detail, index, system));
            }
        }

        Checkpoint? checkpoint = null;
        var note = await store.ReadCheckpointAsync(cancellationToken);
        if (note is not null)
        {
            try
            {
                checkpoint = Checkpoint.Open(note, key.Origin, [key.Signer.Verifier]).Checkpoint;
            }
            catch (LedgerException ex)
            {
                Problem("checkpoint-signature", $"The latest checkpoint does not verify with the log's key: {ex.Message}");
            }
        }

        var head = await db.LogHeads.AsNoTracking().Where(h => h.Id == Model.LogHead.SingletonId).Select(h => (long?)h.Size).FirstOrDefaultAsync(cancellationToken);
        var entryCount = await db.LogEntries.LongCountAsync(cancellationToken);
        var signedSize = checkpoint?.Size ?? 0;
        if (head != signedSize || entryCount != signedSize)
        {
            Problem("size-mismatch", $"The signed checkpoint has {signedSize} entries, the log head {head?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"}, the entries table {entryCount}.");
        }

        // Entries: leaf hashes, the root they give, and what each entry says about the register.
        var frontier = new MerkleFrontier();
        var expected = new List<MerkleHash>[64];
        var latestBySystem = new Dictionary<Guid, (long Index, string? RecordHash)>();
        var logged = new Dictionary<Guid, (long Index, Guid SystemId, string? RecordHash, MerkleHash Leaf)>();
        var loggedOrganisationEvents = new Dictionary<Guid, (long Index, MerkleHash Leaf)>();
        var loggedDecisions = new Dictionary<Guid, (long Index, MerkleHash Leaf)>();
        var loggedTrustedListEvents = new Dictionary<Guid, (long Index, Guid SystemId, string? RecordHash, MerkleHash Leaf)>();
        for (long at = 0; ; at += Chunk)
        {
            var rows = await db.LogEntries.AsNoTracking().Where(e => e.Index >= at && e.Index < at + Chunk).OrderBy(e => e.Index).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (row.Index != frontier.Size)
                {
                    Problem("entry-missing", $"Entry {frontier.Size} is missing from the log.", frontier.Size);
                    break;
                }

                var leaf = Rfc9162.LeafHash(row.Data);
                if (!leaf.ToArray().AsSpan().SequenceEqual(row.LeafHash))
                {
                    Problem("entry-hash", $"Entry {row.Index}'s bytes do not hash to its stored leaf hash: the entry was altered.", row.Index, row.SystemId);
                }

                frontier.Append(leaf, stored => (expected[stored.Level] ??= []).Add(stored.Hash));
                try
                {
                    var (kind, systemId, organisationId, eventId, recordHash) = RegisterLogEntry.Describe(row.Data);
                    if (systemId != row.SystemId || organisationId != row.OrganisationId || eventId != row.EventId || recordHash != row.RecordHash)
                    {
                        Problem("entry-altered", $"Entry {row.Index}'s columns disagree with its bytes.", row.Index, row.SystemId);
                    }

                    if (systemId is { } system)
                    {
                        latestBySystem[system] = (row.Index, recordHash);
                        if (eventId is { } id && RegisterLogEntry.TrustedListKinds.Contains(kind))
                        {
                            loggedTrustedListEvents[id] = (row.Index, system, recordHash, leaf);
                        }
                        else if (eventId is { } workflowEvent)
                        {
                            logged[workflowEvent] = (row.Index, system, recordHash, leaf);
                        }
                    }
                    else if (eventId is { } organisationEvent)
                    {
                        (RegisterLogEntry.DecisionKinds.Contains(kind) ? loggedDecisions : loggedOrganisationEvents)[organisationEvent] = (row.Index, leaf);
                    }
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
                {
                    Problem("entry-altered", $"Entry {row.Index} is not a register log entry: {ex.Message}", row.Index, row.SystemId);
                }
            }

            if (rows.Count < Chunk || frontier.Size != at + rows.Count)
            {
                break;
            }
        }

        if (checkpoint is not null)
        {
            if (frontier.Size >= checkpoint.Size && frontier.Size == entryCount)
            {
                var root = frontier.Root();
                if (frontier.Size == checkpoint.Size && root != checkpoint.Root)
                {
                    Problem("root-mismatch", $"The entries give root {root.ToBase64()}, but the log signed {checkpoint.Root.ToBase64()} for size {checkpoint.Size}.");
                }
            }

            await CompareStoredHashesAsync(expected, Problem, cancellationToken);
        }

        // The register, a chunk of systems at a time (records and events of one chunk in memory; per log entry only its
        // index, system, record hash and leaf hash are kept): each logged public event still
        // in the register and unchanged, none public but unlogged; each listed record matching its latest entry and a
        // rebuild from the register's rows.
        var ids = await db.Systems.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        var seenEvents = new HashSet<Guid>();
        var checkedSystems = 0;
        var perChunk = Math.Max(1, SystemsPerChunk);
        for (var at = 0; at < ids.Count; at += perChunk)
        {
            var started = time.GetTimestamp();
            var chunk = ids.GetRange(at, Math.Min(perChunk, ids.Count - at));
            var systems = await db.Systems.AsNoTracking().Include(s => s.Organisation).Where(s => chunk.Contains(s.Id)).ToListAsync(cancellationToken);
            var events = (await db.WorkflowEvents.AsNoTracking().Where(e => chunk.Contains(e.SystemId)).OrderBy(e => e.Sequence).ToListAsync(cancellationToken))
                .Where(e => e.IsPublic || logged.ContainsKey(e.Id)).ToList();
            var numbers = systems.ToDictionary(s => s.Id, s => s.RegisterNumber);
            CheckEvents(events, numbers, logged, seenEvents, Problem);
            CheckRecords(systems, latestBySystem, Problem);

            // Rebuild the records from the register's rows: a direct edit of a published column shows here.
            var listed = systems.Where(s => s.Listed && latestBySystem.ContainsKey(s.Id)).ToList();
            var stored = listed.ToDictionary(s => s.Id, s => s.PublicJson);
            await PublicRecords.RefreshManyAsync(db, catalog, listed, events.Where(e => e.IsPublic).ToLookup(e => e.SystemId), cancellationToken);
            foreach (var system in listed)
            {
                checkedSystems++;
                if (!string.Equals(stored[system.Id], system.PublicJson, StringComparison.Ordinal))
                {
                    Problem("record-stale", $"The register's rows of {system.RegisterNumber ?? system.Id.ToString()} no longer give the published record: a published column was edited outside the register's services.", latestBySystem[system.Id].Index, system.Id);
                }
            }

            foreach (var system in systems)
            {
                latestBySystem.Remove(system.Id);
            }

            if (pause > 0)
            {
                // At most a minute per rest: a chunk slowed by a busy machine must not stall the check for long.
                var rest = Math.Min(time.GetElapsedTime(started).TotalMilliseconds * pause, MaxRest.TotalMilliseconds);
                await Task.Delay(TimeSpan.FromMilliseconds(rest), time, cancellationToken);
            }
        }

        // Events whose system row does not exist (the table has no foreign key to systems): a public one inserted
        // outside the services, or a logged one moved to an unknown system.
        var orphans = await db.WorkflowEvents.AsNoTracking().Where(e => !db.Systems.Any(s => s.Id == e.SystemId)).OrderBy(e => e.SystemId).ThenBy(e => e.Sequence)
            .Take(MaxProblems * 5).ToListAsync(cancellationToken);
        CheckEvents([.. orphans.Where(e => e.IsPublic || logged.ContainsKey(e.Id))], [], logged, seenEvents, Problem);

        foreach (var (id, entry) in logged.Where(l => !seenEvents.Contains(l.Key)))
        {
            Problem("event-missing", $"The public event logged at entry {entry.Index} is no longer in the register: it was deleted.", entry.Index, entry.SystemId);
        }

        foreach (var (systemId, latest) in latestBySystem)
        {
            Problem("record-missing", $"The system logged at entry {latest.Index} is no longer in the register: it was deleted.", latest.Index, systemId);
        }

        await CheckBesideAsync(db.OrganisationEvents.AsNoTracking().OrderBy(e => e.At).ThenBy(e => e.Id).AsAsyncEnumerable(), e => e.Id, RegisterLogEntry.ForOrganisation,
            e => $"organisation event {e.Kind} of {e.At:yyyy-MM-dd} (BIN {e.Bin})", loggedOrganisationEvents, Problem, cancellationToken);
        await CheckBesideAsync(db.EnforcementDecisions.AsNoTracking().OrderBy(d => d.At).ThenBy(d => d.Id).AsAsyncEnumerable(), d => d.Id, RegisterLogEntry.ForDecision,
            d => $"decision {d.Kind} of {d.At:yyyy-MM-dd} (case {d.CaseId})", loggedDecisions, Problem, cancellationToken);
        await CheckTrustedListEventsAsync(loggedTrustedListEvents, Problem, cancellationToken);

        var problems = found.Select((p, i) => (p, i)).OrderBy(x => Rank(x.p.Code)).ThenBy(x => x.i).Select(x => x.p).Take(MaxProblems).ToList();
        return new IntegrityReport(time.GetUtcNow().UtcDateTime, signedSize, entryCount, checkedSystems, problems);
    }
}
