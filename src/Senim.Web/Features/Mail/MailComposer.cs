using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Senim.Registry.Mail;
using Senim.Web.Features.Notifications;
using Senim.Web.Infrastructure.Pages;

namespace Senim.Web.Features.Mail;

/// <summary>
/// Writes an outbox message in its language from the texts (mail.TEMPLATE.subject, .body, and the link's words),
/// with absolute links to Senim's pages (Senim:PublicBaseUrl, else the address the host listens on). Plain text and
/// HTML say the same; the HTML escapes every value.
/// </summary>
public sealed class MailComposer(UiText texts, IHttpContextAccessor accessor, Senim.Registry.Services.LawCatalog law, LocalTime localTime, LinkGenerator links, PublicAddress address) : IMailComposer
{
    /// <summary>mail.TEMPLATE (the link's words), with its subject and body.</summary>
    public static TextTable<string> Templates { get; } = TextTable.Of("mail", MailTemplates.All, "subject", "body");

    public MailContent Compose(OutboxMessage message, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(values);
        if (!Languages.TryParse(message.Language, out var language))
        {
            language = Language.Kk;
        }

        var page = new PageText(accessor, texts, law, localTime).In(language);
        string Value(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"the value '{name}' is missing", nameof(values));
        return message.Template switch
        {
            MailTemplates.ConfirmEmail => Write(page, message, [message.ToAddress],
                Link("/Account/ConfirmEmail", new { user = Value(MailTemplates.Values.User), code = Value(MailTemplates.Values.Code) })),
            MailTemplates.PasswordReset => Write(page, message, [message.ToAddress],
                Link("/Account/ResetPassword", new { user = Value(MailTemplates.Values.User), code = Value(MailTemplates.Values.Code) })),
            MailTemplates.Invitation => Write(page, message,
                [Value(MailTemplates.Values.InvitedBy), Value(MailTemplates.Values.Organisation), page.Or(Infrastructure.TextTables.MemberRole, Value(MailTemplates.Values.Role)), page.Time(DateTime.Parse(Value(MailTemplates.Values.Expires), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))],
                Link("/Invitations/Answer", new { id = Value(MailTemplates.Values.Invitation), token = Value(MailTemplates.Values.Code) })),
            MailTemplates.Notification => Notification(page, message, values, Value(MailTemplates.Values.Kind), Value(MailTemplates.Values.Args)),
            // A citizen's request: the tracking page's path is fixed by ADR 0025 (/track/{code}, Features/Citizens/Track).
            var citizen when MailTemplates.Citizen.Contains(citizen) => Write(page, message,
                [Value(MailTemplates.Values.SystemName), Value(MailTemplates.Values.Due), Value(MailTemplates.Values.Code)],
                new Uri(address.ForHost(), "track/" + Uri.EscapeDataString(Value(MailTemplates.Values.Code))).ToString()),
            _ => throw new ArgumentException($"no words for the template '{message.Template}'", nameof(message)),
        };
    }

    private MailContent Notification(PageText page, OutboxMessage message, IReadOnlyDictionary<string, string> values, string kind, string args)
    {
        var arguments = JsonSerializer.Deserialize<List<string>>(args) ?? [];
        values.TryGetValue(MailTemplates.Values.System, out var system);
        values.TryGetValue(MailTemplates.Values.SystemName, out var systemName);
        values.TryGetValue(MailTemplates.Values.Organisation, out var organisation);
        var item = new NotificationItem(message.Id, kind, arguments, Guid.TryParse(system, out var systemId) ? systemId : null, systemName, systemName, systemName, null, organisation, message.UserId is not null, message.CreatedAt, null);
        var what = NotificationText.Of(item, page);
        var about = systemName is { Length: > 0 } ? systemName : organisation ?? "Senim";
        var link = NotificationLink.Target(kind, item.SystemId, arguments) is var (target, route)
            ? Link(target, route)
            : Link("/Notifications/Index", null);
        return Write(page, message, [about, what, organisation ?? ""], link, Link("/Account/Profile", null));
    }

    /// <summary>Greeting, the template's body with its arguments, the link, and the footer; plain and HTML.</summary>
    private MailContent Write(PageText page, OutboxMessage message, object[] args, string link, string? preferences = null)
    {
        var template = message.Template;
        var subject = page.Format(Templates.Key(template, "subject"), args);
        var greeting = message.ToName is { Length: > 0 } name ? page.Format("mail.greeting", name) : page["mail.greeting-anonymous"];
        var body = page.Format(Templates.Key(template, "body"), args);
        var action = page[Templates.Key(template)];
        var footer = page.Format("mail.footer", address.ForHost().ToString().TrimEnd('/'));
        var text = new StringBuilder()
            .Append(greeting).Append("\n\n").Append(body).Append("\n\n")
            .Append(action).Append(":\n").Append(link).Append("\n\n");
        if (preferences is not null)
        {
            text.Append(page["mail.preferences"]).Append('\n').Append(preferences).Append("\n\n");
        }

        text.Append("-- \n").Append(footer).Append('\n');

        var html = HtmlEncoder.Default;
        var markup = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(message.Language).Append("\"><head><meta charset=\"utf-8\"><title>").Append(html.Encode(subject)).Append("</title></head><body>")
            .Append("<p>").Append(html.Encode(greeting)).Append("</p>")
            .Append("<p>").Append(html.Encode(body)).Append("</p>")
            .Append("<p><a href=\"").Append(html.Encode(link)).Append("\">").Append(html.Encode(action)).Append("</a></p>");
        if (preferences is not null)
        {
            markup.Append("<p><small><a href=\"").Append(html.Encode(preferences)).Append("\">").Append(html.Encode(page["mail.preferences"])).Append("</a></small></p>");
        }

        markup.Append("<hr><p><small>").Append(html.Encode(footer)).Append("</small></p></body></html>");
        return new MailContent(subject, text.ToString(), markup.ToString());
    }

    private string Link(string page, object? values)
    {
        var path = links.GetPathByPage(page, handler: null, values: values) ?? throw new ArgumentException($"no route to the page {page}", nameof(page));
        return new Uri(address.ForHost(), path.TrimStart('/')).ToString();
    }
}
