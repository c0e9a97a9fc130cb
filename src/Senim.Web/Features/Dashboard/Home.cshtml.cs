using Senim.Web.Infrastructure.Pages;

namespace Senim.Web.Features.Dashboard;

/// <summary>The signed-in home: one section per role the user has (owner or editor, expert, supervisor, admin).</summary>
[Authorize]
public sealed class HomeModel(DashboardService dashboards) : Infrastructure.RegistryPage
{
    public Registry.Services.Dashboard Data { get; private set; } = null!;

    public Actor Me { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Me = await ActorAsync();
        try
        {
            Data = await dashboards.HomeAsync(Me, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            Data = new Registry.Services.Dashboard([], [], null, null);
            return Refused(ex);
        }

        return Page();
    }

    public string Name(AiSystem system) => system.Name(Lang) is { Length: > 0 } name ? name : "—";

    /// <summary>dashboard.notification.KIND: the short words of each kind the register sends, for the home page's list.</summary>
    public static TextTable<string> Notifications { get; } = new("dashboard.notification", NotificationKinds.All, NotificationLink.Code);

    /// <summary>A notification in the reader's language.</summary>
    public string Describe(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!Notifications.TryParse(NotificationLink.Code(notification.Kind), out var kind))
        {
            return Text["dashboard.notification.other"];
        }

        // A decision's argument is the new status: shown by its name, not its code.
        var args = DashboardTexts.Args(notification).Select((a, i) => kind == NotificationKinds.Decided && i == 0 ? Text.Status(a) : a).ToArray<object>();
        return Text.Format(Notifications.Key(kind), args);
    }
}

/// <summary>Helpers shared by the home page and its API.</summary>
internal static class DashboardTexts
{
    public static string[] Args(Notification notification)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(notification.ArgsJson) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    public static string StepCode(ReviewStep step) => step switch
    {
        ReviewStep.Declare => "declare-no-conflict",
        ReviewStep.Checklist => "fill-checklist",
        ReviewStep.Recommend => "recommend",
        ReviewStep.WaitingForOwner => "waiting-for-owner",
        ReviewStep.WaitingForOthers => "waiting-for-others",
        _ => "waiting-for-decision",
    };
}
