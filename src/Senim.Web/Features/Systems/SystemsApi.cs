using Senim.Law.Engine;
using Senim.Law.Systems;
using Senim.Registry.Workflow;

namespace Senim.Web.Features.Systems;

/// <summary>
/// /api/v1/systems: an organisation's AI system records, their classification, version history and
/// the owner's workflow actions. Single records carry an ETag; changes need If-Match (or "version" in
/// the body) and get 412 when someone else changed the record in between.
/// </summary>
public static class SystemsApi
{
    /// <summary>The owner's workflow steps: each a POST with an optional reason and the version, answering the changed record.</summary>
    private static readonly (string Path, WorkflowAction Action, string Name, string Summary)[] OwnerSteps =
    [
        ("/{id:guid}/submit", WorkflowAction.Submit, "SubmitSystem",
            "Submit a high-risk system for registration with preliminary expert review (needs a complete classification and the required documentation)."),
        ("/{id:guid}/publish", WorkflowAction.Publish, "PublishSystem", "Publish a system that is not high-risk in the register by notification."),
        ("/{id:guid}/cancel", WorkflowAction.Cancel, "CancelSubmission", "Take a submission back before experts are assigned."),
        ("/{id:guid}/resubmit", WorkflowAction.Resubmit, "ResubmitSystem", "Send the system back to its experts after making the changes they asked for."),
        ("/{id:guid}/remove", WorkflowAction.Remove, "RemoveSystem", "Take the system off the register (or discard a draft); reason required."),
    ];

    public static IEndpointRouteBuilder MapSystemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/systems").WithTags("AI systems").RequireAuthorization().DisableAntiforgery();
        group.MapGet("", List)
            .Describe("ListSystems", "List the AI systems of one organisation (organisation=ID) or of all your organisations, newest change first.", 400, 401, 404);
        group.MapPost("", Create)
            .Describe("CreateSystem", "Add an AI system to an organisation (organisation_id in the body); it starts as a draft.")
            .AcceptsJson<SystemBody>()
            .ProducesProblems(403, 404);
        group.MapGet("/{id:guid}", Get)
            .Describe("GetSystem", "One AI system's record, with its version as the ETag.", 404);
        group.MapPut("/{id:guid}", Update)
            .Describe("UpdateSystem", "Replace an AI system's record (If-Match: the ETag you read). A field left out is cleared.")
            .ChangesRecord<SystemBody>();
        group.MapGet("/{id:guid}/classification", GetClassification)
            .Describe("GetSystemClassification", "The current classification: the stored answers and summary, and the explained result as senim.classification/1 (lang=kk|ru|en).", 404);
        group.MapPost("/{id:guid}/classification", Classify)
            .Describe("ClassifySystem", "Classify (or reclassify) the system with the active law packs: {law, answers}. The new classification becomes current; the record gets a new version (If-Match).")
            .ChangesRecord<ClassifyBody>();
        group.MapGet("/{id:guid}/classifications", ListClassifications)
            .Describe("ListSystemClassifications", "Every classification of the system, newest first.", 400, 404);
        group.MapGet("/{id:guid}/versions", Versions)
            .Describe("ListSystemVersions", "Every version of the record (who, when, which action), newest first.", 400, 404);
        group.MapGet("/{id:guid}/versions/{from:int}/diff/{to:int}", Diff)
            .Describe("DiffSystemVersions", "What changed between two versions (0 is the empty record before the first), with the answers that changed when the classification did.", 404);
        foreach (var (path, action, name, summary) in OwnerSteps)
        {
            group.MapPost(path, (Guid id, HttpContext context, CurrentActor current, WorkflowService workflow, CancellationToken cancellationToken) =>
                    ActAsync(action, id, context, current, workflow, cancellationToken))
                .Describe(name, summary)
                .ChangesRecord<ActionBody>();
        }

        return app;
    }

    private static async Task<Ok<PageResource<SystemResource>>> List(Guid? organisation, [AsParameters] PageRequest paging,
        CurrentActor current, SystemService systems, CancellationToken cancellationToken)
    {
        var (number, size) = paging.Resolve();
        var result = await systems.PageAsync(await current.GetAsync(), organisation, number, size, cancellationToken);
        return TypedResults.Ok(PageResource.From(result, SystemResource.Of));
    }

    private static async Task<Created<SystemResource>> Create(HttpContext context, CurrentActor current, SystemService systems, LinkGenerator links, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SystemBody>(context.Request, BodyLimits.Record);
        var organisation = body.OrganisationId ?? throw JsonBody.Required("organisation_id");
        var actor = await current.GetAsync();
        var system = await systems.CreateAsync(actor, organisation, body.ToInput(), cancellationToken);
        ApiVersions.SetETag(context.Response, system.Version);
        return TypedResults.Created(links.GetPathByName(context, "GetSystem", new { id = system.Id }), SystemResource.Of(system));
    }

    private static async Task<Ok<SystemResource>> Get(Guid id, HttpContext context, CurrentActor current, SystemService systems, CancellationToken cancellationToken)
    {
        var system = await systems.GetAsync(await current.GetAsync(), id, cancellationToken);
        ApiVersions.SetETag(context.Response, system.Version);
        return TypedResults.Ok(SystemResource.Of(system));
    }

    private static async Task<Ok<SystemResource>> Update(Guid id, HttpContext context, CurrentActor current, SystemService systems, CancellationToken cancellationToken)
    {
        var access = await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken);
        var body = await JsonBody.ReadAsync<SystemBody>(context.Request, BodyLimits.Record);
        if (body.OrganisationId is { } organisation && organisation != access.System.OrganisationId)
        {
            throw Invalid.Field("organisation_id", "organisation-fixed", "a system stays with its organisation; leave organisation_id out");
        }

        var expected = ApiVersions.Expected(context.Request, body.Version);
        var system = await systems.UpdateAsync(access, body.ToInput(), expected, cancellationToken);
        ApiVersions.SetETag(context.Response, system.Version);
        return TypedResults.Ok(SystemResource.Of(system));
    }

    private static async Task<Ok<CurrentClassificationResource>> GetClassification(Guid id, string? lang, HttpContext context, CurrentActor current,
        SystemService systems, ClassificationService classifications, CancellationToken cancellationToken)
    {
        var access = await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken);
        var system = access.System;
        var classification = await classifications.CurrentAsync(access, cancellationToken) ?? throw new NotFoundException("classification of system", id);
        ApiVersions.SetETag(context.Response, system.Version);
        return TypedResults.Ok(await CurrentAsync(system, classification, lang, context, classifications, cancellationToken));
    }

    private static async Task<Ok<CurrentClassificationResource>> Classify(Guid id, string? lang, HttpContext context, CurrentActor current, SystemService systems,
        ClassificationService classifications, LawLibrary library, TimeProvider time, CancellationToken cancellationToken)
    {
        var access = await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken);
        var body = await JsonBody.ReadAsync<ClassifyBody>(context.Request, BodyLimits.Record);
        var expected = ApiVersions.Expected(context.Request, body.Version);
        var raw = body.Answers ?? throw JsonBody.Required("answers", "is required: an object of question id → answer");
        var law = string.IsNullOrWhiteSpace(body.Law) ? "all" : body.Law.Trim().ToLowerInvariant();
        if (law.Length > 20 || library.Select(law).Count == 0)
        {
            throw Invalid.Field("law", "law-unknown", "use kz, eu or all");
        }

        var answers = StoredAnswers.Parse(raw, library, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var (system, classification, _) = await classifications.ClassifyAsync(access, answers, law, expected, cancellationToken);
        ApiVersions.SetETag(context.Response, system.Version);
        return TypedResults.Ok(await CurrentAsync(system, classification, lang, context, classifications, cancellationToken));
    }

    private static async Task<Ok<PageResource<ClassificationResource>>> ListClassifications(Guid id, [AsParameters] PageRequest paging,
        CurrentActor current, SystemService systems, ClassificationService classifications, CancellationToken cancellationToken)
    {
        _ = paging.Resolve();
        var all = await classifications.ListAsync(await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken), cancellationToken);
        return TypedResults.Ok(PageResource.Of([.. all.Select(ClassificationResource.Of)], paging));
    }

    private static async Task<Ok<PageResource<VersionResource>>> Versions(Guid id, [AsParameters] PageRequest paging,
        CurrentActor current, SystemService systems, CancellationToken cancellationToken)
    {
        _ = paging.Resolve();
        var all = await systems.HistoryAsync(await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken), cancellationToken);
        return TypedResults.Ok(PageResource.Of([.. all.Select(v => new VersionResource(v.Version, v.Change, v.ChangedByName, v.ChangedAt))], paging));
    }

    private static async Task<Ok<DiffResource>> Diff(Guid id, int from, int to, CurrentActor current, SystemService systems, ClassificationService classifications,
        CancellationToken cancellationToken)
    {
        var access = await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken);
        var changes = await systems.DiffAsync(access, from, to, cancellationToken);
        ClassificationChangesResource? classification = null;
        if (changes.FirstOrDefault(c => c.Field == "classification") is { New: { } newer } change)
        {
            var compared = await classifications.CompareAsync(access,
                change.Old is { } older ? int.Parse(older, System.Globalization.CultureInfo.InvariantCulture) : null,
                int.Parse(newer, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            classification = new ClassificationChangesResource(compared.From?.Number, compared.To.Number,
                [.. compared.Answers.Select(a => new AnswerChangeResource(a.QuestionId, a.Old?.Display, a.New?.Display))],
                compared.ObligationsAdded, compared.ObligationsRemoved);
        }

        return TypedResults.Ok(new DiffResource(from, to, [.. changes.Select(c => new FieldChangeResource(c.Field, c.Old, c.New))], classification));
    }

    private static async Task<Ok<SystemResource>> ActAsync(WorkflowAction action, Guid id, HttpContext context, CurrentActor current, WorkflowService workflow,
        CancellationToken cancellationToken)
    {
        // The workflow opens the system once and checks who may act; the body is read first, as for every workflow step.
        var body = await JsonBody.ReadOptionalAsync<ActionBody>(context.Request, BodyLimits.Record);
        var expected = ApiVersions.Expected(context.Request, body?.Version);
        var system = await OwnerActions.TakeAsync(workflow, await current.GetAsync(), id, action, body?.Reason, expected, cancellationToken);
        ApiVersions.SetETag(context.Response, system.Version);
        return TypedResults.Ok(SystemResource.Of(system));
    }

    private static async Task<CurrentClassificationResource> CurrentAsync(AiSystem system, Classification classification, string? lang, HttpContext context,
        ClassificationService classifications, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.FromQuery(lang, context);
        var result = await classifications.ExplainAsync(classification, cancellationToken);
        // The answers travel in "classification"; the result names the system.
        var description = new SystemDescription(system.Name(language), system.Purpose(language), system.Organisation?.Name, system.Sector, AnswerSet.Empty);
        using var document = System.Text.Json.JsonDocument.Parse(ResultJson.ToJson(result, description, language));
        return new CurrentClassificationResource(ClassificationResource.Of(classification), document.RootElement.Clone());
    }
}
