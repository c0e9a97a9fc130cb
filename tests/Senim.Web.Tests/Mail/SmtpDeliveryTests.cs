using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Model;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Mail;

/// <summary>Starts the fixture's SMTP server before the host sends anything.</summary>
public sealed class RunningSmtpFactory : SmtpFactory
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Smtp.StartAsync();
    }
}

/// <summary>E-mail through a real SMTP server (aiosmtpd): confirmation at sign-up, password reset, invitations, odd addresses.</summary>
public sealed class SmtpDeliveryTests(RunningSmtpFactory factory) : IClassFixture<RunningSmtpFactory>
{
    private static async Task<Page> SignUpAsync(HttpClient client, string email, string returnUrl = "")
    {
        var form = await Browser.Get(client, "/account/sign-up" + returnUrl);
        return await Browser.Submit(client, form, "", [new("display_name", "Dana"), new("email", email), new("password", "Long-password-1"), new("confirm_password", "Long-password-1"), new("language", "en")]);
    }

    [Fact]
    public async Task Sign_up_mails_a_confirmation_link_and_until_it_is_opened_the_account_acts_for_no_organisation()
    {
        var client = factory.CreateClient();
        var home = await SignUpAsync(client, "dana.confirm@example.kz");
        Assert.Contains("A confirmation link was sent to dana.confirm@example.kz", home.Text, StringComparison.Ordinal);
        Assert.NotNull(home.Document.QuerySelector("#unconfirmed"));
        var organisations = await Browser.Get(client, "/organisations");
        var refused = await SubmitAsync(client, organisations, "main form[method=post]:not(.inline-form)", [new("bin", "777777777770"), new("name", "Early LLP"), new("size", "small"), new("contact_email", "early@example.kz")]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("Confirm your e-mail address first", TextOf(refused, "#problem"), StringComparison.Ordinal);

        var mail = await Mailbox.WaitAsync(factory.Smtp.Folder, "dana.confirm@example.kz", "/account/confirm-email");
        Assert.Equal("Senim: confirm your e-mail address", mail.Subject);
        Assert.Equal("en", mail.Body!.Headers["Content-Language"]?.Trim());
        Assert.Matches("^[0-9a-f]{32}@senim.local$", mail.MessageId);
        var confirmed = await Browser.Get(client, Mailbox.Link(mail, "/account/confirm-email"));
        Assert.NotNull(confirmed.Document.QuerySelector("#confirmed"));
        Assert.Null((await Browser.Get(client, "/home")).Document.QuerySelector("#unconfirmed"));
        var created = await SubmitAsync(client, await Browser.Get(client, "/organisations"), "main form[method=post]:not(.inline-form)", [new("bin", "777777777770"), new("name", "Confirmed LLP"), new("size", "small"), new("contact_email", "early@example.kz")]);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.True(await Db(factory, db => db.Organisations.AnyAsync(o => o.Bin == "777777777770")));
    }

    [Fact]
    public async Task A_reset_link_works_once_and_the_answer_is_the_same_for_an_unknown_address()
    {
        await NewUserAsync(factory, "reset.me@example.kz");
        var client = factory.CreateClient();
        var forgot = await Browser.Get(client, "/account/forgot-password");
        var unknown = await Browser.Submit(client, forgot, "", [new("email", "nobody.at.all@example.kz")]);
        var known = await Browser.Submit(client, forgot, "", [new("email", "Reset.Me@example.kz")]);
        Assert.Equal(TextOf(unknown, "main [role=status]"), TextOf(known, "main [role=status]"));

        var mail = await Mailbox.WaitAsync(factory.Smtp.Folder, "reset.me@example.kz", "/account/reset-password");
        var link = Mailbox.Link(mail, "/account/reset-password");
        var reset = await Browser.Get(client, link);
        var done = await Browser.Submit(client, reset, "", [new("password", "Brand-new-pass-1"), new("confirm_password", "Brand-new-pass-1")]);
        Assert.Contains("Your new password is set", done.Text, StringComparison.Ordinal);
        var second = await Browser.Submit(client, await Browser.Get(client, link), "", [new("password", "Another-pass-22"), new("confirm_password", "Another-pass-22")]);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("This link to set a new password has been used already or is too old: ask for a new one.", TextOf(second, "#problem p"));
        Assert.Equal("/home", new Uri((await SignInAsync(factory.CreateClient(), "reset.me@example.kz", "Brand-new-pass-1")).Document.Url).AbsolutePath);
        Assert.DoesNotContain(Mailbox.All(factory.Smtp.Folder), m => Mailbox.To(m, "nobody.at.all@example.kz"));
    }

    [Fact]
    public async Task An_invitation_declined_without_an_account_tells_the_organisation_and_its_link_then_refuses()
    {
        var admin = await SignedInAsync(factory, "retail@demo.senim.kz");
        var retail = await Db(factory, db => db.Organisations.Where(o => o.Bin == "150440000053").Select(o => o.Id).SingleAsync());
        var page = await Browser.Get(admin, $"/organisations/{retail}");
        await SubmitAsync(admin, page, "form[action*='handler=Invite']", [new("email", "stranger@example.kz"), new("role", "admin")]);

        var mail = await Mailbox.WaitAsync(factory.Smtp.Folder, "stranger@example.kz", "/invitations/");
        Assert.Contains("Demo Retail LLP", mail.Subject, StringComparison.Ordinal);
        var anonymous = factory.CreateClient();
        var invitation = await Browser.Get(anonymous, Mailbox.Link(mail, "/invitations/"));
        Assert.Null(invitation.Document.QuerySelector("#accept-form"));
        var declined = await SubmitAsync(anonymous, invitation, "#decline-form");
        Assert.Contains("You declined the invitation of Demo Retail LLP.", declined.Text, StringComparison.Ordinal);
        var reopened = await Browser.Get(anonymous, Mailbox.Link(mail, "/invitations/"));
        Assert.NotNull(reopened.Document.QuerySelector("#invitation-state"));
        Assert.Null(reopened.Document.QuerySelector("#decline-form"));
        Assert.False(await Db(factory, db => db.Memberships.AnyAsync(m => m.OrganisationId == retail && m.User!.Email == "stranger@example.kz")));
        Assert.True(await Db(factory, db => db.Notifications.AnyAsync(n => n.OrganisationId == retail && n.Kind == "notification.invitation-declined")));
        // The retail admin hears of it by mail too, in their language.
        await Mailbox.WaitAsync(factory.Smtp.Folder, "retail@demo.senim.kz", "stranger@example.kz");
    }

    [Fact]
    public async Task An_international_domain_is_delivered_to_its_ascii_form_and_invisible_characters_are_refused()
    {
        var refused = await SignUpAsync(factory.CreateClient(), "dana\u200B@example.kz");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("U+200B", TextOf(refused, "#f-email-error"), StringComparison.Ordinal);
        var rtl = await SignUpAsync(factory.CreateClient(), "\u202Edana@example.kz");
        Assert.Contains("U+202E", TextOf(rtl, "#f-email-error"), StringComparison.Ordinal);

        var home = await SignUpAsync(factory.CreateClient(), "dana@Пример.Қаз");
        Assert.Contains("dana@пример.қаз", home.Text, StringComparison.Ordinal);
        var mail = await Mailbox.WaitAsync(factory.Smtp.Folder, "dana@xn--e1afmkfd.xn--80ao21a", "/account/confirm-email");
        Assert.Equal("dana@xn--e1afmkfd.xn--80ao21a", mail.Headers["X-Envelope-To"]?.Trim());
        Assert.True(await Db(factory, db => db.Users.AnyAsync(u => u.Email == "dana@пример.қаз" && !u.EmailConfirmed)));
    }

    [Fact]
    public async Task A_mailbox_the_server_refuses_is_dead_at_once_with_the_error_kept()
    {
        var owner = await SignedInAsync(factory, "owner@demo.senim.kz");
        var bank = await Db(factory, db => db.Organisations.Where(o => o.Bin == "990140000017" && o.Name == "Demo Bank JSC").Select(o => o.Id).SingleAsync());
        await SubmitAsync(owner, await Browser.Get(owner, $"/organisations/{bank}"), "form[action*='handler=Invite']", [new("email", "refuse-me@example.kz"), new("role", "editor")]);

        OutboxMessage? message = null;
        for (var i = 0; i < 100 && message?.Status != OutboxStatus.Dead; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            message = await Db(factory, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "refuse-me@example.kz"));
        }

        Assert.Equal((OutboxStatus.Dead, 1), (message!.Status, message.Attempts));
        Assert.StartsWith("550", message.LastError, StringComparison.Ordinal);
        Assert.Equal("{}", message.ValuesJson);
    }
}
