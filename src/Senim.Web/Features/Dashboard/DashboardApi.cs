using System.Text.Json.Serialization;

namespace Senim.Web.Features.Dashboard;

/// <summary>GET /api/v1/home: the signed-in home page's data, per role.</summary>
public static class DashboardApi
{
    /// <summary>A system in a list: name in the request's language, status, KZ tier, and where to open it.</summary>
    public sealed record SystemRef(
        Guid Id,
        string Name,
        string Status,
        string? Tier,
        bool Prohibited,
        [property: JsonPropertyName("register_number")] string? RegisterNumber,
        [property: JsonPropertyName("organisation_id")] Guid OrganisationId,
        [property: JsonPropertyName("updated_at")] DateTime UpdatedAt);

    public sealed record DueView(SystemRef System, [property: JsonPropertyName("next_review_date")] string? NextReviewDate, bool Overdue);

    public sealed record ChangeRequestView(Guid Id, SystemRef System, string Message, [property: JsonPropertyName("requested_at")] DateTime RequestedAt);

    public sealed record OrganisationHomeView(
        [property: JsonPropertyName("organisation_id")] Guid OrganisationId,
        string Name,
        string Role,
        [property: JsonPropertyName("system_count")] int SystemCount,
        IReadOnlyList<SystemRef> Systems,
        IReadOnlyList<DueView> Due,
        [property: JsonPropertyName("change_requests")] IReadOnlyList<ChangeRequestView> ChangeRequests);

    public sealed record NotificationView(
        Guid Id,
        string Kind,
        IReadOnlyList<string> Args,
        [property: JsonPropertyName("system_id")] Guid? SystemId,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt,
        bool Read);

    /// <summary>next: declare-no-conflict, fill-checklist, recommend, waiting-for-owner, waiting-for-others or waiting-for-decision.</summary>
    public sealed record QueueItemView(
        [property: JsonPropertyName("assignment_id")] Guid AssignmentId,
        SystemRef System,
        [property: JsonPropertyName("organisation_name")] string OrganisationName,
        [property: JsonPropertyName("assigned_at")] DateTime AssignedAt,
        string Next,
        [property: JsonPropertyName("checklist_done")] int ChecklistDone,
        [property: JsonPropertyName("checklist_total")] int ChecklistTotal);

    public sealed record WaitingView(
        SystemRef System,
        [property: JsonPropertyName("organisation_name")] string OrganisationName,
        DateTime Since,
        int Days,
        string? Deadline);

    public sealed record SupervisionView(
        [property: JsonPropertyName("awaiting_experts")] IReadOnlyList<WaitingView> AwaitingExperts,
        [property: JsonPropertyName("awaiting_decision")] IReadOnlyList<WaitingView> AwaitingDecision,
        [property: JsonPropertyName("overdue_conditions")] IReadOnlyList<WaitingView> OverdueConditions,
        [property: JsonPropertyName("long_in_review")] IReadOnlyList<WaitingView> LongInReview);

    /// <summary>expert_queue is present for experts only, supervision for supervisors only.</summary>
    public sealed record HomeView(
        IReadOnlyList<OrganisationHomeView> Organisations,
        IReadOnlyList<NotificationView> Notifications,
        [property: JsonPropertyName("expert_queue")] IReadOnlyList<QueueItemView>? ExpertQueue,
        SupervisionView? Supervision);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/home", Home)
            .WithTags("Account")
            .Describe("GetHome", "The caller's home page as data: per organisation its systems, risk reviews due within 30 days or overdue, and open change requests; the latest notifications; an expert's queue with the next step of each review; the supervisor's worklists. Names are in the request's language (senim-lang cookie or Accept-Language).")
            .Produces<HomeView>()
            .ProducesProblems(401)
            .RequireAuthorization();
        return app;
    }

    private static async Task<IResult> Home(HttpContext context, CurrentActor current, DashboardService dashboards, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Get(context);
        var data = await dashboards.HomeAsync(await current.GetAsync(), cancellationToken);
        SystemRef Ref(AiSystem s) => new(s.Id, s.Name(language), s.Status.Code(), s.Tier, s.Prohibited, s.RegisterNumber, s.OrganisationId, ApiValues.Utc(s.UpdatedAt));
        WaitingView Wait(Waiting w) => new(Ref(w.System), w.OrganisationName, ApiValues.Utc(w.Since), w.Days, Day(w.Deadline));
        return TypedResults.Ok(new HomeView(
            [.. data.Organisations.Select(o => new OrganisationHomeView(o.Organisation.Id, o.Organisation.Name, o.Role.Code(), o.SystemCount,
                [.. o.Systems.Select(Ref)],
                [.. o.Due.Select(d => new DueView(Ref(d.System), Day(d.NextReviewDate), d.Overdue))],
                [.. o.ChangeRequests.Select(c => new ChangeRequestView(c.Id, Ref(c.System), c.Message, ApiValues.Utc(c.RequestedAt)))]))],
            [.. data.Notifications.Select(n => new NotificationView(n.Id, n.Kind, DashboardTexts.Args(n), n.SystemId, ApiValues.Utc(n.CreatedAt), n.ReadAt is not null))],
            data.ExpertQueue is { } queue
                ? [.. queue.Select(q => new QueueItemView(q.AssignmentId, Ref(q.System), q.OrganisationName, ApiValues.Utc(q.AssignedAt), DashboardTexts.StepCode(q.Next), q.ChecklistDone, q.ChecklistTotal))]
                : null,
            data.Supervision is { } s
                ? new SupervisionView([.. s.AwaitingExperts.Select(Wait)], [.. s.AwaitingDecision.Select(Wait)], [.. s.OverdueConditions.Select(Wait)], [.. s.LongInReview.Select(Wait)])
                : null));
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
