using Senim.Web.Features.CaseParts;
using Senim.Web.Infrastructure.Signing;

namespace Senim.Web.Features.Supervision;

/// <summary>The supervisory body's side of registration over JSON: work lists, expert panels, decisions, suspension and withdrawal.</summary>
public static class SupervisionApi
{
    public sealed record QueueItemDoc(Guid SystemId, string? NameKk, string? NameRu, string? NameEn, string Organisation, string Status, string? RegisterNumber,
        DateTime Since, DateTime? ReviewStarted, int? DaysInReview, int Experts, int Recommendations, string? ConditionsDeadline, int Version);

    /// <param name="Counts">How many systems each list holds, by list code.</param>
    public sealed record QueueDoc(IReadOnlyDictionary<string, int> Counts, string List, IReadOnlyList<QueueItemDoc> Items, int Total, int Page, int PageSize);

    public sealed record ExpertDoc(Guid Id, string Name, string Email, bool Conflicted, bool Assigned, int ActiveAssignments);

    public sealed record ExpertsBody(IReadOnlyList<Guid>? Experts, int? Version);

    /// <param name="Decision">register, register-with-conditions or refuse.</param>
    /// <param name="Reasons">Required for a refusal.</param>
    /// <param name="Conditions">Required for register-with-conditions.</param>
    /// <param name="Deadline">yyyy-mm-dd, after today; required for register-with-conditions.</param>
    /// <param name="ChallengeId">With <paramref name="Signature"/>: the challenge issued for this decision (POST .../decision/challenge).</param>
    /// <param name="Signature">The CMS signature over that challenge (Base64 or PEM); its SHA-256 goes into the decision's log entry.</param>
    public sealed record DecisionBody(string? Decision, string? Reasons, string? Conditions, string? Deadline, int? Version, Guid? ChallengeId = null, string? Signature = null);

    public sealed record ReasonBody(string? Reason, int? Version);

    /// <summary>A step that takes only the reason and the version.</summary>
    private delegate Task<AiSystem> ReasonStep(WorkflowService workflow, Actor actor, Guid id, string reason, int expected, CancellationToken cancellationToken);

    /// <summary>Suspension, reinstatement and withdrawal: the same body, the same answer, another step of the workflow.</summary>
    private static readonly (string Path, string Name, string Summary, ReasonStep Step)[] ReasonSteps =
    [
        ("/systems/{id:guid}/suspend", "Suspend", "Suspend a registered or published system, with the reason. Needs If-Match.",
            (workflow, actor, id, reason, expected, cancellationToken) => workflow.SuspendAsync(actor, id, reason, expected, cancellationToken)),
        ("/systems/{id:guid}/reinstate", "Reinstate", "Lift a suspension, with the reason; the system returns to the status it had before. Needs If-Match.",
            (workflow, actor, id, reason, expected, cancellationToken) => workflow.ReinstateAsync(actor, id, reason, expected, cancellationToken)),
        ("/systems/{id:guid}/withdraw", "Withdraw", "Withdraw a system's registration (or its suspended registration), with the reason. Needs If-Match.",
            (workflow, actor, id, reason, expected, cancellationToken) => workflow.WithdrawAsync(actor, id, reason, expected, cancellationToken)),
    ];

    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Supervision").RequireAuthorization().DisableAntiforgery();
        api.MapGet("/supervision/queue", Queue)
            .Describe("SupervisionQueue", "A supervisor's work list (list=awaiting-experts, in-review, awaiting-decision, conditions-overdue, suspended; default awaiting-experts), oldest first, with the counts of every list.", 400, 401, 403);
        api.MapGet("/systems/{id:guid}/experts", Experts)
            .Describe("ExpertCandidates", "The users with the expert role, marked when they belong to the system's organisation (conflicted: they cannot be assigned) or are on its panel now.", 403, 404);
        api.MapPost("/systems/{id:guid}/experts", Assign)
            .Describe("AssignExperts", "Assign one to three experts to a submitted (or in-review) system; an expert from the submitting organisation is refused. Replaces the panel; experts who stay keep their work. Needs If-Match.")
            .ChangesRecord<ExpertsBody>();
        api.MapPost("/systems/{id:guid}/decision", Decide)
            .Describe("Decide", "Decide on a recommended system: register (a register number KZ-AI-YYYY-NNNNNN is given; the organisation must be verified), register-with-conditions (conditions and a deadline), or refuse (reasons). Signed when challenge_id and signature are given (required where the register says so); the signature's SHA-256 is in the public log entry. Needs If-Match.")
            .ChangesRecord<DecisionBody>();
        foreach (var (path, name, summary, step) in ReasonSteps)
        {
            api.MapPost(path, async (Guid id, HttpRequest request, CurrentActor current, WorkflowService workflow, CancellationToken cancellationToken) =>
                {
                    var body = await JsonBody.ReadAsync<ReasonBody>(request);
                    var expected = ApiVersions.Expected(request, body.Version);
                    return SystemStateDoc.Of(await step(workflow, await current.GetAsync(), id, body.Reason ?? "", expected, cancellationToken), request.HttpContext);
                })
                .Describe(name, summary)
                .ChangesRecord<ReasonBody>();
        }

        return app;
    }

    private static async Task<Ok<QueueDoc>> Queue(string? list, [AsParameters] PageRequest paging, CurrentActor current, SupervisionService supervision, TimeProvider time, CancellationToken cancellationToken)
    {
        var (p, size) = paging.Resolve();
        var which = list is null ? SupervisionList.AwaitingExperts : SupervisionService.ParseList(list);
        if (which is null)
        {
            throw Invalid.Field("list", "worklist-unknown", "use one of: {0}", string.Join(", ", SupervisionService.Lists.Select(SupervisionService.Code)));
        }

        var actor = await current.GetAsync();
        var counts = await supervision.CountsAsync(actor, cancellationToken);
        var rows = await supervision.ListAsync(actor, which!.Value, p, size, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new QueueDoc(
            counts.ToDictionary(c => SupervisionService.Code(c.Key), c => c.Value),
            SupervisionService.Code(which.Value),
            [.. rows.Items.Select(r => new QueueItemDoc(r.SystemId, r.NameKk, r.NameRu, r.NameEn, r.OrganisationName, r.Status.Code(), r.RegisterNumber, r.Since,
                r.ReviewStarted, r.ReviewStarted is { } started ? (int)(now - started).TotalDays : null, r.Experts, r.Recommendations,
                r.ConditionsDeadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Version))],
            rows.Total, rows.PageNumber, rows.PageSize));
    }

    private static async Task<Ok<IReadOnlyList<ExpertDoc>>> Experts(Guid id, CurrentActor current, SystemService systems, SupervisionService supervision, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        SupervisionService.RequireSupervisor(actor);
        var experts = await supervision.ExpertsAsync(await systems.OpenAsync(actor, id, SystemPurpose.Read, cancellationToken), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ExpertDoc>>([.. experts.Select(e => new ExpertDoc(e.Id, e.Name, e.Email, e.Conflicted, e.Assigned, e.ActiveAssignments))]);
    }

    private static async Task<Ok<SystemStateDoc>> Assign(Guid id, HttpRequest request, CurrentActor current, WorkflowService workflow, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ExpertsBody>(request);
        if (body.Experts is null)
        {
            throw Invalid.Field("experts", "required", "is required");
        }

        var expected = ApiVersions.Expected(request, body.Version);
        var system = await workflow.AssignAsync(await current.GetAsync(), id, body.Experts!, expected, cancellationToken);
        return SystemStateDoc.Of(system, request.HttpContext);
    }

    private static async Task<Ok<SystemStateDoc>> Decide(Guid id, HttpRequest request, CurrentActor current, WorkflowService workflow, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<DecisionBody>(request);
        var input = DecisionInput.Parse(body.Decision, body.Reasons ?? "", body.Conditions, body.Deadline);
        var expected = ApiVersions.Expected(request, body.Version);
        var signed = SignedAnswers.Of(body.ChallengeId, body.Signature);
        var system = await workflow.DecideAsync(await current.GetAsync(), id, input, expected, signed, cancellationToken);
        return SystemStateDoc.Of(system, request.HttpContext);
    }
}
