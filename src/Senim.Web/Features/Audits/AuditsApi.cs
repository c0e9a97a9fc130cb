using Senim.Registry.Audits;
using Senim.Registry.Organisations;

namespace Senim.Web.Features.Audits;

/// <summary>Audits over JSON (docs/incidents-and-audits.md): the supervisory body plans and cancels; the auditor records findings, corrective actions and the result; owners read and report actions done.</summary>
public static class AuditsApi
{
    public sealed record AuditDoc(Guid Id, CaseDocs.SystemDoc System, Guid OrganisationId, string Sector, string Status, string PlannedStart, string PlannedEnd, Guid AuditorId, string? AuditorName,
        int Findings, int Items, int OpenActions, DateTime? CompletedAt, int Version);

    public sealed record FindingDoc(string Result, string? Note, string? EvidenceName, string? EvidenceSha256, DateTime RecordedAt);

    public sealed record ActionDoc(Guid Id, string Text, string DueDate, DateTime DueAt, DateTime? DoneAt, string? DoneText);

    public sealed record LineDoc(string Item, string Text, IReadOnlyList<string> Articles, FindingDoc? Finding, IReadOnlyList<ActionDoc> Actions);

    public sealed record AuditCaseDoc(AuditDoc Audit, string Scope, string? Conclusion, string Checklist, IReadOnlyList<LineDoc> Lines, IReadOnlyList<CaseDocs.StepDoc> Timeline);

    /// <param name="Sector">A sector code; the system's own when absent.</param>
    /// <param name="PlannedStart">yyyy-mm-dd.</param>
    public sealed record PlanBody(Guid? SystemId, string? Sector, string? Scope, string? PlannedStart, string? PlannedEnd, Guid? AuditorId);

    /// <param name="Result">met, not-met or not-applicable.</param>
    public sealed record FindingBody(string? Item, string? Result, string? Note, int? Version);

    /// <param name="Due">yyyy-mm-dd; when absent, the law pack's default period in working days.</param>
    public sealed record ActionBody(string? Item, string? Text, string? Due, int? Version);

    /// <param name="Result">passed or failed.</param>
    public sealed record CompleteBody(string? Result, string? Conclusion, int? Version);

    public static IEndpointRouteBuilder MapAuditsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audits").WithTags("Audits").RequireAuthorization().DisableAntiforgery();
        api.MapGet("", List)
            .Describe("Audits", "Audits, soonest planned first: the supervisory body sees all (or organisation=ID's); an auditor gives mine=true; a member gives organisation=ID. open=true: planned and in progress only.", 400, 401, 403, 404);
        api.MapPost("", Plan)
            .Describe("PlanAudit", "Supervisor: plan an audit of a registered system (sector, scope, dates, auditor: a supervisor or an expert); the owner organisation and the auditor are notified.", 401, 403, 404, 409)
            .AcceptsJson<PlanBody>();
        api.MapGet("/{id:guid}", Get).Describe("GetAudit", "One audit with the law pack's checklist, the findings, corrective actions and timeline.", 401, 404);
        api.MapPost("/{id:guid}/findings", Finding)
            .Describe("RecordAuditFinding", "Auditor: the finding on one checklist item (met, not-met with a note, not-applicable); again replaces it while the audit runs. With an evidence file, use .../findings/evidence. Needs If-Match.")
            .ChangesRecord<FindingBody>();
        api.MapPost("/{id:guid}/findings/evidence", FindingWithEvidence)
            .Describe("RecordAuditFindingWithEvidence", "Auditor: the same with an evidence file: multipart/form-data with \"item\", \"result\", \"note\", \"version\" (or If-Match) and the file in \"evidence\".")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<CaseDocs.StateDoc>()
            .ProducesProblems(400, 401, 403, 404, 409, 413);
        api.MapGet("/{id:guid}/findings/{item}/evidence", Evidence)
            .Describe("GetAuditFindingEvidence", "The evidence file of a finding, for those who may see the audit.", 401, 404);
        api.MapPost("/{id:guid}/corrective-actions", Corrective)
            .Describe("AddCorrectiveAction", "Auditor: a corrective action on an item found not met, due on a date or after the law pack's period in working days. Needs If-Match.")
            .ChangesRecord<ActionBody>();
        api.MapPost("/{id:guid}/corrective-actions/{action:guid}/done", Done)
            .Describe("CorrectiveActionDone", "Owner: report a corrective action done (text: what was done); the auditor is notified. Needs If-Match.")
            .ChangesRecord<CaseDocs.TextBody>();
        api.MapPost("/{id:guid}/complete", Complete)
            .Describe("CompleteAudit", "Auditor: complete the audit as passed or failed with a conclusion; every item needs a finding, and passing needs every item found not met to have its corrective actions done. Needs If-Match.")
            .ChangesRecord<CompleteBody>();
        api.MapPost("/{id:guid}/cancel", Cancel)
            .Describe("CancelAudit", "Supervisor: call off a planned or running audit, with the reason (text). Needs If-Match.")
            .ChangesRecord<CaseDocs.TextBody>();
        return app;
    }

    private static async Task<Ok<PageResource<AuditDoc>>> List(Guid? organisation, string? mine, string? open, [AsParameters] PageRequest paging, CurrentActor current, AuditService audits, CancellationToken ct)
    {
        var (page, size) = paging.Resolve();
        var result = await audits.ListAsync(await current.GetAsync(), organisation, ApiValues.Flag("mine", mine), ApiValues.Flag("open", open), page, size, ct);
        return TypedResults.Ok(PageResource.From(result, Doc));
    }

    private static async Task<Created<AuditCaseDoc>> Plan(HttpRequest request, CurrentActor current, AuditService audits, LinkGenerator links, PageText texts, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<PlanBody>(request);
        var plan = new AuditPlan(body.SystemId ?? throw Invalid.Field("system_id", "required", "is required"), body.Sector, body.Scope,
            CaseDocs.Day("planned_start", body.PlannedStart) ?? throw Invalid.Field("planned_start", "required", "is required"),
            CaseDocs.Day("planned_end", body.PlannedEnd) ?? throw Invalid.Field("planned_end", "required", "is required"),
            body.AuditorId ?? throw Invalid.Field("auditor_id", "required", "is required"));
        var actor = await current.GetAsync();
        var audit = await audits.PlanAsync(actor, plan, ct);
        return TypedResults.Created(links.GetPathByName(request.HttpContext, "GetAudit", new { id = audit.Id }), Doc(await audits.GetAsync(actor, audit.Id, ct), texts.Language));
    }

    private static async Task<Ok<AuditCaseDoc>> Get(Guid id, HttpContext context, CurrentActor current, AuditService audits, PageText texts, CancellationToken ct)
    {
        var audit = await audits.GetAsync(await current.GetAsync(), id, ct);
        ApiVersions.SetETag(context.Response, audit.Audit.Version);
        return TypedResults.Ok(Doc(audit, texts.Language));
    }

    private static async Task<Ok<CaseDocs.StateDoc>> Finding(Guid id, HttpRequest request, CurrentActor current, AuditService audits, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<FindingBody>(request);
        var result = CaseDocs.Code<FindingResult>("result", body.Result, "audit-result-code");
        var expected = ApiVersions.Expected(request, body.Version);
        await audits.RecordFindingAsync(await current.GetAsync(), id, body.Item ?? "", result, body.Note, null, expected, ct);
        return State(request, id, AuditStatus.InProgress, expected + 1);
    }

    private static async Task<Results<Ok<CaseDocs.StateDoc>, ProblemHttpResult>> FindingWithEvidence(Guid id, HttpContext context, CurrentActor current, AuditService audits)
    {
        var actor = await current.GetAsync();
        var (form, problem) = await MultipartBody.ReadAsync(context.Request, "\"item\", \"result\", \"note\", \"version\" and the file in a field named \"evidence\"", DocumentService.MaxAttachmentBytes / 1024 / 1024, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        await audits.RequireAuditorAsync(actor, id, context.RequestAborted);
        var result = CaseDocs.Code<FindingResult>("result", form!["result"].ToString(), "audit-result-code");
        int? version = int.TryParse(form["version"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var expected = ApiVersions.Expected(context.Request, version);
        var file = form.Files.GetFile("evidence");
        await using var content = file?.OpenReadStream();
        var note = form["note"].ToString();
        await audits.RecordFindingAsync(actor, id, form["item"].ToString(), result, note.Length == 0 ? null : note, file is null ? null : new Upload(file.FileName, file.Length, content!), expected, context.RequestAborted);
        return State(context.Request, id, AuditStatus.InProgress, expected + 1);
    }

    private static async Task<IResult> Evidence(Guid id, string item, HttpContext context, CurrentActor current, AuditService audits)
    {
        if (await audits.EvidenceAsync(await current.GetAsync(), id, item, context.RequestAborted) is not { } file)
        {
            throw new NotFoundException("evidence", item);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(file.Content, "application/octet-stream", file.Name);
    }

    private static async Task<Ok<CaseDocs.StateDoc>> Corrective(Guid id, HttpRequest request, CurrentActor current, AuditService audits, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ActionBody>(request);
        var due = CaseDocs.Day("due", body.Due);
        var expected = ApiVersions.Expected(request, body.Version);
        await audits.AddCorrectiveActionAsync(await current.GetAsync(), id, body.Item ?? "", body.Text, due, expected, ct);
        return State(request, id, AuditStatus.InProgress, expected + 1);
    }

    private static async Task<Ok<CaseDocs.StateDoc>> Done(Guid id, Guid action, HttpRequest request, CurrentActor current, AuditService audits, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CaseDocs.TextBody>(request);
        var expected = ApiVersions.Expected(request, body.Version);
        var actor = await current.GetAsync();
        await audits.ReportActionDoneAsync(actor, id, action, body.Text, expected, ct);
        return State(request, id, (await audits.GetAsync(actor, id, ct)).Audit.Status, expected + 1);
    }

    private static async Task<Ok<CaseDocs.StateDoc>> Complete(Guid id, HttpRequest request, CurrentActor current, AuditService audits, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CompleteBody>(request);
        var passed = body.Result?.Trim() switch
        {
            "passed" => true,
            "failed" => false,
            _ => throw Invalid.Field("result", "audit-completion", "use passed or failed"),
        };
        var audit = await audits.CompleteAsync(await current.GetAsync(), id, passed, body.Conclusion, ApiVersions.Expected(request, body.Version), ct);
        return State(request, id, audit.Status, audit.Version);
    }

    private static async Task<Ok<CaseDocs.StateDoc>> Cancel(Guid id, HttpRequest request, CurrentActor current, AuditService audits, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CaseDocs.TextBody>(request);
        var audit = await audits.CancelAsync(await current.GetAsync(), id, body.Text, ApiVersions.Expected(request, body.Version), ct);
        return State(request, id, audit.Status, audit.Version);
    }

    private static Ok<CaseDocs.StateDoc> State(HttpRequest request, Guid id, AuditStatus status, int version)
    {
        ApiVersions.SetETag(request.HttpContext.Response, version);
        return TypedResults.Ok(new CaseDocs.StateDoc(id, CaseCodes.Code(status), version));
    }

    private static AuditDoc Doc(AuditItem a) => new(a.Id, CaseDocs.System(a.System), a.OrganisationId, a.Sector, CaseCodes.Code(a.Status), ApiValues.Day(a.PlannedStart), ApiValues.Day(a.PlannedEnd),
        a.AuditorId, a.AuditorName, a.Findings, a.Items, a.OpenActions, ApiValues.Utc(a.CompletedAt), a.Version);

    private static AuditCaseDoc Doc(AuditCase c, Language language) => new(Doc(c.Audit), c.Scope, c.Conclusion, c.Checklist.Id,
        [.. c.Lines.Select(l => new LineDoc(l.Item.Id, l.Item.Text[language], l.Item.Articles,
            l.Finding is { } f ? new FindingDoc(CaseCodes.Code(f.Result), f.Note, f.EvidenceName, f.EvidenceSha256, ApiValues.Utc(f.RecordedAt)) : null,
            [.. l.Actions.Select(a => new ActionDoc(a.Id, a.Text, ApiValues.Day(a.DueDate), ApiValues.Utc(a.DueAt), ApiValues.Utc(a.DoneAt), a.DoneText))]))],
        CaseDocs.Timeline(c.Timeline));
}
