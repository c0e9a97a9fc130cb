using Microsoft.AspNetCore.Identity;

namespace Senim.Registry;

/// <summary>
/// The account policy of the register, the same wherever accounts are made or checked (the web host,
/// the CLI, tests): unique e-mail addresses, passwords of at least ten characters, and the lock after
/// repeated wrong passwords.
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
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.SignIn.RequireConfirmedAccount = false;
    }
}
