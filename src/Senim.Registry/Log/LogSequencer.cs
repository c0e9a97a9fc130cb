using System.Text.Json;
using Senim.Ledger.Storage;

namespace Senim.Registry.Log;

/// <summary>A system whose public record may have changed in the current transaction, with its record before the change.</summary>
public sealed record RecordChange(AiSystem System, string? Before);

/// <summary>
/// Turns public register events into log entries inside the transaction that makes them: every public workflow event
/// not yet in the log, and, for a listed system whose public record changed without a workflow event
/// (reclassification, an edit), a record entry. One batch, one signed checkpoint, per transaction.
/// </summary>
public static class LogSequencer
{
    /// <summary>Entries per checkpoint when many are appended at once (backfill, bulk seeding).</summary>
    public const int BatchSize = 20_000;

    /// <summary>Appends the entries for what changed on <paramref name="changes"/>; returns null when nothing public changed.</summary>
    public static async Task<AppendResult?> AppendAsync(RegistryDb db, LogKey key, IReadOnlyList<RecordChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return null;
        }

        var ids = changes.Select(c => c.System.Id).Distinct().ToList();
        var events = await db.WorkflowEvents.AsNoTracking()
            .Where(e => ids.Contains(e.SystemId) && e.IsPublic && !db.LogEntries.Any(l => l.EventId == e.Id))
            .OrderBy(e => e.At).ThenBy(e => e.Sequence).ToListAsync(cancellationToken);
        var drafts = new List<LogEntryDraft>();
        foreach (var (system, before) in changes.DistinctBy(c => c.System.Id))
        {
            var recordHash = RegisterLogEntry.RecordHash(system.PublicJson);
            var own = events.Where(e => e.SystemId == system.Id).ToList();
            foreach (var e in own)
            {
                drafts.Add(new LogEntryDraft(system.Id, e.Id, RegisterLogEntry.KindOf(e.Action), recordHash, RegisterLogEntry.ForEvent(e, system.RegisterNumber, recordHash)));
            }

            if (own.Count > 0)
            {
                continue;
            }

            var logged = await db.LogEntries.AsNoTracking().Where(l => l.SystemId == system.Id).OrderByDescending(l => l.Index)
                .Select(l => new { l.RecordHash }).FirstOrDefaultAsync(cancellationToken);
            if (recordHash != logged?.RecordHash && (system.Listed || logged is not null))
            {
                var kind = ClassificationChanged(before, system.PublicJson) ? RegisterLogEntry.Reclassification : RegisterLogEntry.RecordUpdate;
                drafts.Add(new LogEntryDraft(system.Id, null, kind, recordHash, RegisterLogEntry.ForRecord(kind, system.Id, system.RegisterNumber, system.UpdatedAt, recordHash)));
            }
        }

        return drafts.Count == 0 ? null : await new RegistryLogStore(db).AppendAsync(drafts, key, cancellationToken);
    }

    /// <summary>Appends the entries of organisation events (verifications, BIN transfers) staged in the current transaction.</summary>
    public static async Task<AppendResult?> AppendAsync(RegistryDb db, LogKey key, IReadOnlyList<OrganisationEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return null;
        }

        var drafts = events.Select(e => new LogEntryDraft(null, e.Id, e.Kind, null, RegisterLogEntry.ForOrganisation(e), e.OrganisationId)).ToList();
        return await new RegistryLogStore(db).AppendAsync(drafts, key, cancellationToken);
    }

    /// <summary>Appends the entries of enforcement decisions staged in the current transaction.</summary>
    public static async Task<AppendResult?> AppendAsync(RegistryDb db, LogKey key, IReadOnlyList<EnforcementDecision> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return decisions.Count == 0 ? null : await new RegistryLogStore(db).AppendAsync([.. decisions.Select(Draft)], key, cancellationToken);
    }

    private static LogEntryDraft Draft(EnforcementDecision d) => new(null, d.Id, d.Kind, null, RegisterLogEntry.ForDecision(d), d.OrganisationId);

    /// <summary>
    /// The entries for systems written in bulk (seeding, backfill): each public event in order, the latest one
    /// carrying the hash of the system's current public record; a listed system without public events gets one
    /// record entry.
    /// </summary>
    public static IEnumerable<LogEntryDraft> Drafts(AiSystem system, IReadOnlyList<WorkflowEvent> publicEvents, string recordKind)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(publicEvents);
        var recordHash = RegisterLogEntry.RecordHash(system.PublicJson);
        for (var i = 0; i < publicEvents.Count; i++)
        {
            var e = publicEvents[i];
            var hash = i == publicEvents.Count - 1 ? recordHash : null;
            yield return new LogEntryDraft(system.Id, e.Id, RegisterLogEntry.KindOf(e.Action), hash, RegisterLogEntry.ForEvent(e, system.RegisterNumber, hash));
        }

        if (publicEvents.Count == 0 && system.Listed)
        {
            yield return new LogEntryDraft(system.Id, null, recordKind, recordHash, RegisterLogEntry.ForRecord(recordKind, system.Id, system.RegisterNumber, system.UpdatedAt, recordHash));
        }
    }

    /// <summary>Appends drafts in batches of <see cref="BatchSize"/> (one checkpoint each) inside the current transaction.</summary>
    public static async Task<long> AppendAllAsync(RegistryDb db, LogKey key, IReadOnlyList<LogEntryDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var store = new RegistryLogStore(db);
        for (var at = 0; at < drafts.Count; at += BatchSize)
        {
            await store.AppendAsync([.. drafts.Skip(at).Take(BatchSize)], key, cancellationToken);
        }

        return drafts.Count;
    }

    /// <summary>
    /// Puts a register that existed before its log into the log, once: when the log is empty, every public event (in
    /// order, organisations' events among them) and every listed record. Runs in one transaction. Returns the number of entries appended.
    /// </summary>
    public static async Task<long> BackfillAsync(RegistryDb db, LogKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.LogEntries.AnyAsync(cancellationToken) || await db.LogCheckpoints.AnyAsync(cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var systems = await db.Systems.AsNoTracking()
            .Where(s => s.Listed || db.WorkflowEvents.Any(e => e.SystemId == s.Id && e.IsPublic))
            .Select(s => new AiSystem { Id = s.Id, RegisterNumber = s.RegisterNumber, PublicJson = s.PublicJson, Listed = s.Listed, UpdatedAt = s.UpdatedAt })
            .ToListAsync(cancellationToken);
        var events = (await db.WorkflowEvents.AsNoTracking().Where(e => e.IsPublic).ToListAsync(cancellationToken))
            .GroupBy(e => e.SystemId).ToDictionary(g => g.Key, g => (IReadOnlyList<WorkflowEvent>)[.. g.OrderBy(e => e.Sequence)]);
        var withEvents = systems.Select(s => (System: s, Events: events.GetValueOrDefault(s.Id) ?? []));
        var organisationEvents = await db.OrganisationEvents.AsNoTracking().ToListAsync(cancellationToken);
        var decisions = await db.EnforcementDecisions.AsNoTracking().ToListAsync(cancellationToken);
        var drafts = withEvents
            .Select(s => (At: s.Events.Count > 0 ? s.Events[0].At : s.System.UpdatedAt, Id: s.System.Id, Drafts: Drafts(s.System, s.Events, RegisterLogEntry.Backfill)))
            .Concat(organisationEvents.Select(e => (e.At, e.Id, Drafts: (IEnumerable<LogEntryDraft>)[new LogEntryDraft(null, e.Id, e.Kind, null, RegisterLogEntry.ForOrganisation(e), e.OrganisationId)])))
            .Concat(decisions.Select(d => (d.At, d.Id, Drafts: (IEnumerable<LogEntryDraft>)[Draft(d)])))
            .OrderBy(s => s.At).ThenBy(s => s.Id)
            .SelectMany(s => s.Drafts)
            .ToList();
        if (drafts.Count == 0)
        {
            return 0;
        }

        await AppendAllAsync(db, key, drafts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return drafts.Count;
    }

    private static bool ClassificationChanged(string? before, string? after)
    {
        if (before is null || after is null)
        {
            return false;
        }

        using var a = JsonDocument.Parse(before);
        using var b = JsonDocument.Parse(after);
        var hadBefore = a.RootElement.TryGetProperty("classification", out var x);
        var hasAfter = b.RootElement.TryGetProperty("classification", out var y);
        return hadBefore != hasAfter || (hadBefore && x.GetRawText() != y.GetRawText());
    }
}
