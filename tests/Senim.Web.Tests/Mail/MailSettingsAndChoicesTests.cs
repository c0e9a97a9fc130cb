using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Senim.Registry.Services;
using Senim.Web.Infrastructure.Hosting;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Mail;

/// <summary>Senim:Mail is checked at start; each person chooses which notifications come by mail; the dropped mail is in their language.</summary>
public sealed class MailSettingsAndChoicesTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static SenimSettings Read(params (string Key, string Value)[] values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Mail_settings_default_to_a_folder_drop_and_wrong_ones_stop_the_host_by_name()
    {
        var defaults = Read();
        Assert.Equal(("folder", "no-reply@senim.local", 12, 50), (defaults.Mail.Mode, defaults.Mail.From, defaults.Mail.MaxAttempts, defaults.Mail.BatchSize));
        Assert.EndsWith(Path.Combine("data", "mail"), MailHosting.Folder(defaults), StringComparison.Ordinal);

        var wrong = Assert.Throws<SettingsException>(() => Read(("Senim:Mail:Mode", "pigeon"), ("Senim:Mail:From", "no reply"), ("Senim:Mail:Smtp:Security", "ssl3"), ("Senim:Mail:Smtp:Port", "70000"), ("Senim:Mail:MaxAttempts", "0")));
        Assert.Equal(5, wrong.Problems.Count);
        Assert.Contains(wrong.Problems, p => p.StartsWith("Senim:Mail:Mode = 'pigeon'", StringComparison.Ordinal));
        Assert.Contains(wrong.Problems, p => p.StartsWith("Senim:Mail:From = 'no reply'", StringComparison.Ordinal));
        var noHost = Assert.Throws<SettingsException>(() => Read(("Senim:Mail:Mode", "smtp")));
        Assert.Equal("Senim:Mail:Smtp:Host is required when Senim:Mail:Mode is smtp.", Assert.Single(noHost.Problems));
    }

    [Fact]
    public async Task A_person_switches_off_a_kind_of_notification_mail_and_keeps_the_rest()
    {
        await NewUserAsync(factory, "chooser@test.kz");
        var client = await SignedInAsync(factory, "chooser@test.kz");
        var profile = await Browser.Get(client, "/account");
        Assert.All(profile.Document.QuerySelectorAll("#mail-form input[name=mail]"), box => Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)box).IsChecked));
        var on = NotificationKinds.All.Where(k => k != NotificationKinds.LawUpdate).Select(k => new KeyValuePair<string, string>("mail", k)).ToList();

        var saved = await SubmitAsync(client, profile, "#mail-form", on);

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Your mail choices are saved.", saved.Text, StringComparison.Ordinal);
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)saved.Document.QuerySelector("#f-mail-law-update")!).IsChecked);
        Assert.Equal([NotificationKinds.LawUpdate], await Db(factory, db => db.MailOptOuts.Where(o => db.Users.Any(u => u.Id == o.UserId && u.Email == "chooser@test.kz")).Select(o => o.Kind).ToListAsync()));
        var forged = await SubmitAsync(client, profile, "#mail-form", [new("mail", "notification.everything")]);
        Assert.Equal(HttpStatusCode.OK, forged.Status);
        Assert.Equal(NotificationKinds.All.Count, await Db(factory, db => db.MailOptOuts.CountAsync(o => db.Users.Any(u => u.Id == o.UserId && u.Email == "chooser@test.kz"))));
    }

    [Fact]
    public async Task The_demo_decisions_are_dropped_as_mail_in_the_readers_language_with_a_link_to_the_system()
    {
        // The demo's hospital admin reads Russian; the supervisory body decided on the hospital's power load balancer.
        // The host seeds the demo and sends the mail once it runs: start it, whichever test of the class comes first.
        _ = factory.Server;
        var mail = await Mailbox.WaitAsync(factory.MailFolder, "hospital@demo.senim.kz", "Надзорный орган принял решение");
        Assert.StartsWith("Senim: ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("/systems/", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/account", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("ru", mail.Body!.Headers["Content-Language"]?.Trim());
    }
}
