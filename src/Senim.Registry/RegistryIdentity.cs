using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Senim.Registry;

/// <summary>
/// The account policy of the register, the same wherever accounts are made or checked (the web host,
/// the CLI, tests): unique e-mail addresses, passwords of at least twelve characters (OWASP ASVS 2.1.1; a shorter password set before stays valid until changed), and no lock after
/// wrong passwords or codes (a stranger could otherwise lock anyone out): the web host slows down the
/// attempts instead, and only an administrator locks an account.
/// </summary>
public static class RegistryIdentity
{
    public const int MinPasswordLength = 12;

    public static void Configure(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.User.RequireUniqueEmail = true;
        // The user name is the e-mail address, which EmailAddresses has checked (an international domain is in Unicode).
        options.User.AllowedUserNameCharacters = "";
        options.Password.RequiredLength = MinPasswordLength;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        // Identity counts wrong two-factor codes even without lockoutOnFailure: the count never reaches a lock.
        options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
        options.Lockout.AllowedForNewUsers = true;
        options.SignIn.RequireConfirmedAccount = false;
        options.Tokens.EmailConfirmationTokenProvider = EmailConfirmationTokens.ProviderName;
    }

    /// <summary>How long a password-reset link works.</summary>
    public static readonly TimeSpan ResetLinkLifetime = TimeSpan.FromHours(2);

    /// <summary>How long an e-mail confirmation link works (a new one can be sent from the home page).</summary>
    public static readonly TimeSpan ConfirmationLinkLifetime = TimeSpan.FromDays(3);

    /// <summary>
    /// The token providers of the register's links: Identity's defaults (password reset, two-factor) with reset links
    /// valid for <see cref="ResetLinkLifetime"/>, and a provider of its own for e-mail confirmation, valid for
    /// <see cref="ConfirmationLinkLifetime"/>. Both tokens carry the account's security stamp, so a new password
    /// makes every earlier link useless.
    /// </summary>
    public static IdentityBuilder AddSenimTokenProviders(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddDefaultTokenProviders();
        builder.AddTokenProvider<EmailConfirmationTokens>(EmailConfirmationTokens.ProviderName);
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = ResetLinkLifetime);
        builder.Services.Configure<EmailConfirmationTokenOptions>(o =>
        {
            o.Name = EmailConfirmationTokens.ProviderName;
            o.TokenLifespan = ConfirmationLinkLifetime;
        });
        return builder;
    }
}

/// <summary>Options of <see cref="EmailConfirmationTokens"/>: their own lifetime, apart from reset links.</summary>
public sealed class EmailConfirmationTokenOptions : DataProtectionTokenProviderOptions;

/// <summary>E-mail confirmation links: Identity's data-protected tokens with a lifetime of their own.</summary>
public sealed class EmailConfirmationTokens(IDataProtectionProvider protection, IOptions<EmailConfirmationTokenOptions> options, ILogger<DataProtectorTokenProvider<SenimUser>> logger)
    : DataProtectorTokenProvider<SenimUser>(protection, options, logger)
{
    public const string ProviderName = "senim-email";
}
