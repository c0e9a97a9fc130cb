using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Texts;
using Senim.Registry.Citizens;
using Senim.Registry.Files;
using Senim.Registry.Services;

namespace Senim.Registry.Audits;

/// <summary>What the supervisory body plans: the system, the sector (null: the system's own), scope, dates and auditor.</summary>
public sealed record AuditPlan(Guid SystemId, string? Sector, string? Scope, DateOnly PlannedStart, DateOnly PlannedEnd, Guid AuditorId);

/// <summary>An audit in a list.</summary>
public sealed record AuditItem(
    Guid Id,
    RequestSystem System,
    Guid OrganisationId,
    string Sector,
    AuditStatus Status,
    DateOnly PlannedStart,
    DateOnly PlannedEnd,
    Guid AuditorId,
    string? AuditorName,
    int Findings,
    int Items,
    int OpenActions,
    DateTime? CompletedAt,
    int Version);

/// <summary>One checklist item of an audit: the pack's item, the finding (null: not yet recorded) and its corrective actions.</summary>
public sealed record AuditChecklistLine(ChecklistItem Item, AuditFinding? Finding, IReadOnlyList<CorrectiveAction> Actions);

/// <summary>An audit with its checklist, findings, corrective actions and timeline; <see cref="Pack"/> cites the items' articles.</summary>
public sealed record AuditCase(AuditItem Audit, string Scope, string? Conclusion, Checklist Checklist, CompiledPack? Pack, IReadOnlyList<AuditChecklistLine> Lines, IReadOnlyList<CaseStep> Timeline)
{
    /// <summary>The articles an item rests on, cited in a language.</summary>
    public string Cites(ChecklistItem item, Language language)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Join(", ", item.Articles.Select(a => Pack?.FindArticle(a)?.Cite[language] ?? a));
    }
}

/// <summary>
/// Audits (docs/incidents-and-audits.md; Law 230-VIII Arts. 19(2), 20): the supervisory body plans an audit of a registered
/// system with an auditor (a supervisor or an expert account); the auditor records a finding per item of the law pack's
/// audit checklist (met, not met, not applicable; a note; an evidence file), asks for corrective actions with deadlines, and
/// completes the audit as passed or failed; members of the owner organisation read the findings and report corrective
/// actions done. The supervisory body, the auditor, platform admins and the owner's members see an audit; nobody else.
/// </summary>
public sealed class AuditService(RegistryDb db, RegisterWriter writer, CaseTimeline timeline, CaseClock clock, LawCatalog catalog, IFileStore files)
{
    /// <summary>The statuses of a registered system that may be audited for a trusted list.</summary>
    public static IReadOnlyList<SystemStatus> Auditable { get; } = [SystemStatus.Registered, SystemStatus.RegisteredWithConditions];

    /// <summary>The active law pack's audit checklist.</summary>
    public Checklist Checklist() =>
        catalog.Active.Packs.SelectMany(p => p.Pack.Checklists).FirstOrDefault(c => c.Id == AuditWorkflow.Checklist)
        ?? throw new InvalidOperationException($"the active law packs have no checklist '{AuditWorkflow.Checklist}'");

    /// <summary>The supervisory body plans an audit; the owner organisation and the auditor are notified.</summary>
    public async Task<Audit> PlanAsync(Actor actor, AuditPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(plan);
        RequireSupervisor(actor);
        var system = await db.Systems.AsNoTracking().Where(s => s.Id == plan.SystemId).Select(s => new { s.Id, s.OrganisationId, s.Status, s.Sector }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("system", plan.SystemId);
        if (!Auditable.Contains(system.Status))
        {
            throw new RuleException("audit-not-registered", "Only a registered system can be audited for a trusted list (it is {0}).", system.Status.Code());
        }

        if (await db.Audits.AnyAsync(a => a.SystemId == system.Id && (a.Status == AuditStatus.Planned || a.Status == AuditStatus.InProgress), cancellationToken))
        {
            throw new RuleException("audit-open", "This system already has an audit planned or in progress.");
        }

        var errors = new FieldErrors();
        var sector = plan.Sector ?? system.Sector;
        if (!Sectors.IsKnown(sector))
        {
            errors.Add("sector", "sector-unknown", "is not a known sector");
        }

        var scope = CitizenRequestService.Text(errors, "scope", plan.Scope, AuditLimits.Scope, required: true);
        var today = clock.Current.LocalDate(new DateTimeOffset(writer.Now, TimeSpan.Zero));
        if (plan.PlannedStart < today || plan.PlannedStart > today.AddDays(AuditLimits.MaxDaysAhead))
        {
            errors.Add("planned_start", "date-out-of-range", "must be between {0} and {1}", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.AddDays(AuditLimits.MaxDaysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (plan.PlannedEnd < plan.PlannedStart || plan.PlannedEnd > plan.PlannedStart.AddDays(AuditLimits.MaxDaysAhead))
        {
            errors.Add("planned_end", "audit-end-before-start", "must be on or after the planned start");
        }

        var auditor = await (from u in db.Users
                             where u.Id == plan.AuditorId
                             where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == PlatformRoles.Supervisor || r.Name == PlatformRoles.Expert)))
                             select (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (auditor is null)
        {
            errors.Add("auditor", "audit-auditor-role", "the auditor must be a supervisor or an expert");
        }

        errors.ThrowIfAny();
        var audit = new Audit
        {
            Id = Guid.NewGuid(),
            SystemId = system.Id,
            OrganisationId = system.OrganisationId,
            Sector = sector,
            Scope = scope!,
            PlannedStart = plan.PlannedStart,
            PlannedEnd = plan.PlannedEnd,
            AuditorId = plan.AuditorId,
            ChecklistId = AuditWorkflow.Checklist,
            PackVersion = catalog.Active.Packs.FirstOrDefault(p => p.Pack.Checklists.Any(c => c.Id == AuditWorkflow.Checklist))?.Pack.Header.Version ?? "",
            PlannedBy = actor.UserId,
            PlannedAt = writer.Now,
        };
        _ = Checklist();
        audit.Status = await timeline.StepAsync(CaseKinds.Audit, audit.Id, AuditWorkflow.Get(AuditAction.Plan), null, actor, scope, "audit-step-not-allowed", cancellationToken);
        db.Audits.Add(audit);
        Notify(audit.OrganisationId, null, audit, NotificationKinds.AuditPlanned);
        Notify(null, audit.AuditorId, audit, NotificationKinds.AuditPlanned);
        await writer.SaveAsync(cancellationToken);
        return audit;
    }

    /// <summary>The auditor records (or, while the audit runs, replaces) the finding on one checklist item; "not met" needs a note; the evidence file is checked like other evidence (type, size).</summary>
    public async Task<AuditFinding> RecordFindingAsync(Actor actor, Guid auditId, string itemId, FindingResult result, string? note, Organisations.Upload? evidence, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var audit = await OpenAsync(actor, auditId, cancellationToken);
        RequireAuditor(actor, audit);
        var errors = new FieldErrors();
        if (Checklist().Items.All(i => i.Id != itemId))
        {
            errors.Add("item", "item-unknown", "the checklist has no item '{0}'", itemId);
        }

        if (!Enum.IsDefined(result))
        {
            errors.Add("result", "audit-result-unknown", "must be met, not-met or not-applicable");
        }

        var text = CitizenRequestService.Text(errors, "note", note, AuditLimits.Text, required: result == FindingResult.NotMet);
        errors.ThrowIfAny();
        var file = evidence is null ? null : await EvidenceFile.ReadAsync(evidence.FileName, evidence.Content, evidence.Length, "evidence", cancellationToken);
        await StepAsync(audit, AuditAction.RecordFinding, actor, $"{itemId}: {CaseCodes.Code(result)}", expectedVersion, cancellationToken);
        var finding = audit.Findings.FirstOrDefault(f => f.ItemId == itemId);
        if (finding is null)
        {
            finding = new AuditFinding { Id = Guid.NewGuid(), AuditId = audit.Id, ItemId = itemId };
            db.AuditFindings.Add(finding);
        }

        finding.Result = result;
        finding.Note = text;
        finding.RecordedAt = writer.Now;
        if (file is not null)
        {
            finding.EvidenceKey = await files.SaveAsync(new MemoryStream(file.Bytes), cancellationToken);
            finding.EvidenceName = file.Name;
            finding.EvidenceSha256 = file.Sha256;
        }

        await SaveAsync(audit, expectedVersion, cancellationToken);
        return finding;
    }

    /// <summary>
    /// The auditor asks for a corrective action on an item found not met: due on <paramref name="due"/>, or by default the law
    /// pack's period in working days from today.
    /// </summary>
    public async Task<CorrectiveAction> AddCorrectiveActionAsync(Actor actor, Guid auditId, string itemId, string? text, DateOnly? due, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var audit = await OpenAsync(actor, auditId, cancellationToken);
        RequireAuditor(actor, audit);
        var errors = new FieldErrors();
        if (audit.Findings.FirstOrDefault(f => f.ItemId == itemId) is not { Result: FindingResult.NotMet })
        {
            errors.Add("item", "audit-item-not-failed", "a corrective action needs a finding of 'not met' on the item");
        }

        var what = CitizenRequestService.Text(errors, "text", text, AuditLimits.Text, required: true);
        var deadlines = clock.Current;
        var now = new DateTimeOffset(writer.Now, TimeSpan.Zero);
        var today = deadlines.LocalDate(now);
        if (due is { } date && (date <= today || date > today.AddDays(AuditLimits.MaxDaysAhead)))
        {
            errors.Add("due", "date-out-of-range", "must be between {0} and {1}", today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.AddDays(AuditLimits.MaxDaysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        errors.ThrowIfAny();
        var (dueDate, dueAt) = due is { } set
            ? (set, deadlines.StartOfDay(set.AddDays(1)))
            : deadlines.For(AuditWorkflow.CorrectiveDeadline, now) is var d ? (d.DueDate, d.DueAt) : default;
        await StepAsync(audit, AuditAction.AddCorrectiveAction, actor, $"{itemId}: {what}", expectedVersion, cancellationToken);
        var action = new CorrectiveAction { Id = Guid.NewGuid(), AuditId = audit.Id, ItemId = itemId, Text = what!, DueDate = dueDate, DueAt = dueAt.UtcDateTime, CreatedAt = writer.Now };
        db.CorrectiveActions.Add(action);
        Notify(audit.OrganisationId, null, audit, NotificationKinds.CorrectiveActionRequested, dueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await SaveAsync(audit, expectedVersion, cancellationToken);
        return action;
    }

    /// <summary>A member of the owner organisation reports a corrective action done; the auditor is notified.</summary>
    public async Task<CorrectiveAction> ReportActionDoneAsync(Actor actor, Guid auditId, Guid actionId, string? text, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var audit = await OpenAsync(actor, auditId, cancellationToken);
        if (!actor.CanEdit(audit.OrganisationId))
        {
            throw new ForbiddenException("audit-owner-only", "Only members of the organisation that owns the system can report corrective actions done.");
        }

        var action = audit.Actions.FirstOrDefault(a => a.Id == actionId) ?? throw new NotFoundException("corrective action", actionId);
        if (action.DoneAt is not null)
        {
            throw new RuleException("audit-action-done", "This corrective action was already reported done.");
        }

        var errors = new FieldErrors();
        var what = CitizenRequestService.Text(errors, "text", text, AuditLimits.Text, required: true);
        errors.ThrowIfAny();
        await StepAsync(audit, AuditAction.ReportActionDone, actor, $"{action.ItemId}: {what}", expectedVersion, cancellationToken);
        action.DoneAt = writer.Now;
        action.DoneText = what;
        Notify(null, audit.AuditorId, audit, NotificationKinds.CorrectiveActionDone);
        await SaveAsync(audit, expectedVersion, cancellationToken);
        return action;
    }

    /// <summary>
    /// The auditor completes the audit with a conclusion, once every item has a finding. It passes only when every item found
    /// not met has corrective actions, all reported done.
    /// </summary>
    public async Task<Audit> CompleteAsync(Actor actor, Guid auditId, bool passed, string? conclusion, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var audit = await OpenAsync(actor, auditId, cancellationToken);
        RequireAuditor(actor, audit);
        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, "conclusion", conclusion, AuditLimits.Text, required: true);
        errors.ThrowIfAny();
        var missing = Checklist().Items.Where(i => audit.Findings.All(f => f.ItemId != i.Id)).Select(i => i.Id).ToList();
        if (missing.Count > 0 && audit.Status is AuditStatus.Planned or AuditStatus.InProgress)
        {
            throw new RuleException("audit-findings-missing", "Every checklist item needs a finding before the audit is completed; missing: {0}.", string.Join(", ", missing));
        }

        var unresolved = audit.Findings.Where(f => f.Result == FindingResult.NotMet)
            .Where(f => !audit.Actions.Any(a => a.ItemId == f.ItemId) || audit.Actions.Any(a => a.ItemId == f.ItemId && a.DoneAt is null))
            .Select(f => f.ItemId).ToList();
        if (passed && unresolved.Count > 0 && audit.Status is AuditStatus.Planned or AuditStatus.InProgress)
        {
            throw new RuleException("audit-not-met", "The audit cannot pass while items found not met have no corrective action done: {0}.", string.Join(", ", unresolved));
        }

        await StepAsync(audit, passed ? AuditAction.Pass : AuditAction.Fail, actor, text, expectedVersion, cancellationToken);
        audit.CompletedAt = writer.Now;
        audit.Conclusion = text;
        Notify(audit.OrganisationId, null, audit, NotificationKinds.AuditCompleted, CaseCodes.Code(audit.Status));
        await SaveAsync(audit, expectedVersion, cancellationToken);
        return audit;
    }

    /// <summary>The supervisory body calls off a planned or running audit, with a reason; the owner organisation is notified.</summary>
    public async Task<Audit> CancelAsync(Actor actor, Guid auditId, string? reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var audit = await OpenAsync(actor, auditId, cancellationToken);
        RequireSupervisor(actor);
        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, "text", reason, AuditLimits.Text, required: true);
        errors.ThrowIfAny();
        await StepAsync(audit, AuditAction.Cancel, actor, text, expectedVersion, cancellationToken);
        audit.CompletedAt = writer.Now;
        audit.Conclusion = text;
        Notify(audit.OrganisationId, null, audit, NotificationKinds.AuditCompleted, CaseCodes.Code(audit.Status));
        await SaveAsync(audit, expectedVersion, cancellationToken);
        return audit;
    }

    /// <summary>
    /// Audits the reader may see, soonest planned first: the supervisory body sees all (or one organisation's); an auditor those
    /// they audit (<paramref name="mine"/>); a member those of its organisation (<paramref name="organisationId"/> required).
    /// </summary>
    public async Task<Page<AuditItem>> ListAsync(Actor actor, Guid? organisationId, bool mine, bool openOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Paging.Validate(page, pageSize);
        var query = db.Audits.AsNoTracking();
        if (organisationId is { } organisation)
        {
            if (!actor.IsSupervisor && !actor.IsAdmin && !actor.IsMember(organisation))
            {
                throw new NotFoundException("organisation", organisation);
            }

            query = query.Where(a => a.OrganisationId == organisation);
        }
        else if (mine || !(actor.IsSupervisor || actor.IsAdmin))
        {
            if (!actor.IsSupervisor && !actor.IsExpert)
            {
                throw new ForbiddenException("audit-auditor-only", "Only supervisors and experts audit systems.");
            }

            var me = actor.UserId;
            query = query.Where(a => a.AuditorId == me);
        }

        if (openOnly)
        {
            query = query.Where(a => a.Status == AuditStatus.Planned || a.Status == AuditStatus.InProgress);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(a => a.PlannedStart).ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Include(a => a.Findings).Include(a => a.Actions).AsSplitQuery().ToListAsync(cancellationToken);
        return new Page<AuditItem>(await ItemsAsync(rows, cancellationToken), total, page, pageSize);
    }

    /// <summary>One audit with its checklist, findings, corrective actions and timeline.</summary>
    /// <exception cref="NotFoundException">The reader may not see it.</exception>
    public async Task<AuditCase> GetAsync(Actor actor, Guid auditId, CancellationToken cancellationToken = default)
    {
        var audit = await OpenAsync(actor, auditId, cancellationToken, tracking: false);
        var checklist = Checklist();
        var pack = catalog.Active.Packs.FirstOrDefault(p => p.Pack.Checklists.Any(c => c.Id == checklist.Id));
        var lines = checklist.Items.Select(i => new AuditChecklistLine(i, audit.Findings.FirstOrDefault(f => f.ItemId == i.Id),
            [.. audit.Actions.Where(a => a.ItemId == i.Id).OrderBy(a => a.CreatedAt)])).ToList();
        var steps = await timeline.ReadAsync(CaseKinds.Audit, audit.Id, cancellationToken);
        return new AuditCase((await ItemsAsync([audit], cancellationToken))[0], audit.Scope, audit.Conclusion, checklist, pack, lines, steps);
    }

    /// <summary>The evidence file of a finding, for those who may see the audit; null when the finding has none.</summary>
    public async Task<(string Name, Stream Content)?> EvidenceAsync(Actor actor, Guid auditId, string itemId, CancellationToken cancellationToken = default)
    {
        var audit = await OpenAsync(actor, auditId, cancellationToken, tracking: false);
        if (audit.Findings.FirstOrDefault(f => f.ItemId == itemId) is not { EvidenceKey: { } key, EvidenceName: { } name })
        {
            return null;
        }

        return await files.OpenAsync(key, cancellationToken) is { } stream ? (name, stream) : null;
    }

    /// <summary>Supervisory body: who may audit (accounts with the supervisor or the expert role), by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> AuditorsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireSupervisor(actor);
        var rows = await (from u in db.Users.AsNoTracking()
                          where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == PlatformRoles.Supervisor || r.Name == PlatformRoles.Expert)))
                          select new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCulture).Select(r => (r.Id, r.DisplayName))];
    }

    /// <summary>Supervisory body: the systems that may be audited now (registered), by name.</summary>
    public async Task<IReadOnlyList<RequestSystem>> AuditableAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireSupervisor(actor);
        var ids = await db.Systems.AsNoTracking().Where(s => Auditable.Contains(s.Status)).OrderBy(s => s.SortName).Select(s => s.Id).Take(500).ToListAsync(cancellationToken);
        var systems = await timeline.SystemsAsync(ids, cancellationToken);
        return [.. ids.Select(id => systems[id])];
    }

    /// <summary>The latest completed audit of a system (passed or failed); null when there is none.</summary>
    public async Task<Audit?> LatestCompletedAsync(Guid systemId, CancellationToken cancellationToken = default) =>
        await db.Audits.AsNoTracking().Where(a => a.SystemId == systemId && (a.Status == AuditStatus.Passed || a.Status == AuditStatus.Failed))
            .OrderByDescending(a => a.CompletedAt).FirstOrDefaultAsync(cancellationToken);

    private async Task StepAsync(Audit audit, AuditAction action, Actor actor, string? text, int expectedVersion, CancellationToken cancellationToken)
    {
        audit.Status = await timeline.StepAsync(CaseKinds.Audit, audit.Id, AuditWorkflow.Get(action), audit.Status, actor, text, "audit-step-not-allowed", cancellationToken);
        if (audit.Version != expectedVersion)
        {
            throw new ConcurrencyException("audit", expectedVersion, audit.Version);
        }
    }

    private Task SaveAsync(Audit audit, int expectedVersion, CancellationToken cancellationToken) =>
        timeline.SaveAsync(audit, "audit", audit.Id, expectedVersion, cancellationToken);

    private void Notify(Guid? organisationId, Guid? userId, Audit audit, string kind, string? extra = null) =>
        writer.Notify(organisationId, userId, audit.SystemId, kind, audit.Sector, audit.Id.ToString(), extra ?? audit.PlannedStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private async Task<Audit> OpenAsync(Actor actor, Guid auditId, CancellationToken cancellationToken, bool tracking = true)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var query = tracking ? db.Audits.AsTracking() : db.Audits.AsNoTracking();
        var audit = await query.Include(a => a.Findings).Include(a => a.Actions).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == auditId, cancellationToken);
        if (audit is null || !(actor.IsSupervisor || actor.IsAdmin || IsAuditor(actor, audit) || actor.IsMember(audit.OrganisationId)))
        {
            throw new NotFoundException("audit", auditId);
        }

        return audit;
    }

    /// <summary>
    /// Refuses anyone but the audit's auditor (those who may not see the audit find nothing): for a request that is read
    /// in full before it can be checked, such as an upload, so the refusal comes before the request's own errors.
    /// </summary>
    public async Task RequireAuditorAsync(Actor actor, Guid auditId, CancellationToken cancellationToken = default) =>
        RequireAuditor(actor, await OpenAsync(actor, auditId, cancellationToken, tracking: false));

    private static bool IsAuditor(Actor actor, Audit audit) => actor.UserId == audit.AuditorId && (actor.IsSupervisor || actor.IsExpert);

    private static void RequireAuditor(Actor actor, Audit audit)
    {
        if (!IsAuditor(actor, audit))
        {
            throw new ForbiddenException("audit-auditor-only", "Only the audit's auditor can record findings, corrective actions and the result.");
        }
    }

    private static void RequireSupervisor(Actor actor)
    {
        if (!actor.IsSupervisor)
        {
            throw new ForbiddenException("supervisor-only", "Only the supervisory body can do this.");
        }
    }

    private async Task<IReadOnlyList<AuditItem>> ItemsAsync(IReadOnlyList<Audit> rows, CancellationToken cancellationToken)
    {
        var systems = await timeline.SystemsAsync(rows.Select(r => r.SystemId), cancellationToken);
        var auditorIds = rows.Select(r => r.AuditorId).Distinct().ToList();
        var auditors = await db.Users.AsNoTracking().Where(u => auditorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var items = Checklist().Items.Count;
        return [.. rows.Select(r => new AuditItem(r.Id, systems[r.SystemId], r.OrganisationId, r.Sector, r.Status, r.PlannedStart, r.PlannedEnd, r.AuditorId, auditors.GetValueOrDefault(r.AuditorId),
            r.Findings.Count, items, r.Actions.Count(a => a.DoneAt is null), r.CompletedAt, r.Version))];
    }
}
