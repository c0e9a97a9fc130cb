using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Senim.Web.Infrastructure.Auth;

/// <summary>
/// A browser's device cookie (OWASP's defence against account lockout): after a successful sign-in the browser keeps an
/// encrypted cookie naming the accounts that signed in on it. When floods of wrong passwords slow down an account for
/// everyone else, a browser that vouches for it keeps its own, separate count, so its owner still gets in.
/// The cookie holds a random device id and hashes of the accounts, never an address.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "senim-device";
    private const int MaxAccounts = 5;

    private readonly IDataProtector _protector = protection.CreateProtector("Senim.SignIn.Device.v1");

    /// <summary>The device's id when its cookie vouches for the account (it signed in here before), else null.</summary>
    public string? Trusted(HttpContext context, string account)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Read(context) is { } device && device.Accounts.Contains(Hash(account)) ? device.Id : null;
    }

    /// <summary>Adds the account to the browser's cookie (a new one when it has none), for a year.</summary>
    public void Remember(HttpContext context, string account)
    {
        ArgumentNullException.ThrowIfNull(context);
        var device = Read(context) ?? new Device(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), []);
        var hash = Hash(account);
        var accounts = device.Accounts.Where(a => a != hash).Prepend(hash).Take(MaxAccounts);
        context.Response.Cookies.Append(CookieName, _protector.Protect(device.Id + "|" + string.Join(',', accounts)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
            Expires = time.GetUtcNow().AddDays(365),
        });
    }

    private Device? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value) || value.Length > 2048)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|', 2);
            return parts.Length == 2 ? new Device(parts[0], [.. parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)]) : null;
        }
        catch (CryptographicException)
        {
            // A cookie from another installation, or tampered with: as if there were none.
            return null;
        }
    }

    private static string Hash(string account) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("senim-device:" + account)), 0, 16);

    private sealed record Device(string Id, IReadOnlyList<string> Accounts);
}
