using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Mail;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Accounts;

/// <summary>Confirmation at sign-up and password reset by e-mail.</summary>
public sealed class AccountEmailTests
{
    private static Task<T> Emails<T>(TestRegistry registry, Func<AccountEmailService, Task<T>> action) =>
        registry.RunAsync(sp => action(sp.GetRequiredService<AccountEmailService>()));

    private static async Task<(Guid User, string Code)> LastLinkAsync(TestRegistry registry, string template)
    {
        var message = await registry.Db(db => db.OutboxMessages.Where(m => m.Template == template).OrderByDescending(m => m.CreatedAt).FirstAsync());
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(message.ValuesJson)!;
        return (Guid.Parse(values["user"]), values["code"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Sign_up_stores_the_account_with_its_confirmation_mail_and_the_link_confirms_it(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var user = await registry.RunAsync(sp => sp.GetRequiredService<AccountService>().SignUpAsync(new SignUpInput("Dana", "dana@пример.қаз", "Long-password-1", "Long-password-1", "ru")));

        Assert.False(user.EmailConfirmed);
        Assert.Equal("dana@пример.қаз", user.Email);
        var mail = Assert.Single(await registry.Db(db => db.OutboxMessages.ToListAsync()));
        Assert.Equal((MailTemplates.ConfirmEmail, "ru", (Guid?)user.Id), (mail.Template, mail.Language, mail.UserId));
        var (id, code) = await LastLinkAsync(registry, MailTemplates.ConfirmEmail);

        await Assert.ThrowsAsync<RuleException>(() => Emails(registry, s => s.ConfirmAsync(id, code + "x")));
        await Assert.ThrowsAsync<RuleException>(() => Emails(registry, s => s.ConfirmAsync(Guid.NewGuid(), code)));
        Assert.False((await registry.ActorAsync(id)).EmailConfirmed);
        await Emails(registry, s => s.ConfirmAsync(id, code));
        Assert.True((await registry.ActorAsync(id)).EmailConfirmed);
        await Emails(registry, s => s.ConfirmAsync(id, code));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Send_again_waits_a_minute_between_mails_and_stops_after_five_a_day(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var user = await registry.UserAsync("fresh@example.kz", confirmed: false);

        await Emails(registry, async s => { await s.SendConfirmationAgainAsync(user); return 0; });
        Assert.Equal("mail-wait", (await Assert.ThrowsAsync<RuleException>(() => Emails(registry, async s => { await s.SendConfirmationAgainAsync(user); return 0; }))).Key);
        for (var i = 1; i < AccountEmailService.MaxPerDay; i++)
        {
            registry.Time.Advance(TimeSpan.FromMinutes(2));
            await Emails(registry, async s => { await s.SendConfirmationAgainAsync(user); return 0; });
        }

        registry.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("mail-daily-limit", (await Assert.ThrowsAsync<RuleException>(() => Emails(registry, async s => { await s.SendConfirmationAgainAsync(user); return 0; }))).Key);
        Assert.Equal(AccountEmailService.MaxPerDay, await registry.Db(db => db.OutboxMessages.CountAsync()));

        var confirmed = await registry.UserAsync("confirmed@example.kz");
        Assert.Equal("email-already-confirmed", (await Assert.ThrowsAsync<RuleException>(() => Emails(registry, async s => { await s.SendConfirmationAgainAsync(confirmed); return 0; }))).Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_reset_link_works_once_and_an_unknown_address_gets_nothing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var user = await registry.UserAsync("dana@example.kz", confirmed: false);

        await Emails(registry, async s => { await s.RequestPasswordResetAsync("nobody@example.kz"); return 0; });
        Assert.Empty(await registry.Db(db => db.OutboxMessages.ToListAsync()));
        await Assert.ThrowsAsync<ValidationException>(() => Emails(registry, async s => { await s.RequestPasswordResetAsync("dana\u202E@example.kz"); return 0; }));

        await Emails(registry, async s => { await s.RequestPasswordResetAsync("DANA@example.kz"); return 0; });
        var (id, code) = await LastLinkAsync(registry, MailTemplates.PasswordReset);
        Assert.Equal(user.UserId, id);

        var mismatch = await Assert.ThrowsAsync<ValidationException>(() => Emails(registry, s => s.ResetPasswordAsync(id, code, "New-password-22", "Other-password-22")));
        Assert.Equal("confirm_password", Assert.Single(mismatch.Errors).Field);
        var weak = await Assert.ThrowsAsync<ValidationException>(() => Emails(registry, s => s.ResetPasswordAsync(id, code, "short", "short")));
        Assert.Equal("password-too-short", weak.Errors[0].Key);

        await Emails(registry, s => s.ResetPasswordAsync(id, code, "New-password-22", "New-password-22"));
        var again = await Assert.ThrowsAsync<RuleException>(() => Emails(registry, s => s.ResetPasswordAsync(id, code, "Third-password-33", "Third-password-33")));
        Assert.Equal("reset-link-invalid", again.Key);
        var check = await registry.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<SenimUser>>();
            var stored = await users.FindByIdAsync(id.ToString());
            return (await users.CheckPasswordAsync(stored!, "New-password-22"), stored!.EmailConfirmed);
        });
        Assert.Equal((true, true), check);

        // A second request within a minute sends nothing more, and says nothing different.
        await Emails(registry, async s => { await s.RequestPasswordResetAsync("dana@example.kz"); return 0; });
        await Emails(registry, async s => { await s.RequestPasswordResetAsync("dana@example.kz"); return 0; });
        Assert.Equal(1, await registry.Db(db => db.OutboxMessages.CountAsync(m => m.Template == MailTemplates.PasswordReset)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Mail_choices_keep_only_known_kinds_and_a_read_token_cannot_change_them(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var user = await registry.UserAsync("chooser@example.kz");

        await Emails(registry, async s => { await s.SetMailOffAsync(user, [NotificationKinds.LawUpdate, NotificationKinds.LawUpdate]); return 0; });
        Assert.Equal([NotificationKinds.LawUpdate], await Emails(registry, async s => (await s.MailOffAsync(user)).ToList()));
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => Emails(registry, async s => { await s.SetMailOffAsync(user, ["notification.everything"]); return 0; }));
        Assert.Equal(("notifications", "notification-kind-unknown"), (unknown.Errors[0].Field, unknown.Errors[0].Key));
        var reader = new Actor(user.UserId, user.Name, [], user.Memberships, [Scopes.Read]);
        await Assert.ThrowsAsync<ForbiddenException>(() => Emails(registry, async s => { await s.SetMailOffAsync(reader, []); return 0; }));
        Assert.Equal([NotificationKinds.LawUpdate], await Emails(registry, async s => (await s.MailOffAsync(user)).ToList()));
    }
}
