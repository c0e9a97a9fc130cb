using Senim.Law.Texts;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Notifications;

/// <summary>A notification's text in the reader's language (from the notification.KIND texts) and where it leads.</summary>
public static class NotificationText
{
    public static string Of(NotificationItem notification, UiText texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(texts);
        if (!texts.Has(notification.Kind))
        {
            return texts.Get("notifications.unknown", language);
        }

        // A decision's argument is the new status: shown by its name, not its code.
        var args = notification.Args.Select((a, i) =>
            notification.Kind == "notification.decided" && i == 0 && SystemStatuses.Parse(a) is { } status ? texts.Get(SystemText.StatusKey(status), language) : a).ToArray<object>();
        var text = texts.Get(notification.Kind, language);
        return args.Length == 0 ? text : texts.Format(notification.Kind, language, args);
    }

    /// <summary>An expert's assignment leads to the review; everything else to the system's page.</summary>
    public static string? Link(NotificationItem notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.SystemId is not { } id)
        {
            return null;
        }

        return notification.Kind == "notification.assigned" ? $"/review/{id}" : $"/systems/{id}";
    }
}
