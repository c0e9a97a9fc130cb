namespace Senim.Web.Infrastructure.Auth;

/// <summary>One sign-in attempt as the throttle sees it: the account, the client, the device that vouches for the account (or null), and the wait before it may be looked at.</summary>
public sealed record SignInAttempt(string Account, string Client, string? Device, TimeSpan Wait)
{
    public bool MustWait => Wait > TimeSpan.Zero;
}

/// <summary>
/// Wrong passwords slow down whoever sends them, never lock the account (issue 11, item 5): each failure counts for the
/// account from this client (free 5, then 1 s doubling to 15 min), for the client across accounts (free 20), and for the
/// account from all clients that do not vouch for it (free 20, then 1 s doubling to a minute: a flood from many
/// addresses). A browser whose device cookie vouches for the account (<see cref="DeviceCookies"/>) is counted on its
/// own and skips the account-wide wait, so its owner gets in during a flood. API tokens and sessions are untouched;
/// an administrator's lock is Identity's, as before. The counts live in each node's memory.
/// </summary>
public sealed class SignInThrottle(AttemptThrottle throttle, DeviceCookies devices)
{
    public static readonly ThrottleRule AccountFromClient = new("sign-in:account+client", 5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));
    public static readonly ThrottleRule Client = new("sign-in:client", 20, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));
    public static readonly ThrottleRule Account = new("sign-in:account", 20, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
    public static readonly ThrottleRule AccountFromDevice = new("sign-in:account+device", 5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));

    /// <summary>Wrong codes at the second step of signing in, per user (the password was right).</summary>
    public static readonly ThrottleRule SecondStep = new("two-factor-sign-in:user", 5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));

    /// <summary>Wrong codes on the two-factor settings page, per user.</summary>
    public static readonly ThrottleRule Settings = new("two-factor-settings:user", 5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));

    /// <summary>The attempt to sign in to <paramref name="email"/> from this request, with the wait it must respect.</summary>
    public SignInAttempt Begin(HttpContext context, string email)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(email);
        var account = email.Trim().ToUpperInvariant();
        var client = ClientAddress.Key(context);
        var device = devices.Trusted(context, account);
        var wait = device is not null
            ? throttle.Wait(AccountFromDevice, account + "\n" + device)
            : Longest(throttle.Wait(AccountFromClient, account + "\n" + client), throttle.Wait(Client, client), throttle.Wait(Account, account));
        return new SignInAttempt(account, client, device, wait);
    }

    /// <summary>A wrong password.</summary>
    public void Failed(SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Device is { } device)
        {
            throttle.Failed(AccountFromDevice, attempt.Account + "\n" + device);
            return;
        }

        throttle.Failed(AccountFromClient, attempt.Account + "\n" + attempt.Client);
        throttle.Failed(Client, attempt.Client);
        throttle.Failed(Account, attempt.Account);
    }

    /// <summary>The right password: this client's (or device's) count for the account starts again.</summary>
    public void PasswordAccepted(SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        throttle.Succeeded(AccountFromClient, attempt.Account + "\n" + attempt.Client);
        if (attempt.Device is { } device)
        {
            throttle.Succeeded(AccountFromDevice, attempt.Account + "\n" + device);
        }
    }

    /// <summary>Signed in: the browser's device cookie vouches for the account from now on.</summary>
    public void SignedIn(HttpContext context, string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        devices.Remember(context, email.Trim().ToUpperInvariant());
    }

    /// <summary>The wait before a code of <paramref name="rule"/> from this user is looked at.</summary>
    public TimeSpan CodeWait(ThrottleRule rule, Guid userId) => throttle.Wait(rule, userId.ToString("N", CultureInfo.InvariantCulture));

    public void CodeFailed(ThrottleRule rule, Guid userId) => throttle.Failed(rule, userId.ToString("N", CultureInfo.InvariantCulture));

    public void CodeAccepted(ThrottleRule rule, Guid userId) => throttle.Succeeded(rule, userId.ToString("N", CultureInfo.InvariantCulture));

    private static TimeSpan Longest(params TimeSpan[] waits) => waits.Max();
}
