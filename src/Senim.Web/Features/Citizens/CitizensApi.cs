using Senim.Registry.Citizens;
using Senim.Registry.Labels;
using Senim.Web.Features.Labels;

namespace Senim.Web.Features.Citizens;

/// <summary>
/// Citizens' requests over JSON (docs/citizens.md): a person files one (a form token first, then the request with its
/// proof-of-work stamp) and follows it by its tracking code; the owner's members and the supervisory body work the inbox
/// as on the pages. The person's personal data is in a case only for the assigned handler and the supervisory body.
/// </summary>
public static class CitizensApi
{
    public sealed record FormTokenDoc(string FormToken, int Difficulty, DateTimeOffset NotBefore);

    /// <param name="Kind">objection, explanation-request, data-request, interaction-refusal or synthetic-content-complaint.</param>
    /// <param name="System">The id of a system of the public register; or <paramref name="RegisterNumber"/>; or <paramref name="NamedSystem"/>.</param>
    /// <param name="Language">kk, ru or en: the language of the person's mails (default: the request's language).</param>
    /// <param name="FormToken">From GET /api/v1/citizen-requests/form-token, sent no sooner than its not_before.</param>
    /// <param name="Proof">A stamp such that SHA-256("form_token:proof") starts with difficulty zero bits.</param>
    /// <param name="Website">Leave empty (the form's honeypot).</param>
    public sealed record FileBody(string? Kind, string? System, string? RegisterNumber, string? NamedSystem, string? NamedOrganisation, string? Name, string? Email,
        string? Phone, string? Description, string? ContentLink, string? Language, string? FormToken, string? Proof, string? Website);

    public sealed record FiledDoc(Guid Id, string TrackingCode, string Status, DateOnly DueDate, DateTime DueAt, string TrackUrl);

    public sealed record SystemDoc(Guid? Id, string? RegisterNumber, string? NameKk, string? NameRu, string? NameEn, string? Organisation);

    public sealed record StepDoc(string Action, string Status, string Role, DateTime At, string? Text);

    public sealed record TrackDoc(string Kind, string Status, SystemDoc System, DateTime FiledAt, DateOnly DueDate, DateTime DueAt, bool Overdue,
        string? Answer, string? Outcome, string? OutcomeText, IReadOnlyList<StepDoc> Timeline);

    public sealed record InboxItemDoc(Guid Id, string Kind, string Status, SystemDoc System, DateTime FiledAt, DateOnly DueDate, DateTime DueAt, int? DaysLeft,
        bool Overdue, Guid? HandlerId, string? HandlerName, int Version);

    public sealed record PersonDoc(string Name, string? Email, string? Phone, string Description);

    public sealed record CaseStepDoc(int Sequence, string Action, string? From, string To, string Role, string? ActorName, DateTime At, string? Text);

    /// <param name="Personal">The person's data: only for the assigned handler and the supervisory body (else null, with personal_withheld).</param>
    public sealed record CaseDoc(InboxItemDoc Request, string? ContentLink, string? ContentSha256, string? LabelVerdict, string? Answer, string? Outcome,
        string? OutcomeText, PersonDoc? Personal, bool PersonalWithheld, bool PersonalErased, IReadOnlyList<CaseStepDoc> Timeline);

    public sealed record AssignBody(Guid? HandlerId, int? Version);

    public sealed record AnswerBody(string? Answer, int? Version);

    /// <param name="Outcome">upheld, changed or reversed.</param>
    public sealed record OutcomeBody(string? Outcome, string? Text, int? Version);

    public sealed record VersionBody(int? Version);

    public static IEndpointRouteBuilder MapCitizensApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/citizen-requests").WithTags("Citizens' requests").DisableAntiforgery().AllowAnonymous();
        open.MapGet("/form-token", FormToken)
            .RequireRateLimiting(SenimApp.PublicRateLimit)
            .Describe("CitizenFormToken", "A form token for filing a request: send it back no sooner than not_before (and within 12 hours) with a proof-of-work stamp: SHA-256(\"form_token:proof\") must start with difficulty zero bits.", 429);
        open.MapPost("", File)
            .RequireRateLimiting(SenimApp.CitizenFileRateLimit)
            .Describe("FileCitizenRequest", "File a citizen's request without an account (or signed in): JSON, or multipart/form-data with the same fields and a complaint's file in the part 'file' (checked by the label verifier). The tracking code in the answer is shown once.", 400, 409, 413, 429, 503)
            .Accepts<FileBody>("application/json", "multipart/form-data")
            .Produces<FiledDoc>(StatusCodes.Status201Created);
        open.MapGet("/track/{code}", Track)
            .RequireRateLimiting(SenimApp.TrackRateLimit)
            .Describe("TrackCitizenRequest", "A request as its tracking code shows it: status, due date, answer, outcome and timeline, without personal data. 400 tracking-code-malformed or tracking-code-mistyped, 404 for a valid code no request has.", 400, 404, 429);

        var staff = app.MapGroup("/api/v1").WithTags("Citizens' requests").RequireAuthorization().DisableAntiforgery();
        staff.MapGet("/organisations/{id:guid}/citizen-requests", Inbox)
            .Describe("CitizenInbox", "The requests about an organisation's systems, soonest deadline first (all=true: closed ones too). Members and the supervisory body; no personal data.", 400, 401, 404);
        staff.MapGet("/citizen-requests", Supervision)
            .Describe("CitizenRequestsForSupervision", "The supervisory body's list: requests escalated to it (all=true: every request).", 400, 401, 403);
        staff.MapGet("/citizen-requests/{id:guid}", Get)
            .Describe("GetCitizenRequest", "One request with its timeline; the person's data only for the assigned handler and the supervisory body. The ETag is its version.", 401, 404);
        staff.MapPost("/citizen-requests/{id:guid}/assign", Assign)
            .Describe("AssignCitizenRequest", "An admin of the owner makes a member the handler (again, to hand it over). Needs If-Match or version.")
            .ChangesRecord<AssignBody>();
        staff.MapPost("/citizen-requests/{id:guid}/answer", Answer)
            .Describe("AnswerCitizenRequest", "The handler answers the person (the tracking page shows it). A closed request refuses it (citizen-request-closed).")
            .ChangesRecord<AnswerBody>();
        staff.MapPost("/citizen-requests/{id:guid}/outcome", Outcome)
            .Describe("RecordCitizenRequestOutcome", "The handler records the outcome of the human review of an objection (upheld, changed, reversed), once.")
            .ChangesRecord<OutcomeBody>();
        staff.MapPost("/citizen-requests/{id:guid}/close", Close)
            .Describe("CloseCitizenRequest", "The handler closes an answered request (an objection with its outcome); on an escalated one, the supervisory body closes it.")
            .ChangesRecord<VersionBody>();
        staff.MapPost("/citizen-requests/{id:guid}/supervisor-close", SupervisorClose)
            .Describe("SupervisorCloseCitizenRequest", "The supervisory body closes a request escalated to it.")
            .ChangesRecord<VersionBody>();
        return app;
    }

    private static async Task<Ok<FormTokenDoc>> FormToken(CurrentActor current, CitizenFormGuard guard)
    {
        var actor = await current.GetAsync();
        var ticket = guard.Issue(actor.IsAuthenticated ? actor.UserId : null);
        return TypedResults.Ok(new FormTokenDoc(ticket.Token, ticket.Difficulty, ticket.NotBefore));
    }

    private static async Task<Results<Created<FiledDoc>, ProblemHttpResult>> File(HttpContext context, CurrentActor current, CitizenFiling filing, LabelSettings settings, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        var client = ClientAddress.Key(context);
        try
        {
            FiledRequest filed;
            if ((context.Request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                await using var upload = await LabelUpload.ReadAsync(context.Request, settings.MaxUploadBytes, cancellationToken, NewModel.MaxFieldBytes);
                var fields = upload.Fields;
                string? Field(string name) => fields.TryGetValue(name, out var value) ? value : null;
                filed = await filing.FileAsync(actor, CitizenFormFields.From(Field), upload.File, upload.FileName, LanguageOf(Field("language"), context), client, cancellationToken);
            }
            else
            {
                var body = await JsonBody.ReadAsync<FileBody>(context.Request, BodyLimits.Small);
                var form = new CitizenFormFields(body.Kind, body.System, body.RegisterNumber, body.NamedSystem, body.NamedOrganisation, body.Name, body.Email, body.Phone,
                    body.Description, body.ContentLink, body.FormToken, body.Proof, body.Website);
                filed = await filing.FileAsync(actor, form, null, null, LanguageOf(body.Language, context), client, cancellationToken);
            }

            var track = new Uri(context.RequestServices.GetRequiredService<PublicAddress>().ForHost(), "track/" + Uri.EscapeDataString(filed.TrackingCode)).ToString();
            var location = context.RequestServices.GetRequiredService<LinkGenerator>().GetPathByName("TrackCitizenRequest", new { code = filed.TrackingCode });
            return TypedResults.Created(location,
                new FiledDoc(filed.Id, filed.TrackingCode, filed.Status.Code(), filed.DueDate, filed.DueAt, track));
        }
        catch (FormRefusedException refused)
        {
            var wait = refused.Refusal.RetryAfterSeconds ?? 60;
            context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests without the proof of work",
                detail: string.Format(CultureInfo.InvariantCulture, refused.Refusal.English, refused.Refusal.Args), type: "https://senim.kz/problems/" + refused.Refusal.Code);
        }
    }

    private static async Task<Ok<TrackDoc>> Track(string code, CitizenRequestService requests, CancellationToken cancellationToken)
    {
        var r = await requests.TrackAsync(code, cancellationToken);
        return TypedResults.Ok(new TrackDoc(r.Kind.Code(), r.Status.Code(), SystemOf(r.System), r.FiledAt, r.DueDate, r.DueAt, r.Overdue, r.Answer, r.Outcome?.Code(), r.OutcomeText,
            [.. r.Timeline.Select(s => new StepDoc(s.Action, s.Status, s.Role, s.At, s.Text))]));
    }

    private static async Task<Ok<PageResource<InboxItemDoc>>> Inbox(Guid id, bool? all, [AsParameters] PageRequest paging, CurrentActor current, CitizenInbox inbox, CancellationToken cancellationToken)
    {
        var (page, size) = paging.Resolve();
        return TypedResults.Ok(PageResource.From(await inbox.ListAsync(await current.GetAsync(), id, all != true, page, size, cancellationToken), ItemOf));
    }

    private static async Task<Ok<PageResource<InboxItemDoc>>> Supervision(bool? all, [AsParameters] PageRequest paging, CurrentActor current, CitizenInbox inbox, CancellationToken cancellationToken)
    {
        var (page, size) = paging.Resolve();
        return TypedResults.Ok(PageResource.From(await inbox.SupervisionAsync(await current.GetAsync(), all != true, page, size, cancellationToken), ItemOf));
    }

    private static async Task<Ok<CaseDoc>> Get(Guid id, HttpContext context, CurrentActor current, CitizenInbox inbox, CancellationToken cancellationToken) =>
        CaseOf(await inbox.GetAsync(await current.GetAsync(), id, cancellationToken), context);

    private static async Task<Ok<CaseDoc>> Assign(Guid id, HttpRequest request, CurrentActor current, CitizenInbox inbox, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<AssignBody>(request);
        var expected = ApiVersions.Expected(request, body.Version);
        var actor = await current.GetAsync();
        await inbox.AssignAsync(actor, id, body.HandlerId ?? throw JsonBody.Required("handler_id"), expected, cancellationToken);
        return CaseOf(await inbox.GetAsync(actor, id, cancellationToken), request.HttpContext);
    }

    private static async Task<Ok<CaseDoc>> Answer(Guid id, HttpRequest request, CurrentActor current, CitizenInbox inbox, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<AnswerBody>(request);
        var expected = ApiVersions.Expected(request, body.Version);
        var actor = await current.GetAsync();
        await inbox.AnswerAsync(actor, id, body.Answer, expected, cancellationToken);
        return CaseOf(await inbox.GetAsync(actor, id, cancellationToken), request.HttpContext);
    }

    private static async Task<Ok<CaseDoc>> Outcome(Guid id, HttpRequest request, CurrentActor current, CitizenInbox inbox, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<OutcomeBody>(request);
        var expected = ApiVersions.Expected(request, body.Version);
        if (!CitizenTexts.Outcome.TryParse(body.Outcome, out var outcome))
        {
            throw Invalid.Field("outcome", "citizen-outcome-unknown", "must be upheld, changed or reversed");
        }

        var actor = await current.GetAsync();
        await inbox.RecordOutcomeAsync(actor, id, outcome, body.Text, expected, cancellationToken);
        return CaseOf(await inbox.GetAsync(actor, id, cancellationToken), request.HttpContext);
    }

    private static Task<Ok<CaseDoc>> Close(Guid id, HttpRequest request, CurrentActor current, CitizenInbox inbox, CancellationToken cancellationToken) =>
        CloseAsync(id, request, current, inbox, supervisor: false, cancellationToken);

    private static Task<Ok<CaseDoc>> SupervisorClose(Guid id, HttpRequest request, CurrentActor current, CitizenInbox inbox, CancellationToken cancellationToken) =>
        CloseAsync(id, request, current, inbox, supervisor: true, cancellationToken);

    private static async Task<Ok<CaseDoc>> CloseAsync(Guid id, HttpRequest request, CurrentActor current, CitizenInbox inbox, bool supervisor, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<VersionBody>(request);
        var expected = ApiVersions.Expected(request, body.Version);
        var actor = await current.GetAsync();
        if (supervisor)
        {
            if (!actor.IsSupervisor)
            {
                throw new ForbiddenException("supervisor-only", "Only the supervisory body may do this.");
            }

            var status = (await inbox.GetAsync(actor, id, cancellationToken)).Request.Status;
            if (status != CitizenRequestStatus.Escalated)
            {
                throw new RuleException("citizen-step-not-allowed", "A request that is {0} cannot take the step '{1}'.", status.Code(), CitizenAction.SupervisorClose.Code());
            }
        }

        await inbox.CloseAsync(actor, id, expected, cancellationToken);
        return CaseOf(await inbox.GetAsync(actor, id, cancellationToken), request.HttpContext);
    }

    private static Language LanguageOf(string? code, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return RequestLanguage.Get(context);
        }

        return Languages.TryParse(code.Trim(), out var language) ? language
            : throw Invalid.Field("language", "citizen-language", "must be kk, ru or en");
    }

    private static SystemDoc SystemOf(RequestSystem s) => new(s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn, s.Organisation);

    private static InboxItemDoc ItemOf(InboxItem i) => new(i.Id, i.Kind.Code(), i.Status.Code(), SystemOf(i.System), i.FiledAt, i.DueDate, i.DueAt, i.DaysLeft, i.Overdue,
        i.HandlerId, i.HandlerName, i.Version);

    private static Ok<CaseDoc> CaseOf(CitizenCase c, HttpContext context)
    {
        ApiVersions.SetETag(context.Response, c.Request.Version);
        return TypedResults.Ok(new CaseDoc(ItemOf(c.Request), c.ContentLink, c.ContentSha256, c.LabelVerdict, c.Answer, c.Outcome?.Code(), c.OutcomeText,
            c.Personal is { } p ? new PersonDoc(p.Name, p.Email, p.Phone, p.Description) : null, c.PersonalWithheld, c.PersonalErased,
            [.. c.Timeline.Select(s => new CaseStepDoc(s.Sequence, s.Action, s.From, s.To, s.Role, s.ActorName, s.At, s.Text))]));
    }
}
