using Senim.Registry.Citizens;
using Senim.Registry.Enforcement;
using Senim.Web.Features.Organisations;
using Senim.Web.Infrastructure.Signing;

namespace Senim.Web.Features.Enforcement;

/// <summary>
/// Enforcement cases over JSON (docs/enforcement.md), mirroring the pages: the supervisory body opens and runs cases and
/// decides; members of the offender organisation read their cases (without internal notes), respond and appeal.
/// </summary>
public static class EnforcementApi
{
    public sealed record CaseSystemDoc(Guid? Id, string? RegisterNumber, string? NameKk, string? NameRu, string? NameEn);

    public sealed record CaseDoc(Guid Id, string Origin, string Status, Guid OrganisationId, string Organisation, CaseSystemDoc? System, string Subject,
        DateTime OpenedAt, string? ResponseDue, bool ResponseOverdue, string? Decision, int Version);

    public sealed record StepDoc(int Sequence, string Action, string? From, string To, string Role, string? ActorName, DateTime At, string? Text);

    public sealed record EvidenceDoc(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTime AddedAt);

    public sealed record TextsDoc(string Kk, string Ru, string En);

    /// <param name="Units">The fine in MCI.</param>
    /// <param name="Amount">The fine in tenge.</param>
    public sealed record FineDoc(string Category, bool Repeat, decimal Units, decimal Amount, decimal UnitValue, int UnitYear, string Currency, string? RepeatOf, IReadOnlyList<TextsDoc> Trace);

    public sealed record CaseDecisionDoc(Guid Id, string Kind, DateTime At, long? LogIndex);

    public sealed record CaseDetailDoc(CaseDoc Case, Guid? OriginId, string? Reasons, FineDoc? Fine, bool SuspensionOrdered, string? AppealDue, bool AppealOpen, string? AppealOutcome,
        IReadOnlyList<EvidenceDoc> Evidence, IReadOnlyList<CaseDecisionDoc> Decisions, IReadOnlyList<StepDoc> Timeline);

    public sealed record CaseListDoc(IReadOnlyDictionary<string, int> Counts, string List, PageResource<CaseDoc> Page);

    /// <param name="Origin">citizen-request, incident, audit or monitoring.</param>
    /// <param name="OriginId">The request, incident or audit; none for monitoring.</param>
    /// <param name="OrganisationId">The offender; from a citizen's request, its system's owner when left out.</param>
    public sealed record OpenBody(string? Origin, Guid? OriginId, Guid? OrganisationId, Guid? SystemId, string? Subject);

    public sealed record TextBody(string? Text, int? Version);

    /// <param name="Decision">fine, warning, no-violation or suspension-order.</param>
    /// <param name="Category">A row of the fine table: individual, small, medium or large (the organisation's size when left out). individual publishes the offender as a natural person.</param>
    /// <param name="OffenceDate">yyyy-mm-dd; required for a fine.</param>
    /// <param name="Suspend">With a fine: also order the system's suspension.</param>
    /// <param name="ChallengeId">With <paramref name="Signature"/>: the challenge issued for this decision (POST .../decision/challenge).</param>
    /// <param name="Signature">The CMS signature over that challenge (Base64 or PEM); its SHA-256 goes into the decision's log entry.</param>
    public sealed record DecisionBody(string? Decision, string? Reasons, string? Category, string? OffenceDate, bool? Suspend, int? Version, Guid? ChallengeId = null, string? Signature = null);

    /// <param name="Outcome">upheld, annulled or changed.</param>
    /// <summary>An appeal's decision; a changed one names the new decision (<c>fine</c> or <c>warning</c>) and, for a fine, the category and offence date when they differ.</summary>
    public sealed record AppealDecisionBody(string? Outcome, string? Reasons, int? Version, string? ChangedTo = null, string? Category = null, string? OffenceDate = null);

    public sealed record VersionBody(int? Version);

    public static IEndpointRouteBuilder MapEnforcementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Enforcement").RequireAuthorization().DisableAntiforgery();
        api.MapGet("/enforcement", List)
            .Describe("ListEnforcementCases", "The supervisory body's enforcement cases (list=open, overdue or closed; default open), with the counts of every list.", 400, 401, 403);
        api.MapPost("/enforcement", Open)
            .Describe("OpenEnforcementCase", "The supervisory body opens a case against an organisation (and optionally its system) from a citizen's request, an incident, an audit or monitoring.", 403)
            .AcceptsJson<OpenBody>()
            .Produces<CaseDetailDoc>(StatusCodes.Status201Created);
        api.MapGet("/organisations/{id:guid}/enforcement", ForOrganisation)
            .Describe("ListOrganisationEnforcementCases", "The cases against an organisation, for its members and the supervisory body.", 400, 401, 404);
        api.MapGet("/enforcement/{id:guid}", Get)
            .Describe("GetEnforcementCase", "A case with its timeline, evidence, fine and published decisions. The offender's members see no internal notes and no officials' names.", 401, 404);
        api.MapGet("/enforcement/{id:guid}/evidence/{evidenceId:guid}", Evidence)
            .Describe("GetEnforcementEvidence", "An evidence file of a case (the supervisory body and the offender's members).", 401, 404);
        api.MapPost("/enforcement/{id:guid}/evidence", AddEvidence)
            .Describe("AddEnforcementEvidence", "The supervisory body adds a file: multipart/form-data with \"file\" and \"version\" (or If-Match).")
            .Accepts<IFormFile>("multipart/form-data")
            .WithFormOptions(multipartBodyLengthLimit: VerificationModel.MaxRequestBytes)
            .ChangesVersioned()
            .ProducesProblems(400, 403, 404, 413, 415);
        MapText(api, "/enforcement/{id:guid}/notes", "AddEnforcementNote", "The supervisory body adds an internal note (the offender never sees it). Needs If-Match.",
            (s, actor, id, text, version, ct) => s.AddNoteAsync(actor, id, text, version, ct));
        MapText(api, "/enforcement/{id:guid}/response-request", "RequestEnforcementResponse", "The supervisory body asks the offender for its response (text: the question); the deadline is the law pack's kz.deadline.enforcement-response. Needs If-Match.",
            (s, actor, id, text, version, ct) => s.RequestResponseAsync(actor, id, text, version, ct));
        MapText(api, "/enforcement/{id:guid}/response", "RespondToEnforcement", "A member of the offender organisation (admin or editor) responds. Needs If-Match.",
            (s, actor, id, text, version, ct) => s.RespondAsync(actor, id, text, version, ct));
        MapText(api, "/enforcement/{id:guid}/appeal", "AppealEnforcementDecision", "A member of the offender organisation appeals the decision (text: the grounds), once, within kz.deadline.enforcement-appeal. Needs If-Match.",
            (s, actor, id, text, version, ct) => s.AppealAsync(actor, id, text, version, ct));
        api.MapGet("/enforcement/{id:guid}/fine", Fine)
            .Describe("PreviewEnforcementFine", "The CoAO Art. 641-1 fine a decision would impose (category, offence_date=yyyy-mm-dd): MCI and tenge, repeat or first, and the trace. Nothing is decided.", 400, 401, 403, 404, 409);
        api.MapPost("/enforcement/{id:guid}/decision", Decide)
            .Describe("DecideEnforcementCase", "The supervisory body decides: fine (computed), warning, no-violation or suspension-order. Every decision but no-violation is published in the transparency log; a suspension order suspends a listed system. Needs If-Match.")
            .ChangesRecord<DecisionBody>();
        api.MapPost("/enforcement/{id:guid}/decision/challenge", DecisionChallenge)
            .Describe("IssueEnforcementDecisionChallenge", "Fix a decision for signing (on the case's current version; a fine is computed and its amount is part of what is signed). Send the same decision with challenge_id and signature to /decision.")
            .AcceptsJson<DecisionBody>()
            .Produces<VerificationApi.ChallengeDoc>(StatusCodes.Status201Created)
            .ProducesProblems(403, 404, 409);
        api.MapPost("/enforcement/{id:guid}/appeal-decision", DecideAppeal)
            .Describe("DecideEnforcementAppeal", "The supervisory body decides an appeal: upheld, annulled or changed, with reasons; published. Needs If-Match.")
            .ChangesRecord<AppealDecisionBody>();
        api.MapPost("/enforcement/{id:guid}/close", Close)
            .Describe("CloseEnforcementCase", "The supervisory body closes a decided case, after the appeal period or the appeal's decision. Needs If-Match.")
            .ChangesRecord<VersionBody>();
        return app;
    }

    private delegate Task<EnforcementCase> TextStep(EnforcementService service, Actor actor, Guid id, string? text, int version, CancellationToken cancellationToken);

    /// <summary>The steps that take a text and the version: the same body, the same answer.</summary>
    private static void MapText(RouteGroupBuilder api, string path, string name, string summary, TextStep step) =>
        api.MapPost(path, async (Guid id, HttpRequest request, CurrentActor current, EnforcementService service, EnforcementCases cases) =>
            {
                var body = await JsonBody.ReadAsync<TextBody>(request);
                var expected = ApiVersions.Expected(request, body.Version);
                var actor = await current.GetAsync();
                await step(service, actor, id, body.Text, expected, request.HttpContext.RequestAborted);
                return await DetailAsync(cases, actor, id, request.HttpContext);
            })
            .Describe(name, summary)
            .ChangesRecord<TextBody>();

    private static async Task<Ok<CaseListDoc>> List(string? list, [AsParameters] PageRequest paging, CurrentActor current, EnforcementCases cases, CancellationToken cancellationToken)
    {
        var (p, size) = paging.Resolve();
        var which = list is null ? EnforcementList.Open : ParseList(list) ?? throw Invalid.Field("list", "enforcement-list-unknown", "use one of: {0}", string.Join(", ", Lists.Values));
        var actor = await current.GetAsync();
        var rows = await cases.ListAsync(actor, which, p, size, cancellationToken);
        var counts = await cases.CountsAsync(actor, cancellationToken);
        return TypedResults.Ok(new CaseListDoc(counts.ToDictionary(c => Lists[c.Key], c => c.Value), Lists[which], PageResource.From(rows, Doc)));
    }

    /// <summary>The supervisor's lists by code.</summary>
    public static IReadOnlyDictionary<EnforcementList, string> Lists { get; } = new Dictionary<EnforcementList, string>
    {
        [EnforcementList.Open] = "open",
        [EnforcementList.Overdue] = "overdue",
        [EnforcementList.Closed] = "closed",
    };

    public static EnforcementList? ParseList(string? code) => Lists.Where(l => l.Value == code).Select(l => (EnforcementList?)l.Key).FirstOrDefault();

    private static async Task<Ok<PageResource<CaseDoc>>> ForOrganisation(Guid id, [AsParameters] PageRequest paging, CurrentActor current, EnforcementCases cases, CancellationToken cancellationToken)
    {
        var (p, size) = paging.Resolve();
        return TypedResults.Ok(PageResource.From(await cases.ForOrganisationAsync(await current.GetAsync(), id, p, size, cancellationToken), Doc));
    }

    private static async Task<Created<CaseDetailDoc>> Open(HttpRequest request, CurrentActor current, EnforcementService service, EnforcementCases cases, LinkGenerator links)
    {
        var body = await JsonBody.ReadAsync<OpenBody>(request);
        var origin = EnforcementCodes.ParseOrigin(body.Origin ?? "") ?? throw Invalid.Field("origin", "enforcement-origin-unknown", "must be citizen-request, incident, audit or monitoring");
        var actor = await current.GetAsync();
        var opened = await service.OpenAsync(actor, new OpenCaseInput(origin, body.OriginId, body.OrganisationId, body.SystemId, body.Subject), request.HttpContext.RequestAborted);
        var detail = await DetailAsync(cases, actor, opened.Id, request.HttpContext);
        return TypedResults.Created(links.GetPathByName(request.HttpContext, "GetEnforcementCase", new { id = opened.Id }), detail.Value);
    }

    private static async Task<Ok<CaseDetailDoc>> Get(Guid id, HttpContext context, CurrentActor current, EnforcementCases cases) =>
        await DetailAsync(cases, await current.GetAsync(), id, context);

    private static async Task<IResult> Evidence(Guid id, Guid evidenceId, HttpContext context, CurrentActor current, EnforcementCases cases)
    {
        var (item, content) = await cases.OpenEvidenceAsync(await current.GetAsync(), id, evidenceId, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(content, item.ContentType, item.FileName);
    }

    private static async Task<Results<Ok<CaseDetailDoc>, ProblemHttpResult>> AddEvidence(Guid id, HttpContext context, CurrentActor current, EnforcementService service, EnforcementCases cases)
    {
        var actor = await current.GetAsync();
        var (form, problem) = await MultipartBody.ReadAsync(context.Request, "the file in a field named \"file\" and the case's version in \"version\"", DocumentService.MaxAttachmentBytes / 1024 / 1024, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        int? version = int.TryParse(form!["version"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var expected = ApiVersions.Expected(context.Request, version);
        var file = form.Files.GetFile("file");
        await using var content = file?.OpenReadStream();
        await service.AddEvidenceAsync(actor, id, EvidenceFile.Of(file, content), expected, context.RequestAborted);
        return await DetailAsync(cases, actor, id, context);
    }

    private static async Task<Ok<FineDoc>> Fine(Guid id, string? category, [FromQuery(Name = "offence_date")] string? offenceDate, HttpContext context, CurrentActor current, EnforcementService service)
    {
        var date = Day("offence_date", offenceDate) ?? throw JsonBody.Required("offence_date");
        var fine = await service.PreviewFineAsync(await current.GetAsync(), id, category, date, context.RequestAborted);
        return TypedResults.Ok(new FineDoc(fine.Row.Id, fine.IsRepeat, fine.Units, fine.Amount, fine.UnitValue, fine.UnitYear, fine.Currency, ApiValues.Day(fine.RepeatOf),
            [.. fine.Trace.Select(t => new TextsDoc(t.Kk, t.Ru, t.En))]));
    }

    private static async Task<Created<VerificationApi.ChallengeDoc>> DecisionChallenge(Guid id, HttpRequest request, CurrentActor current, EnforcementService service, PublicAddress address, LinkGenerator links)
    {
        var body = await JsonBody.ReadAsync<DecisionBody>(request);
        var input = Decision(body.Decision, body.Reasons, body.Category, body.OffenceDate, body.Suspend == true);
        var expected = ApiVersions.Expected(request, body.Version);
        var issued = await service.IssueDecisionChallengeAsync(await current.GetAsync(), id, input, expected, address.For(request), request.HttpContext.RequestAborted);
        return TypedResults.Created(links.GetPathByName(request.HttpContext, "GetEnforcementCase", new { id }), VerificationApi.Doc(issued));
    }

    private static async Task<Ok<CaseDetailDoc>> Decide(Guid id, HttpRequest request, CurrentActor current, EnforcementService service, EnforcementCases cases)
    {
        var body = await JsonBody.ReadAsync<DecisionBody>(request);
        var input = Decision(body.Decision, body.Reasons, body.Category, body.OffenceDate, body.Suspend == true);
        var expected = ApiVersions.Expected(request, body.Version);
        var actor = await current.GetAsync();
        await service.DecideAsync(actor, id, input, expected, SignedAnswers.Of(body.ChallengeId, body.Signature), request.HttpContext.RequestAborted);
        return await DetailAsync(cases, actor, id, request.HttpContext);
    }

    /// <summary>A decision as posted (a page's form or the API): an unknown kind or offence date is a field error.</summary>
    internal static EnforcementDecisionInput Decision(string? decision, string? reasons, string? category, string? offenceDate, bool suspend) =>
        new(EnforcementCodes.ParseDecision(decision ?? "") ?? throw Invalid.Field("decision", "enforcement-decision-unknown", "must be fine, warning, no-violation or suspension-order"),
            reasons, category, Day("offence_date", offenceDate), suspend);

    /// <summary>The new decision of a changed appeal as posted (a page's form or the API), or null when none is named.</summary>
    internal static AppealChange? Change(string? changedTo, string? category, string? offenceDate)
    {
        if (string.IsNullOrWhiteSpace(changedTo))
        {
            return null;
        }

        var kind = EnforcementCodes.ParseDecision(changedTo.Trim()) ?? throw Invalid.Field("changed_to", "enforcement-decision-unknown", "must be fine or warning");
        return new AppealChange(kind, string.IsNullOrWhiteSpace(category) ? null : category, Day("offence_date", offenceDate));
    }

    private static async Task<Ok<CaseDetailDoc>> DecideAppeal(Guid id, HttpRequest request, CurrentActor current, EnforcementService service, EnforcementCases cases)
    {
        var body = await JsonBody.ReadAsync<AppealDecisionBody>(request);
        var outcome = EnforcementCodes.ParseOutcome(body.Outcome ?? "") ?? throw Invalid.Field("outcome", "enforcement-outcome-unknown", "must be upheld, annulled or changed");
        var expected = ApiVersions.Expected(request, body.Version);
        var actor = await current.GetAsync();
        await service.DecideAppealAsync(actor, id, outcome, body.Reasons, expected, Change(body.ChangedTo, body.Category, body.OffenceDate), request.HttpContext.RequestAborted);
        return await DetailAsync(cases, actor, id, request.HttpContext);
    }

    private static async Task<Ok<CaseDetailDoc>> Close(Guid id, HttpRequest request, CurrentActor current, EnforcementService service, EnforcementCases cases)
    {
        var body = await JsonBody.ReadOptionalAsync<VersionBody>(request);
        var expected = ApiVersions.Expected(request, body?.Version);
        var actor = await current.GetAsync();
        await service.CloseAsync(actor, id, expected, request.HttpContext.RequestAborted);
        return await DetailAsync(cases, actor, id, request.HttpContext);
    }

    /// <summary>A yyyy-mm-dd value of a field, or null when not given; anything else is a field error.</summary>
    public static DateOnly? Day(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw Invalid.Field(field, "date-invalid", "is a date written yyyy-mm-dd");
    }

    private static async Task<Ok<CaseDetailDoc>> DetailAsync(EnforcementCases cases, Actor actor, Guid id, HttpContext context)
    {
        var view = await cases.GetAsync(actor, id, context.RequestAborted);
        context.Response.Headers.ETag = $"W/\"v{view.Case.Version}\"";
        FineDoc? fine = view.FineAmount is { } amount
            ? new FineDoc(view.OffenderCategory ?? "", view.FineRepeat, view.FineUnits ?? 0, amount, view.UnitValue ?? 0, view.UnitYear ?? 0, "KZT", null, [.. view.FineTrace.Select(t => new TextsDoc(t.Kk, t.Ru, t.En))])
            : null;
        return TypedResults.Ok(new CaseDetailDoc(Doc(view.Case), view.OriginId, view.DecisionReasons, fine, view.SuspensionOrdered, ApiValues.Day(view.AppealDueDate), view.AppealOpen,
            view.AppealOutcome?.Code(), [.. view.Evidence.Select(e => new EvidenceDoc(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, ApiValues.Utc(e.AddedAt)))],
            [.. view.Decisions.Select(d => new CaseDecisionDoc(d.Id, d.Kind, ApiValues.Utc(d.At), d.LogIndex))],
            [.. view.Timeline.Select(s => new StepDoc(s.Sequence, s.Action, s.From, s.To, s.Role, s.ActorName, ApiValues.Utc(s.At), s.Text))]));
    }

    private static CaseDoc Doc(EnforcementRow r) =>
        new(r.Id, r.Origin.Code(), r.Status.Code(), r.OrganisationId, r.OrganisationName,
            r.System is { } s ? new CaseSystemDoc(s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn) : null,
            r.Subject, ApiValues.Utc(r.OpenedAt), ApiValues.Day(r.ResponseDueDate), r.ResponseOverdue, r.Decision?.Code(), r.Version);
}
