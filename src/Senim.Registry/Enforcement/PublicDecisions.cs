using Senim.Registry.Services;

namespace Senim.Registry.Enforcement;

/// <summary>
/// A public decision as anyone reads it (the /decisions page and API): the offender (no name or BIN for a natural
/// person), the system, the reasons, the fine in MCI and tenge, the suspension order or the appeal's outcome, and the
/// index of its transparency-log entry.
/// </summary>
public sealed record PublicEnforcementDecision(
    Guid Id,
    Guid CaseId,
    string Kind,
    DateTime At,
    string? OrganisationName,
    string? Bin,
    bool NaturalPerson,
    Guid? SystemId,
    string? RegisterNumber,
    string? SystemNameKk,
    string? SystemNameRu,
    string? SystemNameEn,
    string Reasons,
    string? Category,
    bool Repeat,
    decimal? FineUnits,
    decimal? FineAmount,
    decimal? UnitValue,
    int? UnitYear,
    bool SuspensionOrdered,
    string? AppealOutcome,
    Guid? AppealOf,
    long? LogIndex);

/// <summary>The published decisions of enforcement cases, newest first (docs/enforcement.md, "Public decisions").</summary>
public sealed class PublicDecisions(RegistryDb db)
{
    public async Task<Page<PublicEnforcementDecision>> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        Paging.Validate(page, pageSize);
        var total = await db.EnforcementDecisions.CountAsync(cancellationToken);
        var rows = await Query(db.EnforcementDecisions.AsNoTracking().OrderByDescending(d => d.At).ThenBy(d => d.Id).Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        return new Page<PublicEnforcementDecision>([.. rows.OrderByDescending(d => d.At).ThenBy(d => d.Id)], total, page, pageSize);
    }

    /// <exception cref="NotFoundException">No decision has this id.</exception>
    public async Task<PublicEnforcementDecision> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await Query(db.EnforcementDecisions.AsNoTracking().Where(d => d.Id == id)).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("decision", id);

    /// <summary>The system's names only while it is listed in the public register (its entry page exists).</summary>
    private IQueryable<PublicEnforcementDecision> Query(IQueryable<EnforcementDecision> decisions) =>
        from d in decisions
        join s in db.Systems.AsNoTracking() on d.SystemId equals s.Id into systems
        from s in systems.DefaultIfEmpty()
        join l in db.LogEntries.AsNoTracking() on (Guid?)d.Id equals l.EventId into logged
        from l in logged.DefaultIfEmpty()
        select new PublicEnforcementDecision(d.Id, d.CaseId, d.Kind, d.At, d.OrganisationName, d.Bin, d.NaturalPerson, d.SystemId, d.RegisterNumber,
            s != null && s.Listed ? s.NameKk : null, s != null && s.Listed ? s.NameRu : null, s != null && s.Listed ? s.NameEn : null,
            d.Reasons, d.Category, d.Repeat, d.FineUnits, d.FineAmount, d.UnitValue, d.UnitYear, d.SuspensionOrdered, d.AppealOutcome, d.AppealOf, (long?)l.Index);
}
