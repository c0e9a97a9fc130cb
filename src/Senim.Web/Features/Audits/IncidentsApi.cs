using Senim.Registry.Incidents;

namespace Senim.Web.Features.Audits;

/// <summary>Incidents over JSON (docs/incidents-and-audits.md): owners report and follow up; the supervisory body lists, asks and reviews.</summary>
public static class IncidentsApi
{
    public sealed record ClockDoc(string DeadlineId, int Days, string DueDate, DateTime DueAt, int? DaysLeft, bool Overdue, DateTime? ReportedAt, bool Late);

    public sealed record IncidentDoc(Guid Id, CaseDocs.SystemDoc System, Guid OrganisationId, string Kind, string Status, DateTime OccurredAt, DateTime AwareAt, DateTime ReportedAt,
        bool UseSuspended, ClockDoc? Eu, int Version);

    public sealed record IncidentCaseDoc(IncidentDoc Incident, string Summary, string Harm, int? PeopleAffected, string? AffectedCategories, string Measures, IReadOnlyList<CaseDocs.StepDoc> Timeline);

    /// <param name="Kind">death, widespread or serious: chooses the EU clock (10, 2 or 15 days).</param>
    /// <param name="OccurredAt">ISO 8601 with an offset.</param>
    /// <param name="AwareAt">ISO 8601 with an offset: when the owner became aware (the EU clock starts then).</param>
    public sealed record ReportBody(Guid? SystemId, string? Kind, string? Summary, string? Harm, int? PeopleAffected, string? AffectedCategories, string? Measures, bool? UseSuspended,
        string? OccurredAt, string? AwareAt);

    /// <param name="Text">What is new (required); the other fields replace the facts when given.</param>
    public sealed record UpdateBody(string? Text, string? Harm, int? PeopleAffected, string? AffectedCategories, string? Measures, bool? UseSuspended, int? Version);

    private delegate Task<Incident> Step(IncidentService incidents, Actor actor, Guid id, string? text, int expected, CancellationToken cancellationToken);

    private static readonly (string Path, string Name, string Summary, Step Step)[] TextSteps =
    [
        ("/{id:guid}/eu-report", "RecordIncidentEuReport", "Owner: record that the incident was reported to the EU market-surveillance authority (text: a reference). Needs If-Match.",
            (incidents, actor, id, text, expected, ct) => incidents.RecordEuReportAsync(actor, id, text, expected, ct)),
        ("/{id:guid}/request-information", "RequestIncidentInformation", "Supervisor: ask the owner for information (text: the question). Needs If-Match.",
            (incidents, actor, id, text, expected, ct) => incidents.RequestInformationAsync(actor, id, text, expected, ct)),
        ("/{id:guid}/review", "ReviewIncident", "Supervisor: mark the final report reviewed (text: an optional note). Needs If-Match.",
            (incidents, actor, id, text, expected, ct) => incidents.ReviewAsync(actor, id, text, expected, ct)),
    ];

    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization().DisableAntiforgery();
        api.MapGet("", List)
            .Describe("Incidents", "Incidents, newest first: the supervisory body sees all (or organisation=ID's); a member gives organisation=ID. open=true leaves out reviewed ones. Each carries its EU AI Act Art. 73 clock when the EU pack applies.", 400, 401, 403, 404);
        api.MapPost("", Report)
            .Describe("ReportIncident", "A member of the owner organisation reports an incident on one of its systems; every supervisor is notified.", 401, 403, 404)
            .AcceptsJson<ReportBody>();
        api.MapGet("/{id:guid}", Get).Describe("GetIncident", "One incident with its facts and timeline.", 401, 404);
        api.MapPost("/{id:guid}/follow-up", (Guid id, HttpRequest request, CurrentActor current, IncidentService incidents, CancellationToken ct) =>
                UpdateAsync(id, request, current, incidents, (actor, update, expected) => incidents.FollowUpAsync(actor, id, update, expected, ct), ct))
            .Describe("FollowUpIncident", "Owner: a follow-up (text required; other fields update the facts); answers a request for information. Needs If-Match.")
            .ChangesRecord<UpdateBody>();
        api.MapPost("/{id:guid}/final-report", (Guid id, HttpRequest request, CurrentActor current, IncidentService incidents, CancellationToken ct) =>
                UpdateAsync(id, request, current, incidents, (actor, update, expected) => incidents.FinalReportAsync(actor, id, update, expected, ct), ct))
            .Describe("FinalIncidentReport", "Owner: the final report closes the incident; every supervisor is notified. Needs If-Match.")
            .ChangesRecord<UpdateBody>();
        foreach (var (path, name, summary, step) in TextSteps)
        {
            api.MapPost(path, async (Guid id, HttpRequest request, CurrentActor current, IncidentService incidents, CancellationToken ct) =>
                {
                    var body = await JsonBody.ReadAsync<CaseDocs.TextBody>(request);
                    var incident = await step(incidents, await current.GetAsync(), id, body.Text, ApiVersions.Expected(request, body.Version), ct);
                    ApiVersions.SetETag(request.HttpContext.Response, incident.Version);
                    return TypedResults.Ok(new CaseDocs.StateDoc(incident.Id, CaseCodes.Code(incident.Status), incident.Version));
                })
                .Describe(name, summary)
                .ChangesRecord<CaseDocs.TextBody>();
        }

        return app;
    }

    private static async Task<Ok<PageResource<IncidentDoc>>> List(Guid? organisation, string? open, [AsParameters] PageRequest paging, CurrentActor current, IncidentService incidents, CancellationToken ct)
    {
        var (page, size) = paging.Resolve();
        var result = await incidents.ListAsync(await current.GetAsync(), organisation, ApiValues.Flag("open", open), page, size, ct);
        return TypedResults.Ok(PageResource.From(result, Doc));
    }

    private static async Task<Created<IncidentCaseDoc>> Report(HttpRequest request, CurrentActor current, IncidentService incidents, LinkGenerator links, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ReportBody>(request);
        var input = new IncidentInput(body.SystemId ?? throw Invalid.Field("system_id", "required", "is required"),
            CaseDocs.Code<IncidentKind>("kind", body.Kind, "incident-kind-code"), body.Summary, body.Harm, body.PeopleAffected, body.AffectedCategories, body.Measures, body.UseSuspended ?? false,
            CaseDocs.Instant("occurred_at", body.OccurredAt), CaseDocs.Instant("aware_at", body.AwareAt));
        var actor = await current.GetAsync();
        var incident = await incidents.ReportAsync(actor, input, ct);
        return TypedResults.Created(links.GetPathByName(request.HttpContext, "GetIncident", new { id = incident.Id }), Doc(await incidents.GetAsync(actor, incident.Id, ct)));
    }

    private static async Task<Ok<IncidentCaseDoc>> Get(Guid id, HttpContext context, CurrentActor current, IncidentService incidents, CancellationToken ct)
    {
        var incident = await incidents.GetAsync(await current.GetAsync(), id, ct);
        ApiVersions.SetETag(context.Response, incident.Incident.Version);
        return TypedResults.Ok(Doc(incident));
    }

    private static async Task<Ok<IncidentCaseDoc>> UpdateAsync(Guid id, HttpRequest request, CurrentActor current, IncidentService incidents, Func<Actor, IncidentUpdate, int, Task<Incident>> step, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<UpdateBody>(request);
        var expected = ApiVersions.Expected(request, body.Version);
        var actor = await current.GetAsync();
        var incident = await step(actor, new IncidentUpdate(body.Text, body.Harm, body.PeopleAffected, body.AffectedCategories, body.Measures, body.UseSuspended), expected);
        ApiVersions.SetETag(request.HttpContext.Response, incident.Version);
        var read = await incidents.GetAsync(actor, id, ct);
        return TypedResults.Ok(Doc(read));
    }

    private static IncidentDoc Doc(IncidentItem i) => new(i.Id, CaseDocs.System(i.System), i.OrganisationId, CaseCodes.Code(i.Kind), CaseCodes.Code(i.Status), ApiValues.Utc(i.OccurredAt),
        ApiValues.Utc(i.AwareAt), ApiValues.Utc(i.ReportedAt), i.UseSuspended,
        i.Eu is { } eu ? new ClockDoc(eu.DeadlineId, eu.Days, ApiValues.Day(eu.DueDate), ApiValues.Utc(eu.DueAt), eu.DaysLeft, eu.Overdue, ApiValues.Utc(eu.ReportedAt), eu.Late) : null, i.Version);

    private static IncidentCaseDoc Doc(IncidentCase c) =>
        new(Doc(c.Incident), c.Summary, c.Harm, c.PeopleAffected, c.AffectedCategories, c.Measures, CaseDocs.Timeline(c.Timeline));
}
