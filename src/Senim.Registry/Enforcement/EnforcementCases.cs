using Senim.Law.Texts;
using Senim.Registry.Files;
using Senim.Registry.Citizens;
using Senim.Registry.Services;

namespace Senim.Registry.Enforcement;

/// <summary>Which cases the supervisor's list shows.</summary>
public enum EnforcementList
{
    /// <summary>Every case not closed, newest first.</summary>
    Open,

    /// <summary>Cases whose offender's response is overdue, oldest deadline first.</summary>
    Overdue,

    /// <summary>Closed cases, newest first.</summary>
    Closed,
}

/// <summary>A case in a list: who, what, where it stands, the response deadline.</summary>
public sealed record EnforcementRow(
    Guid Id,
    EnforcementOrigin Origin,
    EnforcementStatus Status,
    Guid OrganisationId,
    string OrganisationName,
    RequestSystem? System,
    string Subject,
    DateTime OpenedAt,
    DateOnly? ResponseDueDate,
    bool ResponseOverdue,
    EnforcementDecisionKind? Decision,
    int Version);

/// <summary>A file of a case.</summary>
public sealed record EvidenceItem(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTime AddedAt);

/// <summary>A published decision of the case with its log entry (null until the entry exists).</summary>
public sealed record CaseDecisionEntry(Guid Id, string Kind, DateTime At, long? LogIndex);

/// <summary>
/// A case as its reader sees it. The offender's members (<see cref="ForOffender"/>) see neither the internal notes nor
/// the officials' names.
/// </summary>
public sealed record EnforcementView(
    EnforcementRow Case,
    Guid? OriginId,
    bool ForOffender,
    string? DecisionReasons,
    string? OffenderCategory,
    DateOnly? OffenceDate,
    decimal? FineUnits,
    decimal? FineAmount,
    decimal? UnitValue,
    int? UnitYear,
    bool FineRepeat,
    IReadOnlyList<LocalizedText> FineTrace,
    bool SuspensionOrdered,
    DateOnly? AppealDueDate,
    bool AppealOpen,
    AppealOutcome? AppealOutcome,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<CaseDecisionEntry> Decisions,
    IReadOnlyList<CaseStep> Timeline);

/// <summary>
/// The enforcement cases as the supervisory body and the offender's members read them (docs/enforcement.md, "Who sees
/// what"): supervisors see every case; members of the offender organisation see its cases without internal notes;
/// everyone else (platform admins, experts, other organisations, anonymous) finds none.
/// </summary>
public sealed class EnforcementCases(RegistryDb db, IFileStore files, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The supervisor's list.</summary>
    public async Task<Page<EnforcementRow>> ListAsync(Actor actor, EnforcementList list, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Paging.Validate(page, pageSize);
        if (!actor.IsSupervisor)
        {
            throw new ForbiddenException("enforcement-supervisor", "Only the supervisory body can open and run enforcement cases.");
        }

        var now = Now;
        var query = db.EnforcementCases.AsNoTracking();
        query = list switch
        {
            EnforcementList.Overdue => query.Where(c => c.Status == EnforcementStatus.AwaitingResponse && c.ResponseDueAt <= now).OrderBy(c => c.ResponseDueAt).ThenBy(c => c.Id),
            EnforcementList.Closed => query.Where(c => c.Status == EnforcementStatus.Closed).OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id),
            _ => query.Where(c => c.Status != EnforcementStatus.Closed).OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id),
        };
        return await PageAsync(query, page, pageSize, cancellationToken);
    }

    /// <summary>How many cases each list holds (the supervisor's tabs).</summary>
    public async Task<IReadOnlyDictionary<EnforcementList, int>> CountsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsSupervisor)
        {
            return new Dictionary<EnforcementList, int>();
        }

        var now = Now;
        var cases = db.EnforcementCases.AsNoTracking();
        return new Dictionary<EnforcementList, int>
        {
            [EnforcementList.Open] = await cases.CountAsync(c => c.Status != EnforcementStatus.Closed, cancellationToken),
            [EnforcementList.Overdue] = await cases.CountAsync(c => c.Status == EnforcementStatus.AwaitingResponse && c.ResponseDueAt <= now, cancellationToken),
            [EnforcementList.Closed] = await cases.CountAsync(c => c.Status == EnforcementStatus.Closed, cancellationToken),
        };
    }

    /// <summary>The cases against an organisation, for its members (and the supervisory body), newest first.</summary>
    public async Task<Page<EnforcementRow>> ForOrganisationAsync(Actor actor, Guid organisationId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Paging.Validate(page, pageSize);
        if (!actor.IsMember(organisationId) && !actor.IsSupervisor)
        {
            throw new NotFoundException("organisation", organisationId);
        }

        var query = db.EnforcementCases.AsNoTracking().Where(c => c.OrganisationId == organisationId).OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id);
        return await PageAsync(query, page, pageSize, cancellationToken);
    }

    /// <summary>One case with its timeline, evidence and published decisions.</summary>
    /// <exception cref="NotFoundException">The reader is neither a supervisor nor a member of the offender organisation.</exception>
    public async Task<EnforcementView> GetAsync(Actor actor, Guid caseId, CancellationToken cancellationToken = default)
    {
        var row = await OpenAsync(actor, caseId, cancellationToken);
        var offender = !actor.IsSupervisor;
        var internalSteps = EnforcementWorkflow.All.Where(t => t.Internal).Select(t => t.Code).ToList();
        var events = db.CaseEvents.AsNoTracking().Where(e => e.CaseKind == CaseKinds.EnforcementCase && e.CaseId == row.Id);
        if (offender)
        {
            events = events.Where(e => !internalSteps.Contains(e.Action));
        }

        var steps = await events.OrderBy(e => e.Sequence)
            .Select(e => new CaseStep(e.Sequence, e.Action, e.From, e.To, e.ActorRole, offender && e.ActorRole == "supervisor" ? null : e.ActorName, e.At, e.Text))
            .ToListAsync(cancellationToken);
        var evidence = await db.EnforcementEvidence.AsNoTracking().Where(x => x.CaseId == row.Id).OrderBy(x => x.AddedAt)
            .Select(x => new EvidenceItem(x.Id, x.FileName, x.ContentType, x.Size, x.Sha256, x.AddedAt)).ToListAsync(cancellationToken);
        var decisions = await (from d in db.EnforcementDecisions.AsNoTracking()
                               where d.CaseId == row.Id
                               join l in db.LogEntries.AsNoTracking() on (Guid?)d.Id equals l.EventId into logged
                               from l in logged.DefaultIfEmpty()
                               orderby d.At
                               select new CaseDecisionEntry(d.Id, d.Kind, d.At, (long?)l.Index)).ToListAsync(cancellationToken);
        var trace = row.FineTraceJson is null ? [] : Json.Read<List<Dictionary<string, string>>>(row.FineTraceJson)
            .Select(t => new LocalizedText(t["kk"], t["ru"], t["en"])).ToList();
        var appealOpen = row.Status == EnforcementStatus.Decided && row.AppealOutcome is null && row.AppealDueAt is { } due && Now < due;
        return new EnforcementView((await RowsAsync([row], cancellationToken))[0], row.OriginId, offender, row.DecisionReasons, row.OffenderCategory, row.OffenceDate,
            row.FineUnits, row.FineAmount, row.UnitValue, row.UnitYear, row.FineRepeat, trace, row.SuspensionOrdered, row.AppealDueDate, appealOpen, row.AppealOutcome,
            evidence, decisions, steps);
    }

    /// <summary>An evidence file, for the supervisory body and the offender's members.</summary>
    public async Task<(EvidenceItem Item, Stream Content)> OpenEvidenceAsync(Actor actor, Guid caseId, Guid evidenceId, CancellationToken cancellationToken = default)
    {
        var row = await OpenAsync(actor, caseId, cancellationToken);
        var evidence = await db.EnforcementEvidence.AsNoTracking().FirstOrDefaultAsync(x => x.Id == evidenceId && x.CaseId == row.Id, cancellationToken)
            ?? throw new NotFoundException("evidence", evidenceId);
        var content = await files.OpenAsync(evidence.StorageKey, cancellationToken) ?? throw new NotFoundException("evidence", evidenceId);
        return (new EvidenceItem(evidence.Id, evidence.FileName, evidence.ContentType, evidence.Size, evidence.Sha256, evidence.AddedAt), content);
    }

    private async Task<EnforcementCase> OpenAsync(Actor actor, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await db.EnforcementCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (row is null || !(actor.IsSupervisor || actor.IsMember(row.OrganisationId)))
        {
            throw new NotFoundException("case", caseId);
        }

        return row;
    }

    private async Task<Page<EnforcementRow>> PageAsync(IQueryable<EnforcementCase> query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<EnforcementRow>(await RowsAsync(rows, cancellationToken), total, page, pageSize);
    }

    private async Task<IReadOnlyList<EnforcementRow>> RowsAsync(IReadOnlyList<EnforcementCase> rows, CancellationToken cancellationToken)
    {
        var now = Now;
        var organisationIds = rows.Select(r => r.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var systemIds = rows.Where(r => r.SystemId is not null).Select(r => r.SystemId!.Value).Distinct().ToList();
        var systems = await db.Systems.AsNoTracking().Where(s => systemIds.Contains(s.Id))
            .Select(s => new RequestSystem(s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn, s.Organisation!.Name))
            .ToDictionaryAsync(s => s.Id!.Value, cancellationToken);
        return [.. rows.Select(r => new EnforcementRow(r.Id, r.Origin, r.Status, r.OrganisationId, organisations.GetValueOrDefault(r.OrganisationId) ?? "",
            r.SystemId is { } s ? systems.GetValueOrDefault(s) : null, r.Subject, r.OpenedAt, r.ResponseDueDate,
            r.Status == EnforcementStatus.AwaitingResponse && r.ResponseDueAt <= now, r.Decision, r.Version))];
    }
}
