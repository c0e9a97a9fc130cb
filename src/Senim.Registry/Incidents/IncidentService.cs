using Senim.Law.Calendar;
using Senim.Registry.Citizens;
using Senim.Registry.Services;

namespace Senim.Registry.Incidents;

/// <summary>What an owner reports first about an incident.</summary>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="AwareAt">When the owner became aware of it (UTC); the EU clock runs from then.</param>
public sealed record IncidentInput(
    Guid SystemId,
    IncidentKind Kind,
    string? Summary,
    string? Harm,
    int? PeopleAffected,
    string? AffectedCategories,
    string? Measures,
    bool UseSuspended,
    DateTime OccurredAt,
    DateTime AwareAt);

/// <summary>A follow-up or the final report: what is new (required), and the facts it changes (null: unchanged).</summary>
public sealed record IncidentUpdate(string? Text, string? Harm = null, int? PeopleAffected = null, string? AffectedCategories = null, string? Measures = null, bool? UseSuspended = null);

/// <summary>The EU AI Act Art. 73 clock of an incident: its deadline, days left (calendar days), and whether it was met.</summary>
/// <param name="Overdue">Not yet reported to the EU authority and the due instant has passed.</param>
/// <param name="Late">Reported to the EU authority after the due instant.</param>
public sealed record IncidentClock(string DeadlineId, int Days, DateOnly DueDate, DateTime DueAt, int? DaysLeft, bool Overdue, DateTime? ReportedAt, bool Late);

/// <summary>An incident in a list: its system, kind, status, dates and EU clock (null when the EU pack does not apply).</summary>
public sealed record IncidentItem(
    Guid Id,
    RequestSystem System,
    Guid OrganisationId,
    IncidentKind Kind,
    IncidentStatus Status,
    DateTime OccurredAt,
    DateTime AwareAt,
    DateTime ReportedAt,
    bool UseSuspended,
    IncidentClock? Eu,
    int Version);

/// <summary>An incident with its facts as last reported and its timeline.</summary>
public sealed record IncidentCase(IncidentItem Incident, string Summary, string Harm, int? PeopleAffected, string? AffectedCategories, string Measures, IReadOnlyList<CaseStep> Timeline);

/// <summary>
/// Incidents (docs/incidents-and-audits.md): members of the owner organisation report an incident on one of its systems,
/// add follow-ups and the final report, and record when they reported it to the EU authority; the supervisory body sees
/// every incident, asks for information and reviews the final report. When the EU pack applies to the system (its current
/// classification is in the EU's high-risk class, AI Act Art. 73(1)) the Art. 73 clock is stored at reporting.
/// </summary>
public sealed class IncidentService(RegistryDb db, RegisterWriter writer, CaseTimeline timeline, CaseClock clock)
{
    /// <summary>A member (who may edit) of the owner organisation reports an incident; every supervisor is notified.</summary>
    /// <exception cref="NotFoundException">The reader may not see the system.</exception>
    /// <exception cref="ForbiddenException">The reader is not a member who may edit for the owner organisation.</exception>
    public async Task<Incident> ReportAsync(Actor actor, IncidentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var system = await db.Systems.AsNoTracking().Where(s => s.Id == input.SystemId).Select(s => new { s.Id, s.OrganisationId }).FirstOrDefaultAsync(cancellationToken);
        if (system is null || !actor.CanReadOrganisation(system.OrganisationId))
        {
            throw new NotFoundException("system", input.SystemId);
        }

        RequireOwner(actor, system.OrganisationId);
        var now = writer.Now;
        var errors = new FieldErrors();
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add("kind", "incident-kind-unknown", "must be death, widespread or serious");
        }

        var summary = CitizenRequestService.Text(errors, "summary", input.Summary, IncidentLimits.Text, required: true);
        var harm = CitizenRequestService.Text(errors, "harm", input.Harm, IncidentLimits.Text, required: true);
        var measures = CitizenRequestService.Text(errors, "measures", input.Measures, IncidentLimits.Text, required: true);
        var categories = CitizenRequestService.Text(errors, "affected_categories", input.AffectedCategories, IncidentLimits.Categories, required: false);
        People(errors, input.PeopleAffected);
        if (input.OccurredAt > now)
        {
            errors.Add("occurred_at", "incident-in-future", "cannot be later than now");
        }

        if (input.AwareAt > now)
        {
            errors.Add("aware_at", "incident-in-future", "cannot be later than now");
        }
        else if (input.AwareAt < input.OccurredAt)
        {
            errors.Add("aware_at", "incident-aware-before", "cannot be earlier than when the incident happened");
        }

        errors.ThrowIfAny();
        var incident = new Incident
        {
            Id = Guid.NewGuid(),
            SystemId = system.Id,
            OrganisationId = system.OrganisationId,
            Kind = input.Kind,
            Summary = summary!,
            Harm = harm!,
            PeopleAffected = input.PeopleAffected,
            AffectedCategories = categories,
            Measures = measures!,
            UseSuspended = input.UseSuspended,
            OccurredAt = input.OccurredAt,
            AwareAt = input.AwareAt,
            ReportedAt = now,
            ReportedBy = actor.UserId,
        };
        if (await EuAppliesAsync(system.Id, cancellationToken))
        {
            var deadline = clock.Current.For(IncidentWorkflow.EuDeadlineId(input.Kind), new DateTimeOffset(input.AwareAt, TimeSpan.Zero));
            (incident.EuDeadlineId, incident.EuDueDate, incident.EuDueAt) = (deadline.Period.Id, deadline.DueDate, deadline.DueAt.UtcDateTime);
        }

        incident.Status = await timeline.StepAsync(CaseKinds.Incident, incident.Id, IncidentWorkflow.Get(IncidentAction.Report), null, actor, null, "incident-step-not-allowed", cancellationToken);
        db.Incidents.Add(incident);
        foreach (var supervisor in await timeline.SupervisorIdsAsync(cancellationToken))
        {
            Notify(null, supervisor, incident, NotificationKinds.IncidentReported);
        }

        writer.Count(StatMeasures.Incidents, 0, StatMeasures.IncidentKeys(incident.Kind, incident.EuDeadlineId is not null, incident.UseSuspended));
        await writer.SaveAsync(cancellationToken);
        return incident;
    }

    /// <summary>The owner adds a follow-up (what is new; it may update the facts); answers a request for information.</summary>
    public Task<Incident> FollowUpAsync(Actor actor, Guid incidentId, IncidentUpdate update, int expectedVersion, CancellationToken cancellationToken = default) =>
        UpdateAsync(actor, incidentId, IncidentAction.FollowUp, update, expectedVersion, cancellationToken);

    /// <summary>The owner's final report closes the incident; every supervisor is notified.</summary>
    public Task<Incident> FinalReportAsync(Actor actor, Guid incidentId, IncidentUpdate update, int expectedVersion, CancellationToken cancellationToken = default) =>
        UpdateAsync(actor, incidentId, IncidentAction.FinalReport, update, expectedVersion, cancellationToken);

    /// <summary>The owner records that it reported the incident to the EU market-surveillance authority (once), with a note (a reference).</summary>
    public async Task<Incident> RecordEuReportAsync(Actor actor, Guid incidentId, string? note, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var incident = await OpenAsync(actor, incidentId, cancellationToken);
        RequireOwner(actor, incident.OrganisationId);
        if (incident.EuDeadlineId is null)
        {
            throw new RuleException("incident-eu-not-applicable", "The EU AI Act's incident clock does not apply to this system.");
        }

        if (incident.EuReportedAt is not null)
        {
            throw new RuleException("incident-eu-reported", "The report to the EU authority was already recorded.");
        }

        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, "text", note, IncidentLimits.Text, required: false);
        errors.ThrowIfAny();
        await StepAsync(incident, IncidentAction.RecordEuReport, actor, text, expectedVersion, cancellationToken);
        incident.EuReportedAt = writer.Now;
        await SaveAsync(incident, expectedVersion, cancellationToken);
        return incident;
    }

    /// <summary>The supervisory body asks the owner for information; the owner organisation is notified.</summary>
    public async Task<Incident> RequestInformationAsync(Actor actor, Guid incidentId, string? question, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var incident = await OpenAsync(actor, incidentId, cancellationToken);
        RequireSupervisor(actor);
        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, "text", question, IncidentLimits.Text, required: true);
        errors.ThrowIfAny();
        await StepAsync(incident, IncidentAction.RequestInformation, actor, text, expectedVersion, cancellationToken);
        Notify(incident.OrganisationId, null, incident, NotificationKinds.IncidentInformationRequested);
        await SaveAsync(incident, expectedVersion, cancellationToken);
        return incident;
    }

    /// <summary>The supervisory body marks the final report reviewed; the owner organisation is notified.</summary>
    public async Task<Incident> ReviewAsync(Actor actor, Guid incidentId, string? note, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var incident = await OpenAsync(actor, incidentId, cancellationToken);
        RequireSupervisor(actor);
        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, "text", note, IncidentLimits.Text, required: false);
        errors.ThrowIfAny();
        await StepAsync(incident, IncidentAction.Review, actor, text, expectedVersion, cancellationToken);
        incident.ReviewedAt = writer.Now;
        Notify(incident.OrganisationId, null, incident, NotificationKinds.IncidentReviewed);
        await SaveAsync(incident, expectedVersion, cancellationToken);
        return incident;
    }

    /// <summary>
    /// Incidents the reader may see, newest first: the supervisory body sees all (or one organisation's), a member those of its
    /// organisation (<paramref name="organisationId"/> required).
    /// </summary>
    public async Task<Page<IncidentItem>> ListAsync(Actor actor, Guid? organisationId, bool openOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Paging.Validate(page, pageSize);
        if (!actor.IsSupervisor && !actor.IsAdmin && !(organisationId is { } own && actor.IsMember(own)))
        {
            throw organisationId is { } id ? new NotFoundException("organisation", id) : new ForbiddenException("supervisor-only", "Only the supervisory body sees every incident.");
        }

        var query = db.Incidents.AsNoTracking();
        if (organisationId is { } organisation)
        {
            query = query.Where(i => i.OrganisationId == organisation);
        }

        if (openOnly)
        {
            query = query.Where(i => i.Status != IncidentStatus.Reviewed);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(i => i.ReportedAt).ThenBy(i => i.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<IncidentItem>(await ItemsAsync(rows, cancellationToken), total, page, pageSize);
    }

    /// <summary>One incident with its facts and timeline.</summary>
    /// <exception cref="NotFoundException">The reader may not see it (anonymous, another organisation, an expert).</exception>
    public async Task<IncidentCase> GetAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken = default)
    {
        var incident = await OpenAsync(actor, incidentId, cancellationToken, tracking: false);
        var steps = await timeline.ReadAsync(CaseKinds.Incident, incident.Id, cancellationToken);
        return new IncidentCase((await ItemsAsync([incident], cancellationToken))[0], incident.Summary, incident.Harm, incident.PeopleAffected, incident.AffectedCategories, incident.Measures, steps);
    }

    /// <summary>The EU AI Act's incident clock applies: the system's current classification is in the EU's high-risk class (Art. 73(1)).</summary>
    public async Task<bool> EuAppliesAsync(Guid systemId, CancellationToken cancellationToken = default) =>
        await db.Classifications.AsNoTracking().AnyAsync(c => c.SystemId == systemId && c.IsCurrent && c.EuTier == "high", cancellationToken);

    /// <summary>The clock as stored at reporting (a later pack does not move it), read at <paramref name="now"/>.</summary>
    public static IncidentClock? Clock(Incident incident, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.EuDeadlineId is not { } id || incident.EuDueDate is not { } due || incident.EuDueAt is not { } dueAt)
        {
            return null;
        }

        var today = LocalDate(now);
        var days = due.DayNumber - LocalDate(incident.AwareAt).DayNumber;
        var reported = incident.EuReportedAt;
        return new IncidentClock(id, days, due, dueAt, reported is null ? due.DayNumber - today.DayNumber : null, reported is null && now >= dueAt, reported, reported >= dueAt);
    }

    private static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), DeadlineClock.Kazakhstan).DateTime);

    private async Task<Incident> UpdateAsync(Actor actor, Guid incidentId, IncidentAction action, IncidentUpdate update, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var incident = await OpenAsync(actor, incidentId, cancellationToken);
        RequireOwner(actor, incident.OrganisationId);
        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, "text", update.Text, IncidentLimits.Text, required: true);
        var harm = CitizenRequestService.Text(errors, "harm", update.Harm, IncidentLimits.Text, required: false);
        var measures = CitizenRequestService.Text(errors, "measures", update.Measures, IncidentLimits.Text, required: false);
        var categories = CitizenRequestService.Text(errors, "affected_categories", update.AffectedCategories, IncidentLimits.Categories, required: false);
        People(errors, update.PeopleAffected);
        errors.ThrowIfAny();
        await StepAsync(incident, action, actor, text, expectedVersion, cancellationToken);
        incident.Harm = harm ?? incident.Harm;
        incident.Measures = measures ?? incident.Measures;
        incident.AffectedCategories = categories ?? incident.AffectedCategories;
        incident.PeopleAffected = update.PeopleAffected ?? incident.PeopleAffected;
        incident.UseSuspended = update.UseSuspended ?? incident.UseSuspended;
        if (action == IncidentAction.FinalReport)
        {
            incident.ClosedAt = writer.Now;
            foreach (var supervisor in await timeline.SupervisorIdsAsync(cancellationToken))
            {
                Notify(null, supervisor, incident, NotificationKinds.IncidentReported);
            }

            writer.Count(StatMeasures.IncidentsFinal, 0, StatMeasures.IncidentKeys(incident.Kind, null, incident.UseSuspended));
        }

        await SaveAsync(incident, expectedVersion, cancellationToken);
        return incident;
    }

    private static void People(FieldErrors errors, int? people)
    {
        if (people is < 0 or > IncidentLimits.MaxPeople)
        {
            errors.Add("people_affected", "out-of-range", "must be between {0} and {1}", 0, IncidentLimits.MaxPeople);
        }
    }

    private async Task StepAsync(Incident incident, IncidentAction action, Actor actor, string? text, int expectedVersion, CancellationToken cancellationToken)
    {
        var step = IncidentWorkflow.Get(action);
        if (!step.From.Contains(incident.Status) && incident.Status == IncidentStatus.Reviewed)
        {
            throw new RuleException("incident-reviewed", "This incident was reviewed; nothing more can be added to it.");
        }

        incident.Status = await timeline.StepAsync(CaseKinds.Incident, incident.Id, step, incident.Status, actor, text, "incident-step-not-allowed", cancellationToken);
        if (incident.Version != expectedVersion)
        {
            throw new ConcurrencyException("incident", expectedVersion, incident.Version);
        }
    }

    private Task SaveAsync(Incident incident, int expectedVersion, CancellationToken cancellationToken) =>
        timeline.SaveAsync(incident, "incident", incident.Id, expectedVersion, cancellationToken);

    private void Notify(Guid? organisationId, Guid? userId, Incident incident, string kind) =>
        writer.Notify(organisationId, userId, incident.SystemId, kind, CaseCodes.Code(incident.Kind), incident.Id.ToString(), incident.EuDueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    private async Task<Incident> OpenAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken, bool tracking = true)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var query = tracking ? db.Incidents.AsTracking() : db.Incidents.AsNoTracking();
        var incident = await query.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        // Members of the owner and the supervisory body see an incident; platform admins run the platform and see them too.
        if (incident is null || !(actor.IsSupervisor || actor.IsAdmin || actor.IsMember(incident.OrganisationId)))
        {
            throw new NotFoundException("incident", incidentId);
        }

        return incident;
    }

    private static void RequireOwner(Actor actor, Guid organisationId)
    {
        if (!actor.CanEdit(organisationId))
        {
            throw new ForbiddenException("incident-owner-only", "Only members of the organisation that owns the system can report its incidents and follow them up.");
        }
    }

    private static void RequireSupervisor(Actor actor)
    {
        if (!actor.IsSupervisor)
        {
            throw new ForbiddenException("supervisor-only", "Only the supervisory body can do this.");
        }
    }

    private async Task<IReadOnlyList<IncidentItem>> ItemsAsync(IReadOnlyList<Incident> rows, CancellationToken cancellationToken)
    {
        var now = writer.Now;
        var systems = await timeline.SystemsAsync(rows.Select(r => r.SystemId), cancellationToken);
        return [.. rows.Select(r => new IncidentItem(r.Id, systems[r.SystemId], r.OrganisationId, r.Kind, r.Status, r.OccurredAt, r.AwareAt, r.ReportedAt, r.UseSuspended, Clock(r, now), r.Version))];
    }
}
