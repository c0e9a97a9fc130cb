namespace Senim.Web.Features.Notifications;

/// <summary>The signed-in user's notifications over JSON: their own and their organisations', newest first.</summary>
public static class NotificationsApi
{
    /// <param name="Kind">notification.assigned, notification.changes-requested, notification.decided, notification.law-update, ...</param>
    /// <param name="Text">The notification in the request's language.</param>
    public sealed record NotificationDoc(Guid Id, string Kind, IReadOnlyList<string> Args, string Text, Guid? SystemId, string? SystemName, Guid? OrganisationId,
        string? Organisation, bool Personal, DateTime CreatedAt, DateTime? ReadAt);

    public sealed record NotificationsDoc(IReadOnlyList<NotificationDoc> Items, int Total, int Unread, int Page, int PageSize);

    public sealed record MarkedDoc(int Marked);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization().DisableAntiforgery();
        api.MapGet("", List)
            .Describe("Notifications", "The signed-in user's notifications (their own and their organisations'), newest first; unread=true for the unread ones only.", 400, 401, 403);
        api.MapPost("/{id:guid}/read", Read)
            .Describe("MarkNotificationRead", "Mark one notification read (an organisation's notification is read for all its members).", 403, 404);
        api.MapPost("/read-all", ReadAll)
            .Describe("MarkAllNotificationsRead", "Mark every unread notification of the user read; answers how many were marked.", 403);
        return app;
    }

    private static async Task<Ok<NotificationsDoc>> List(string? unread, [AsParameters] PageRequest paging,
        CurrentActor current, NotificationService notifications, PageText texts, CancellationToken cancellationToken)
    {
        var (p, size) = paging.Resolve();
        var unreadOnly = ApiValues.Flag("unread", unread);
        var actor = await current.GetAsync();
        var items = await notifications.ListAsync(actor, unreadOnly, p, size, cancellationToken);
        var count = await notifications.UnreadCountAsync(actor, cancellationToken);
        return TypedResults.Ok(new NotificationsDoc([.. items.Items.Select(n => Doc(n, texts))], items.Total, count, items.PageNumber, items.PageSize));
    }

    private static async Task<Ok<NotificationDoc>> Read(Guid id, CurrentActor current, NotificationService notifications, PageText texts, CancellationToken cancellationToken) =>
        TypedResults.Ok(Doc(await notifications.MarkReadAsync(await current.GetAsync(), id, cancellationToken), texts));

    private static async Task<Ok<MarkedDoc>> ReadAll(CurrentActor current, NotificationService notifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkedDoc(await notifications.MarkAllReadAsync(await current.GetAsync(), cancellationToken)));

    private static NotificationDoc Doc(NotificationItem n, PageText texts)
    {
        return new NotificationDoc(n.Id, n.Kind, n.Args, NotificationText.Of(n, texts), n.SystemId,
            n.SystemId is null ? null : SystemText.Name(texts.Language, n.SystemNameKk, n.SystemNameRu, n.SystemNameEn),
            n.OrganisationId, n.OrganisationName, n.Personal, n.CreatedAt, n.ReadAt);
    }
}
