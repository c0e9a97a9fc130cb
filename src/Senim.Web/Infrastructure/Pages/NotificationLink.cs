namespace Senim.Web.Infrastructure.Pages;

/// <summary>Where a notification leads, the same from the home page and the notifications page.</summary>
public static class NotificationLink
{
    /// <summary>An expert's assignment or overdue review leads to the review, an overdue decision to the supervisor's case; everything else to the system's page; nothing without a system.</summary>
    public static string? For(IUrlHelper url, string kind, Guid? systemId)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (systemId is not { } id)
        {
            return null;
        }

        var (page, values) = Target(kind, id);
        return url.Page(page, values);
    }

    /// <summary>The page and route values a notification about a system leads to (pages and mails alike).</summary>
    public static (string Page, object Values) Target(string kind, Guid systemId) => kind switch
    {
        NotificationKinds.Assigned or NotificationKinds.ReviewOverdue => ("/Review/Case", new { systemId }),
        NotificationKinds.DecisionOverdue => ("/Supervision/Case", new { systemId }),
        _ => ("/Systems/Show", new { id = systemId }),
    };

    /// <summary>The notification's code without its family: assigned, changes-requested, decided, law-update.</summary>
    public static string Code(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        const string family = "notification.";
        return kind.StartsWith(family, StringComparison.Ordinal) ? kind[family.Length..] : kind;
    }
}
