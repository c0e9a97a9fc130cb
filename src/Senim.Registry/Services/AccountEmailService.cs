using Microsoft.AspNetCore.Identity;
using Senim.Registry.Mail;

namespace Senim.Registry.Services;

/// <summary>
/// What accounts do by e-mail: the confirmation of the address at sign-up (and again on request, a few times a day),
/// and password reset. Links carry ASP.NET Core Identity tokens (<see cref="RegistryIdentity.AddSenimTokenProviders"/>):
/// a reset link expires after two hours and works once (the new password changes the account's security stamp).
/// Asking for a reset never tells whether the address has an account.
/// </summary>
public sealed class AccountEmailService(UserManager<SenimUser> users, RegistryDb db, MailOutbox mail, TimeProvider time)
{
    /// <summary>The shortest wait between two confirmation or reset mails to one account or address.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>At most this many confirmation or reset mails to one account or address in a day.</summary>
    public const int MaxPerDay = 5;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Stages the confirmation mail of a new account; the caller's SaveChanges stores it with the account.</summary>
    internal async Task StageConfirmationAsync(SenimUser user)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        mail.Stage(MailTemplates.ConfirmEmail, user.Id, user.Email!, user.DisplayName, user.PreferredLanguage, Values(user, code));
    }

    /// <summary>"Send again": a new confirmation mail, at most once a minute and <see cref="MaxPerDay"/> a day.</summary>
    public async Task SendConfirmationAgainAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAuthenticated || actor.IsSystem || actor.IsToken)
        {
            throw new ForbiddenException("session-only", "Change your account from a signed-in browser session, not with an API token.");
        }

        var user = await users.FindByIdAsync(actor.UserId.ToString()) ?? throw new NotFoundException("user", actor.UserId);
        if (user.EmailConfirmed)
        {
            throw new RuleException("email-already-confirmed", "Your e-mail address is already confirmed.");
        }

        if (await LimitedAsync(MailTemplates.ConfirmEmail, user.Id, null, cancellationToken) is { } wait)
        {
            throw wait > Interval
                ? new RuleException("mail-daily-limit", "{0} confirmation mails were sent today; look for them in your mailbox (and its spam folder), or try again tomorrow.", MaxPerDay)
                : new RuleException("mail-wait", "A confirmation mail was sent a moment ago; look in your mailbox (and its spam folder), or try again in a minute.");
        }

        await StageConfirmationAsync(user);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Confirms the address of the link; a wrong, expired or stale link is refused (nothing changes).</summary>
    public async Task<SenimUser> ConfirmAsync(Guid userId, string? code)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || string.IsNullOrEmpty(code) || code.Length > 2000)
        {
            throw new RuleException("confirm-link-invalid", "This confirmation link is not valid (it may be incomplete or too old): have a new one sent from your home page.");
        }

        if (user.EmailConfirmed)
        {
            return user;
        }

        var result = await users.ConfirmEmailAsync(user, code);
        return result.Succeeded ? user
            : throw new RuleException("confirm-link-invalid", "This confirmation link is not valid (it may be incomplete or too old): have a new one sent from your home page.");
    }

    /// <summary>
    /// "Forgot the password": mails a reset link when the address has an account, and does nothing otherwise; the
    /// caller says the same either way. A malformed address is refused (that reveals nothing). Limited per address.
    /// </summary>
    public async Task RequestPasswordResetAsync(string? email, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var address = EmailAddresses.Check(email, errors);
        errors.ThrowIfAny();
        var user = await users.FindByEmailAsync(address!);
        if (user?.Email is null || await LimitedAsync(MailTemplates.PasswordReset, null, user.Email, cancellationToken) is not null)
        {
            return;
        }

        var code = await users.GeneratePasswordResetTokenAsync(user);
        mail.Stage(MailTemplates.PasswordReset, user.Id, user.Email, user.DisplayName, user.PreferredLanguage, Values(user, code));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Sets a new password from a reset link. The link works once and for two hours; the new password must pass the
    /// account policy. The address counts as confirmed (the link came to it), and the account's other sessions end.
    /// </summary>
    public async Task<SenimUser> ResetPasswordAsync(Guid userId, string? code, string? password, string? confirmPassword)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "required", "is required");
        }
        else if (password.Length > 200)
        {
            errors.Add("password", "too-long", "is {0} characters long; at most {1} are allowed", password.Length, 200);
        }
        else if (password != confirmPassword)
        {
            errors.Add("confirm_password", "password-mismatch", "the two passwords differ");
        }

        errors.ThrowIfAny();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || string.IsNullOrEmpty(code) || code.Length > 2000
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<SenimUser>.ResetPasswordTokenPurpose, code))
        {
            throw new RuleException("reset-link-invalid", "This link to set a new password has been used already or is too old: ask for a new one.");
        }

        foreach (var validator in users.PasswordValidators)
        {
            AccountService.AddIdentityErrors(errors, await validator.ValidateAsync(users, user, password), users.Options);
        }

        errors.ThrowIfAny();
        user.EmailConfirmed = true;
        var result = await users.ResetPasswordAsync(user, code, password!);
        if (!result.Succeeded)
        {
            throw new RuleException("reset-link-invalid", "This link to set a new password has been used already or is too old: ask for a new one.");
        }

        return user;
    }

    /// <summary>The notification kinds the person does not want by e-mail.</summary>
    public async Task<IReadOnlySet<string>> MailOffAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return (await db.MailOptOuts.AsNoTracking().Where(o => o.UserId == actor.UserId).Select(o => o.Kind).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Sets which notification kinds are e-mailed to the person (the rest are only shown in Senim).</summary>
    public async Task SetMailOffAsync(Actor actor, IEnumerable<string> off, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(off);
        if (!actor.IsAuthenticated || actor.IsSystem || !actor.Allows(Scopes.Write))
        {
            throw new ForbiddenException("session-only", "Change your account from a signed-in browser session, not with an API token.");
        }

        var kinds = off.Distinct(StringComparer.Ordinal).ToList();
        var unknown = kinds.FirstOrDefault(k => !NotificationKinds.All.Contains(k));
        if (unknown is not null)
        {
            var errors = new FieldErrors();
            errors.Add("notifications", "notification-kind-unknown", "{0} is not a kind of notification", unknown);
            errors.ThrowIfAny();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.MailOptOuts.Where(o => o.UserId == actor.UserId).ExecuteDeleteAsync(cancellationToken);
        db.MailOptOuts.AddRange(kinds.Select(k => new MailOptOut { UserId = actor.UserId, Kind = k }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<TimeSpan?> LimitedAsync(string template, Guid? userId, string? address, CancellationToken cancellationToken)
    {
        var now = Now;
        if (await mail.CountSinceAsync(template, userId, address, now - Interval, cancellationToken) > 0)
        {
            return Interval;
        }

        return await mail.CountSinceAsync(template, userId, address, now.AddDays(-1), cancellationToken) >= MaxPerDay ? TimeSpan.FromDays(1) : null;
    }

    private static Dictionary<string, string> Values(SenimUser user, string code) => new(StringComparer.Ordinal)
    {
        [MailTemplates.Values.User] = user.Id.ToString(),
        [MailTemplates.Values.Code] = code,
    };
}
