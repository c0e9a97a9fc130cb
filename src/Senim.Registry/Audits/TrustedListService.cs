using Senim.Registry.Log;
using Senim.Registry.Services;

namespace Senim.Registry.Audits;

/// <summary>A system on a sector's trusted list, as the public sees it.</summary>
public sealed record TrustedSystem(Guid EntryId, string Sector, Guid SystemId, string? RegisterNumber, string? NameKk, string? NameRu, string? NameEn, string OrganisationName, string? OrganisationBin,
    DateTime EnteredAt, Guid AuditId, DateTime? AuditCompletedAt, int Version);

/// <summary>
/// The sectors' trusted lists (Law 230-VIII Art. 19; docs/incidents-and-audits.md): the supervisory body enters a registered
/// system whose latest completed audit passed on the list of that audit's sector, and removes it with a published reason.
/// Each entry and removal is a <see cref="TrustedListEvent"/>, appended to the transparency log in the same transaction.
/// The lists are public.
/// </summary>
public sealed class TrustedListService(RegistryDb db, RegisterWriter writer, AuditService audits)
{
    public const int MaxReason = 2000;

    /// <summary>The supervisory body enters a system on the trusted list of its latest passed audit's sector; the owner organisation is notified.</summary>
    /// <exception cref="RuleException">The system is not registered (trusted-not-registered), its latest completed audit did not pass or there is none (trusted-audit-required), or it is on that list already (trusted-already).</exception>
    public async Task<TrustedListEntry> EnterAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireSupervisor(actor);
        var system = await db.Systems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken) ?? throw new NotFoundException("system", systemId);
        if (!AuditService.Auditable.Contains(system.Status))
        {
            throw new RuleException("trusted-not-registered", "Only a registered system can be on a trusted list (it is {0}).", system.Status.Code());
        }

        var audit = await audits.LatestCompletedAsync(systemId, cancellationToken);
        if (audit is not { Status: AuditStatus.Passed })
        {
            throw new RuleException("trusted-audit-required", "A system enters a trusted list only after an audit it passed (Art. 19(2)); its latest audit {0}.",
                audit is null ? "does not exist" : "failed");
        }

        if (await db.TrustedListEntries.AnyAsync(t => t.SystemId == systemId && t.Sector == audit.Sector && t.RemovedAt == null, cancellationToken))
        {
            throw new RuleException("trusted-already", "The system is on the trusted list of this sector already.");
        }

        var entry = new TrustedListEntry { Id = Guid.NewGuid(), SystemId = systemId, Sector = audit.Sector, AuditId = audit.Id, EnteredAt = writer.Now };
        db.TrustedListEntries.Add(entry);
        await SaveAsync(system, entry, TrustedListEvent.Entry, null, cancellationToken);
        return entry;
    }

    /// <summary>The supervisory body removes a system from a trusted list with a reason, which is published.</summary>
    public async Task<TrustedListEntry> RemoveAsync(Actor actor, Guid entryId, string? reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireSupervisor(actor);
        var entry = await db.TrustedListEntries.AsTracking().FirstOrDefaultAsync(t => t.Id == entryId, cancellationToken) ?? throw new NotFoundException("trusted list entry", entryId);
        if (entry.RemovedAt is not null)
        {
            throw new RuleException("trusted-removed", "The system was removed from this trusted list already.");
        }

        if (entry.Version != expectedVersion)
        {
            throw new ConcurrencyException("trusted list entry", expectedVersion, entry.Version);
        }

        var errors = new FieldErrors();
        var why = Citizens.CitizenRequestService.Text(errors, "text", reason, MaxReason, required: true);
        errors.ThrowIfAny();
        entry.RemovedAt = writer.Now;
        entry.RemovalReason = why;
        entry.Version++;
        var system = await db.Systems.AsNoTracking().FirstAsync(s => s.Id == entry.SystemId, cancellationToken);
        await SaveAsync(system, entry, TrustedListEvent.Removal, why, cancellationToken);
        return entry;
    }

    /// <summary>The systems on the trusted lists now (of one sector, or all), by sector and register number; only systems the public register lists.</summary>
    public async Task<IReadOnlyList<TrustedSystem>> ListAsync(string? sector, CancellationToken cancellationToken = default)
    {
        var entries = db.TrustedListEntries.AsNoTracking().Where(t => t.RemovedAt == null);
        if (sector is not null)
        {
            entries = entries.Where(t => t.Sector == sector);
        }

        var query = from t in entries
                    join s in db.Systems.AsNoTracking() on t.SystemId equals s.Id
                    where s.Listed
                    join a in db.Audits.AsNoTracking() on t.AuditId equals a.Id
                    select new TrustedSystem(t.Id, t.Sector, s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn, s.Organisation!.Name, s.Organisation.Bin, t.EnteredAt, t.AuditId, a.CompletedAt, t.Version);
        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.OrderBy(t => t.Sector, StringComparer.Ordinal).ThenBy(t => t.RegisterNumber, StringComparer.Ordinal).ThenBy(t => t.EntryId)];
    }

    /// <summary>The sectors whose trusted list a system is on now (for its public entry page).</summary>
    public async Task<IReadOnlyList<string>> SectorsOfAsync(Guid systemId, CancellationToken cancellationToken = default) =>
        await db.TrustedListEntries.AsNoTracking().Where(t => t.SystemId == systemId && t.RemovedAt == null).Select(t => t.Sector).OrderBy(s => s).ToListAsync(cancellationToken);

    private async Task SaveAsync(AiSystem system, TrustedListEntry entry, string kind, string? reason, CancellationToken cancellationToken)
    {
        var e = new TrustedListEvent
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            EntryId = entry.Id,
            SystemId = system.Id,
            RegisterNumber = system.RegisterNumber,
            Sector = entry.Sector,
            AuditId = entry.AuditId,
            Reason = reason,
            At = writer.Now,
        };
        db.TrustedListEvents.Add(e);
        writer.Notify(system.OrganisationId, null, system.Id, NotificationKinds.TrustedListChanged, kind, entry.Sector);
        // The event does not change the public record: the entry carries the hash the system's latest entry has, so the
        // record's chain in the log stays unbroken.
        var recordHash = RegisterLogEntry.RecordHash(system.Listed ? system.PublicJson : null);
        try
        {
            await writer.SaveLoggedAsync([new LogEntryDraft(system.Id, e.Id, kind, recordHash, RegisterLogEntry.ForTrustedList(e, recordHash))], cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex))
        {
            // Two supervisors entering the same system at once (the unique index), or removing one entry twice (its version).
            db.ChangeTracker.Clear();
            throw new ConcurrencyException("trusted list entry", entry.Version, entry.Version + 1);
        }
    }

    private static void RequireSupervisor(Actor actor)
    {
        if (!actor.IsSupervisor)
        {
            throw new ForbiddenException("supervisor-only", "Only the supervisory body can do this.");
        }
    }
}
