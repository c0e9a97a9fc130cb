namespace Senim.Web.Infrastructure.Pages;

/// <summary>Where a notification leads, the same from the home page and the notifications page.</summary>
public static class NotificationLink
{
    /// <summary>
    /// An expert's assignment leads to the review, a citizen's request to its case page (its id is the notification's second
    /// argument), everything else to the system's page; nothing without a system or a request.
    /// </summary>
    public static string? For(IUrlHelper url, string kind, Guid? systemId, IReadOnlyList<string>? args = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Target(kind, systemId, args) is var (page, values) ? url.Page(page, values) : null;
    }

    /// <summary>The page and route values a notification leads to (pages and mails alike); null when it leads nowhere.</summary>
    public static (string Page, object Values)? Target(string kind, Guid? systemId, IReadOnlyList<string>? args = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind is NotificationKinds.CitizenRequestReceived or NotificationKinds.CitizenRequestAssigned or NotificationKinds.CitizenRequestEscalated
            && args is [_, var request, ..] && Guid.TryParse(request, out var id))
        {
            return ("/Citizens/Case", new { id });
        }

        if (systemId is not { } system)
        {
            return null;
        }

        return kind == NotificationKinds.Assigned ? ("/Review/Case", new { systemId = system }) : ("/Systems/Show", new { id = system });
    }

    /// <summary>A stored notification's arguments (its ArgsJson); none when unreadable.</summary>
    public static IReadOnlyList<string> Args(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>The notification's code without its family: assigned, changes-requested, decided, law-update.</summary>
    public static string Code(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        const string family = "notification.";
        return kind.StartsWith(family, StringComparison.Ordinal) ? kind[family.Length..] : kind;
    }
}
