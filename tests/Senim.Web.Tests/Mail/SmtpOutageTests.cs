using Microsoft.EntityFrameworkCore;
using Senim.Registry.Model;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Mail;

/// <summary>The SMTP server is down when the mail is written, and comes up later: the mail arrives, once.</summary>
public sealed class SmtpOutageTests(SmtpFactory factory) : IClassFixture<SmtpFactory>
{
    [Fact]
    public async Task Mail_written_while_the_server_is_down_is_retried_and_delivered_once_when_it_is_up()
    {
        var client = factory.CreateClient();
        var form = await Browser.Get(client, "/account/sign-up");
        await Browser.Submit(client, form, "", [new("display_name", "Outage"), new("email", "outage@example.kz"), new("password", "Long-password-1"), new("confirm_password", "Long-password-1"), new("language", "ru")]);

        // Tried and failed at least twice (a second apart), kept with the error.
        OutboxMessage? waiting = null;
        for (var i = 0; i < 100 && (waiting?.Attempts ?? 0) < 2; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            waiting = await Db(factory, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "outage@example.kz"));
        }

        Assert.Equal(OutboxStatus.Pending, waiting!.Status);
        Assert.True(waiting.Attempts >= 2, $"{waiting.Attempts} tries");
        Assert.Contains("cannot reach the mail server", waiting.LastError, StringComparison.Ordinal);
        Assert.Empty(Mailbox.All(factory.Smtp.Folder));

        await factory.Smtp.StartAsync();
        var mail = await Mailbox.WaitAsync(factory.Smtp.Folder, "outage@example.kz", "/account/confirm-email");
        Assert.Equal("Senim: подтвердите адрес электронной почты", mail.Subject);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var copies = Mailbox.All(factory.Smtp.Folder).Where(m => Mailbox.To(m, "outage@example.kz")).ToList();
        Assert.Single(copies);
        var sent = await Db(factory, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "outage@example.kz"));
        Assert.Equal((OutboxStatus.Sent, (string?)null), (sent.Status, sent.LastError));
        Assert.Equal($"{sent.Id:N}@senim.local", mail.MessageId);
        // The demo's notifications waited too, and went out once each.
        var ids = Mailbox.All(factory.Smtp.Folder).Select(m => m.MessageId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
