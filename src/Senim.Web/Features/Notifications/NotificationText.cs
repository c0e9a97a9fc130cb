using Senim.Web.Infrastructure.Pages;

namespace Senim.Web.Features.Notifications;

/// <summary>A notification's text in the reader's language, from one table of the register's notification kinds.</summary>
public static class NotificationText
{
    /// <summary>notification.KIND: the words of each kind the register sends; <c>mail</c> names the kind in the e-mail choices of the profile.</summary>
    public static TextTable<string> Kinds { get; } = new("notification", NotificationKinds.All, NotificationLink.Code, "mail");

    public static string Of(NotificationItem notification, PageText texts)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(texts);
        if (!Kinds.TryParse(NotificationLink.Code(notification.Kind), out var kind))
        {
            return texts["notifications.unknown"];
        }

        // A decision's argument is the new status: shown by its name, not its code.
        var args = notification.Args.Select((a, i) => notification.Kind == NotificationKinds.Decided && i == 0 ? texts.Status(a) : a).ToArray<object>();
        return args.Length == 0 ? texts[Kinds.Key(kind)] : texts.Format(Kinds.Key(kind), args);
    }
}
