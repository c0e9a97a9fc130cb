using Microsoft.AspNetCore.Identity;

namespace Senim.Registry;

/// <summary>
/// The account policy of the register, the same wherever accounts are made or checked (the web host,
/// the CLI, tests): unique e-mail addresses, passwords of at least ten characters, and no lock after
/// wrong passwords or codes (a stranger could otherwise lock anyone out): the web host slows down the
/// attempts instead, and only an administrator locks an account.
/// </summary>
public static class RegistryIdentity
{
    public const int MinPasswordLength = 10;

    public static void Configure(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = MinPasswordLength;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        // Identity counts wrong two-factor codes even without lockoutOnFailure: the count never reaches a lock.
        options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
        options.Lockout.AllowedForNewUsers = true;
        options.SignIn.RequireConfirmedAccount = false;
    }
}
