using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Senim.Registry.Data;

namespace Senim.Web.Infrastructure.Auth;

/// <summary>
/// Identity's user store with its tokens encrypted at rest: the authenticator (TOTP) key and the recovery codes are
/// kept in AspNetUserTokens as "dp1:" + Data Protection ciphertext, so the database alone does not give them away (the
/// Data Protection keys are themselves encrypted with a certificate kept outside the database, <see
/// cref="Hosting.KeyProtectionHosting"/>). A value stored in clear before this (without the prefix) is still read, and
/// encrypted when it is next written. The column keeps its shape: no migration.
/// </summary>
public sealed class ProtectedUserStore(RegistryDb context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<SenimUser, IdentityRole<Guid>, RegistryDb, Guid>(context, describer)
{
    /// <summary>The mark of an encrypted value.</summary>
    public const string Prefix = "dp1:";

    private readonly IDataProtector _protector = protection.CreateProtector("Senim.Identity.UserTokens.v1");

    public override Task SetTokenAsync(SenimUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, value is null ? null : Prefix + _protector.Protect(value), cancellationToken);

    public override async Task<string?> GetTokenAsync(SenimUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;
    }
}
