using Senim.Law.Calendar;
using Senim.Registry.Services;

namespace Senim.Registry.Citizens;

/// <summary>A request in the owner's inbox: no personal data; the deadline, days left (working days) and whether it is overdue.</summary>
public sealed record InboxItem(
    Guid Id,
    CitizenRequestKind Kind,
    CitizenRequestStatus Status,
    RequestSystem System,
    DateTime FiledAt,
    DateOnly DueDate,
    DateTime DueAt,
    int? DaysLeft,
    bool Overdue,
    Guid? HandlerId,
    string? HandlerName,
    int Version);

/// <summary>One step as the owner's handlers and the supervisor see it (with who acted).</summary>
public sealed record CaseStep(int Sequence, string Action, string? From, string To, string Role, string? ActorName, DateTime At, string? Text);

/// <summary>
/// A request as the staff who may see it read it. <see cref="Personal"/> is null when the reader may not read it
/// (<see cref="PersonalWithheld"/>) or when it was erased after the retention period (<see cref="PersonalErased"/>).
/// </summary>
public sealed record CitizenCase(
    InboxItem Request,
    Guid? OrganisationId,
    string? ContentLink,
    string? ContentSha256,
    string? LabelVerdict,
    string? Answer,
    ReviewOutcome? Outcome,
    string? OutcomeText,
    PersonalDetails? Personal,
    bool PersonalWithheld,
    bool PersonalErased,
    IReadOnlyList<CaseStep> Timeline);

/// <summary>
/// The owner's inbox of citizens' requests and the supervisory body's view of them (docs/citizens.md, "Who sees what"):
/// members of the owner organisation see the requests about its systems; its admins assign a handler; the handler
/// answers, records the human review's outcome and closes. The person's personal data opens only for the assigned
/// handler and the supervisory body; everyone else who may see the request reads "withheld".
/// </summary>
public sealed class CitizenInbox(RegistryDb db, CitizenCases cases, CaseClock clock, CaseTimeline timeline)
{
    /// <summary>The requests about an organisation's systems, soonest deadline first; <paramref name="openOnly"/> leaves out closed ones.</summary>
    public async Task<Page<InboxItem>> ListAsync(Actor actor, Guid organisationId, bool openOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Paging.Validate(page, pageSize);
        if (!actor.IsMember(organisationId) && !actor.IsSupervisor)
        {
            throw new NotFoundException("organisation", organisationId);
        }

        var query = db.CitizenRequests.AsNoTracking().Where(r => r.OrganisationId == organisationId);
        if (openOnly)
        {
            query = query.Where(r => r.Status != CitizenRequestStatus.Closed);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<InboxItem>(await ItemsAsync(rows, cancellationToken), total, page, pageSize);
    }

    /// <summary>
    /// The supervisory body's list: the requests escalated to it (<paramref name="escalatedOnly"/>), or every request of every
    /// organisation and every named system; soonest deadline first.
    /// </summary>
    /// <exception cref="ForbiddenException">The reader is not of the supervisory body (supervisor-only).</exception>
    public async Task<Page<InboxItem>> SupervisionAsync(Actor actor, bool escalatedOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Paging.Validate(page, pageSize);
        if (!actor.IsSupervisor)
        {
            throw new ForbiddenException("supervisor-only", "Only the supervisory body may do this.");
        }

        var query = db.CitizenRequests.AsNoTracking();
        if (escalatedOnly)
        {
            query = query.Where(r => r.Status == CitizenRequestStatus.Escalated);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<InboxItem>(await ItemsAsync(rows, cancellationToken), total, page, pageSize);
    }

    /// <summary>One request with its timeline; the personal data only for the handler and the supervisor.</summary>
    /// <exception cref="NotFoundException">The reader may not see the request (anonymous, another organisation, an expert).</exception>
    public async Task<CitizenCase> GetAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        var request = await OpenAsync(actor, requestId, tracking: false, cancellationToken);
        var mayRead = MayReadPersonal(actor, request);
        var personal = mayRead ? await cases.DetailsAsync(request, cancellationToken) : null;
        var steps = await timeline.ReadAsync(CaseKinds.CitizenRequest, request.Id, cancellationToken);
        return new CitizenCase((await ItemsAsync([request], cancellationToken))[0], request.OrganisationId, request.ContentLink, request.ContentSha256, request.LabelVerdict,
            request.Answer, request.Outcome, request.OutcomeText, personal, !mayRead, request.PersonalDataId is null, steps);
    }

    /// <summary>Admin of the owner organisation: make a member the handler (again, to hand it to another one).</summary>
    public async Task<CitizenRequest> AssignAsync(Actor actor, Guid requestId, Guid handlerId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var request = await OpenAsync(actor, requestId, tracking: true, cancellationToken);
        if (request.OrganisationId is not { } organisation || !actor.IsOrganisationAdmin(organisation))
        {
            throw new ForbiddenException("citizen-assign-admin", "Only an admin of the organisation that owns the system can assign a citizen's request.");
        }

        CitizenCases.RequireVersion(request, expectedVersion);
        var handler = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == organisation && m.UserId == handlerId)
            .Select(m => m.User!.DisplayName).FirstOrDefaultAsync(cancellationToken);
        if (handler is null)
        {
            var errors = new FieldErrors();
            errors.Add("handler", "citizen-handler-not-member", "the handler must be a member of the organisation");
            errors.ThrowIfAny();
        }

        await cases.StepAsync(request, CitizenAction.Assign, actor, null, cancellationToken);
        request.HandlerId = handlerId;
        request.AssignedAt = cases.Now;
        cases.Notify(null, handlerId, request, Services.NotificationKinds.CitizenRequestAssigned);
        await MailAsync(request, CitizenAction.Assign, cancellationToken);
        await cases.SaveAsync(request, expectedVersion, cancellationToken);
        return request;
    }

    /// <summary>The handler: answer the person. The tracking page shows the answer.</summary>
    public async Task<CitizenRequest> AnswerAsync(Actor actor, Guid requestId, string? answer, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var request = await OpenForHandlerAsync(actor, requestId, cancellationToken);
        var text = RequireText("answer", answer, CitizenLimits.Answer);
        await cases.StepAsync(request, CitizenAction.Answer, actor, text, cancellationToken);
        CitizenCases.RequireVersion(request, expectedVersion);
        request.Answer = text;
        request.AnsweredAt = cases.Now;
        await MailAsync(request, CitizenAction.Answer, cancellationToken);
        await cases.SaveAsync(request, expectedVersion, cancellationToken);
        return request;
    }

    /// <summary>The handler: the outcome of the human review of an objected decision (once).</summary>
    public async Task<CitizenRequest> RecordOutcomeAsync(Actor actor, Guid requestId, ReviewOutcome outcome, string? text, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var request = await OpenForHandlerAsync(actor, requestId, cancellationToken);
        if (request.Kind != CitizenRequestKind.Objection)
        {
            throw new RuleException("citizen-outcome-objection", "A human review's outcome belongs to an objection to an automated decision; this request is a {0}.", request.Kind.Code());
        }

        if (request.Outcome is not null)
        {
            throw new RuleException("citizen-outcome-recorded", "The outcome of the review was already recorded ({0}); it cannot be recorded twice.", request.Outcome.Value.Code());
        }

        if (!Enum.IsDefined(outcome))
        {
            var errors = new FieldErrors();
            errors.Add("outcome", "citizen-outcome-unknown", "must be upheld, changed or reversed");
            errors.ThrowIfAny();
        }

        var why = RequireText("outcome_text", text, CitizenLimits.Answer);
        await cases.StepAsync(request, CitizenAction.RecordOutcome, actor, why, cancellationToken);
        CitizenCases.RequireVersion(request, expectedVersion);
        request.Outcome = outcome;
        request.OutcomeText = why;
        await MailAsync(request, CitizenAction.RecordOutcome, cancellationToken);
        await cases.SaveAsync(request, expectedVersion, cancellationToken);
        return request;
    }

    /// <summary>
    /// The handler closes an answered request (an objection only with the review's outcome); the supervisory body closes an
    /// escalated one.
    /// </summary>
    public async Task<CitizenRequest> CloseAsync(Actor actor, Guid requestId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var request = await OpenAsync(actor, requestId, tracking: true, cancellationToken);
        CitizenAction action;
        if (request.Status == CitizenRequestStatus.Escalated)
        {
            if (!actor.IsSupervisor)
            {
                throw new ForbiddenException("citizen-escalated-supervisor", "This request is with the supervisory body; only the supervisory body can close it.");
            }

            action = CitizenAction.SupervisorClose;
        }
        else
        {
            RequireHandler(actor, request);
            if (request.Kind == CitizenRequestKind.Objection && request.Outcome is null && request.Status == CitizenRequestStatus.Answered)
            {
                throw new RuleException("citizen-outcome-required", "Record the outcome of the human review (upheld, changed or reversed) before closing an objection.");
            }

            action = CitizenAction.Close;
        }

        await cases.StepAsync(request, action, actor, null, cancellationToken);
        CitizenCases.RequireVersion(request, expectedVersion);
        request.ClosedAt = cases.Now;
        await MailAsync(request, action, cancellationToken);
        await cases.SaveAsync(request, expectedVersion, cancellationToken);
        return request;
    }

    /// <summary>The assigned handler, and the supervisory body; nobody else (other members, admins, experts, the public).</summary>
    public static bool MayReadPersonal(Actor actor, CitizenRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        return actor.IsSupervisor
            || (request.HandlerId is { } handler && handler == actor.UserId && request.OrganisationId is { } organisation && actor.IsMember(organisation));
    }

    private async Task<CitizenRequest> OpenAsync(Actor actor, Guid requestId, bool tracking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var query = tracking ? db.CitizenRequests.AsTracking() : db.CitizenRequests.AsNoTracking();
        var request = await query.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        // Members of the owner see its requests; the supervisory body sees all; platform admins see them without personal data.
        if (request is null || !(actor.IsSupervisor || actor.IsAdmin || (request.OrganisationId is { } organisation && actor.IsMember(organisation))))
        {
            throw new NotFoundException("request", requestId);
        }

        return request;
    }

    private async Task<CitizenRequest> OpenForHandlerAsync(Actor actor, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await OpenAsync(actor, requestId, tracking: true, cancellationToken);
        if (request.Status == CitizenRequestStatus.Closed)
        {
            // Said before who may act, so a late reply reads as what it is.
            throw CitizenCases.Closed(request);
        }

        RequireHandler(actor, request);
        return request;
    }

    private static void RequireHandler(Actor actor, CitizenRequest request)
    {
        if (request.HandlerId != actor.UserId || request.OrganisationId is not { } organisation || !actor.CanEdit(organisation))
        {
            throw new ForbiddenException("citizen-not-handler", "Only the member assigned to this request can answer, record its outcome or close it.");
        }
    }

    private async Task MailAsync(CitizenRequest request, CitizenAction action, CancellationToken cancellationToken)
    {
        var details = await cases.DetailsAsync(request, cancellationToken);
        if (details?.Email is not null)
        {
            cases.MailCitizen(request, details, action, await cases.SystemNameAsync(request, request.Language, cancellationToken));
        }
    }

    private static string RequireText(string field, string? value, int limit)
    {
        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, field, value, limit, required: true);
        errors.ThrowIfAny();
        return text!;
    }

    /// <summary>The deadline as stored at filing (a later pack with another length does not move it).</summary>
    private static Deadline Stored(DeadlineClock deadlines, CitizenRequest r)
    {
        var filed = new DateTimeOffset(r.FiledAt, TimeSpan.Zero);
        return new Deadline(deadlines.Period(r.DeadlineId), filed, deadlines.LocalDate(filed), r.DueDate, new DateTimeOffset(r.DueAt, TimeSpan.Zero));
    }

    private async Task<IReadOnlyList<InboxItem>> ItemsAsync(IReadOnlyList<CitizenRequest> rows, CancellationToken cancellationToken)
    {
        var now = cases.Now;
        var systemIds = rows.Where(r => r.SystemId is not null).Select(r => r.SystemId!.Value).Distinct().ToList();
        var systems = await db.Systems.AsNoTracking().Where(s => systemIds.Contains(s.Id))
            .Select(s => new RequestSystem(s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn, s.Organisation!.Name))
            .ToDictionaryAsync(s => s.Id!.Value, cancellationToken);
        var handlerIds = rows.Where(r => r.HandlerId is not null).Select(r => r.HandlerId!.Value).Distinct().ToList();
        var handlers = await db.Users.AsNoTracking().Where(u => handlerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var deadlines = clock.Current;
        return [.. rows.Select(r =>
        {
            var system = r.SystemId is { } id && systems.TryGetValue(id, out var found)
                ? found
                : new RequestSystem(null, null, r.NamedSystem, r.NamedSystem, r.NamedSystem, r.NamedOrganisation);
            var waiting = CitizenWorkflow.Waiting.Contains(r.Status);
            int? daysLeft = waiting
                ? deadlines.DaysLeft(Stored(deadlines, r), new DateTimeOffset(now, TimeSpan.Zero))
                : null;
            return new InboxItem(r.Id, r.Kind, r.Status, system, r.FiledAt, r.DueDate, r.DueAt, daysLeft, CitizenRequestService.IsOverdue(r, now),
                r.HandlerId, r.HandlerId is { } h ? handlers.GetValueOrDefault(h) : null, r.Version);
        })];
    }
}
