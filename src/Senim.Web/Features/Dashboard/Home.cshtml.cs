using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;

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

    /// <summary>A notification in the reader's language.</summary>
    public string Describe(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var args = DashboardTexts.Args(notification);
        var key = "dashboard." + notification.Kind;
        if (notification.Kind == "notification.decided" && args.Length > 0)
        {
            args[0] = Texts.Has("dashboard.status." + args[0]) ? Texts.Get("dashboard.status." + args[0], Lang) : args[0];
        }

        return Texts.Has(key) ? Texts.Format(key, Lang, [.. args]) : Texts.Get("dashboard.notification.other", Lang);
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
