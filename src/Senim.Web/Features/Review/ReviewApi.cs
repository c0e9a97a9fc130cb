using Senim.Web.Features.CaseParts;
using Senim.Web.Infrastructure.Signing;

namespace Senim.Web.Features.Review;

/// <summary>The expert's side of preliminary expert review over JSON: queue, declaration, checklist, change requests, recommendation.</summary>
public static class ReviewApi
{
    public sealed record QueueItemDoc(Guid SystemId, string? NameKk, string? NameRu, string? NameEn, string Organisation, string Status, int Version,
        DateTime AssignedAt, DateTime? DeclaredAt, int ItemsDone, int ItemsTotal, string? Recommendation, string Next);

    /// <param name="NoConflict">Must be true: "I have no conflict of interest with the submitting organisation or this system."</param>
    public sealed record DeclarationBody(bool? NoConflict);

    public sealed record ChecklistItemDoc(string Id, string Text, IReadOnlyList<string> Articles, string? Verdict, string? Remark, DateTime? UpdatedAt);

    /// <param name="Active">False once the review round ended (decision made, or the expert was replaced): the checklist is then read-only.</param>
    public sealed record ChecklistDoc(Guid SystemId, string Status, int Version, bool Active, DateTime? DeclaredAt, string? Recommendation,
        string? RecommendationText, DateTime? RecommendedAt, string Next, IReadOnlyList<ChecklistItemDoc> Items);

    /// <param name="Verdict">satisfied, issue or not-applicable; an issue needs a remark.</param>
    public sealed record RemarkBody(string? Verdict, string? Remark);

    public sealed record ChangesBody(string? Message, int? Version);

    /// <param name="Recommendation">register, register-with-conditions or refuse.</param>
    /// <param name="ChallengeId">With <paramref name="Signature"/>: the challenge issued for this recommendation (POST .../review/recommendation/challenge).</param>
    /// <param name="Signature">The CMS signature over that challenge (Base64 or PEM).</param>
    public sealed record RecommendationBody(string? Recommendation, string? Text, int? Version, Guid? ChallengeId = null, string? Signature = null);

    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Review").RequireAuthorization().DisableAntiforgery();
        api.MapGet("/review/queue", Queue)
            .Describe("ReviewQueue", "The signed-in expert's active review assignments, oldest first, each with the next thing to do (declare, checklist, recommend, waiting-for-owner, done).", 400, 401, 403);
        api.MapPost("/systems/{id:guid}/review/declaration", Declare)
            .Describe("DeclareNoConflict", "Declare having no conflict of interest with the system's organisation; required before anything else in the review. An expert from the submitting organisation is refused.")
            .AcceptsJson<DeclarationBody>()
            .ProducesProblems(403, 404, 409);
        api.MapGet("/systems/{id:guid}/review/checklist", GetChecklist)
            .Describe("ReviewChecklist", "The review checklist from the law pack (items with their articles) with the expert's verdicts and remarks so far. The ETag is the system's version, for If-Match on changes and recommendation.", 403, 404);
        api.MapPut("/systems/{id:guid}/review/checklist/{itemId}", PutRemark)
            .Describe("ReviewChecklistItem", "Record the expert's verdict (satisfied, issue, not-applicable) and remark on one checklist item; saving it again replaces it. Only after the declaration and while the system is in review.")
            .AcceptsJson<RemarkBody>()
            .ProducesProblems(403, 404, 409);
        api.MapPost("/systems/{id:guid}/review/changes", RequestChanges)
            .Describe("RequestChanges", "Ask the owner for changes; the checklist items marked as issues go with the message. Needs If-Match.")
            .ChangesRecord<ChangesBody>();
        api.MapPost("/systems/{id:guid}/review/recommendation", Recommend)
            .Describe("Recommend", "Recommend a decision (register, register-with-conditions, refuse) with a justification, once; signed when challenge_id and signature are given (required where the register says so). When every assigned expert has recommended, the system goes to the supervisor. Needs If-Match.")
            .ChangesRecord<RecommendationBody>();
        return app;
    }

    private static async Task<Ok<PageResource<QueueItemDoc>>> Queue([AsParameters] PageRequest paging, CurrentActor current, ReviewService reviews, CancellationToken cancellationToken)
    {
        var (p, size) = paging.Resolve();
        var queue = await reviews.QueueAsync(await current.GetAsync(), p, size, cancellationToken);
        return TypedResults.Ok(PageResource.From(queue, r => new QueueItemDoc(r.SystemId, r.NameKk, r.NameRu, r.NameEn, r.OrganisationName, r.Status.Code(), r.SystemVersion,
                r.AssignedAt, r.DeclaredAt, r.ItemsDone, r.ItemsTotal, r.Recommendation?.Code(), r.Next.Code())));
    }

    private static async Task<Ok<ChecklistDoc>> Declare(Guid id, HttpRequest request, CurrentActor current, WorkflowService workflow, ReviewService reviews, SystemService systems, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<DeclarationBody>(request);
        if (body.NoConflict != true)
        {
            throw Invalid.Field("no_conflict", "declaration-required", "confirm that you have no conflict of interest (no_conflict: true)");
        }

        var actor = await current.GetAsync();
        await workflow.DeclareNoConflictAsync(actor, id, cancellationToken);
        return TypedResults.Ok(await ChecklistOf(await systems.OpenAsync(actor, id, SystemPurpose.Read, cancellationToken), request.HttpContext, reviews, cancellationToken));
    }

    private static async Task<Ok<ChecklistDoc>> GetChecklist(Guid id, HttpContext context, CurrentActor current, ReviewService reviews, SystemService systems, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ChecklistOf(await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken), context, reviews, cancellationToken));

    private static async Task<Ok<ChecklistItemDoc>> PutRemark(Guid id, string itemId, HttpRequest request, CurrentActor current, ReviewService reviews, SystemService systems, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RemarkBody>(request);
        var verdict = ReviewCodes.ParseVerdict(body.Verdict);
        if (verdict is null)
        {
            throw Invalid.Field("verdict", "verdict-invalid", "use satisfied, issue or not-applicable");
        }

        var access = await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Workflow, cancellationToken);
        try
        {
            await reviews.SaveChecklistAsync(access, [new RemarkInput(itemId, verdict!.Value, body.Remark)], cancellationToken);
        }
        catch (ValidationException invalid)
        {
            // One item: the fields are named as in the body.
            throw new ValidationException([.. invalid.Errors.Select(e => e with { Field = e.Field.EndsWith("." + itemId, StringComparison.Ordinal) ? e.Field[..^(itemId.Length + 1)] : e.Field })]);
        }

        var checklist = await ChecklistOf(access, request.HttpContext, reviews, cancellationToken);
        return TypedResults.Ok(checklist.Items.Single(i => i.Id == itemId));
    }

    private static async Task<Ok<SystemStateDoc>> RequestChanges(Guid id, HttpRequest request, CurrentActor current, WorkflowService workflow, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ChangesBody>(request);
        var expected = ApiVersions.Expected(request, body.Version);
        var system = await workflow.RequestChangesAsync(await current.GetAsync(), id, body.Message ?? "", expected, cancellationToken);
        return SystemStateDoc.Of(system, request.HttpContext);
    }

    private static async Task<Ok<SystemStateDoc>> Recommend(Guid id, HttpRequest request, CurrentActor current, WorkflowService workflow, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RecommendationBody>(request);
        var recommendation = ReviewCodes.ParseRecommendation(body.Recommendation);
        if (recommendation is null)
        {
            throw Invalid.Field("recommendation", "recommendation-invalid", "use register, register-with-conditions or refuse");
        }

        var expected = ApiVersions.Expected(request, body.Version);
        var signed = SignedAnswers.Of(body.ChallengeId, body.Signature);
        var system = await workflow.RecommendAsync(await current.GetAsync(), id, recommendation!.Value, body.Text ?? "", expected, signed, cancellationToken);
        return SystemStateDoc.Of(system, request.HttpContext);
    }

    private static async Task<ChecklistDoc> ChecklistOf(SystemAccess access, HttpContext context, ReviewService reviews, CancellationToken cancellationToken)
    {
        var system = access.System;
        var mine = await reviews.MineAsync(access, cancellationToken)
            ?? throw new ForbiddenException("not-assigned", "Only an expert assigned to this system's review may do this.");
        var language = RequestLanguage.Get(context);
        var checklist = reviews.Checklist();
        var assignment = mine.Assignment;
        ApiVersions.SetETag(context.Response, system.Version);
        return new ChecklistDoc(system.Id, system.Status.Code(), system.Version, assignment.Active, assignment.NoConflictDeclaredAt,
            assignment.Recommendation?.Code(), assignment.RecommendationText, assignment.RecommendedAt,
            ReviewService.NextStep(assignment, system.Status, mine.Remarks.Count(r => checklist.Items.Any(i => i.Id == r.ItemId)), checklist.Items.Count).Code(),
            [.. checklist.Items.Select(i =>
            {
                var remark = mine.RemarkOn(i.Id);
                return new ChecklistItemDoc(i.Id, i.Text[language], i.Articles, remark?.Verdict.Code(), remark?.Remark, remark?.UpdatedAt);
            })]);
    }
}
