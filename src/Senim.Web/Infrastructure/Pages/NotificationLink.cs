namespace Senim.Web.Infrastructure.Pages;

/// <summary>Where a notification leads, the same from the home page, the notifications page and the mails.</summary>
public static class NotificationLink
{
    /// <summary>
    /// A case's notification leads to its case page (a citizen's request, an incident or an audit: its id is the second
    /// argument; an enforcement case: the first); an expert's assignment or overdue review to the review, an overdue decision
    /// to the supervisor's case; everything else to the system's page; nothing without a system or a case.
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
        if (CasePage(kind) is { } casePage && args is { Count: > 0 }
            && Guid.TryParse(NotificationKinds.Enforcement.Contains(kind) ? args[0] : args.Count > 1 ? args[1] : null, out var id))
        {
            return (casePage, new { id });
        }

        if (systemId is not { } system)
        {
            return null;
        }

        return kind switch
        {
            NotificationKinds.Assigned or NotificationKinds.ReviewOverdue => ("/Review/Case", new { systemId = system }),
            NotificationKinds.DecisionOverdue => ("/Supervision/Case", new { systemId = system }),
            _ => ("/Systems/Show", new { id = system }),
        };
    }

    private static string? CasePage(string kind) => kind switch
    {
        NotificationKinds.CitizenRequestReceived or NotificationKinds.CitizenRequestAssigned or NotificationKinds.CitizenRequestEscalated => "/Citizens/Case",
        NotificationKinds.IncidentReported or NotificationKinds.IncidentInformationRequested or NotificationKinds.IncidentReviewed => "/Audits/Incident",
        NotificationKinds.AuditPlanned or NotificationKinds.CorrectiveActionRequested or NotificationKinds.CorrectiveActionDone or NotificationKinds.AuditCompleted => "/Audits/Audit",
        _ when NotificationKinds.Enforcement.Contains(kind) => "/Enforcement/Case",
        _ => null,
    };

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
