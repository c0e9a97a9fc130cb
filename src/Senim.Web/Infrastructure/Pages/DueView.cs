namespace Senim.Web.Infrastructure.Pages;

/// <summary>
/// A step's deadline as the queues show it (issue 12 item 7): its last day (Almaty) and the instant it passes, which
/// decides "overdue". Null when nothing waits on a deadline.
/// </summary>
public sealed record DueView(DateOnly? Date, DateTime? At)
{
    public bool IsOverdue(DateTime now) => At is { } at && now >= at;
}
