namespace Senim.Web.Features.Account;

/// <summary>Where to go after signing in, and how to say that an account is locked.</summary>
internal static class SignInTarget
{
    /// <summary>The return URL when it stays on this site, else the home page.</summary>
    public static string Of(IUrlHelper url, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Back to a sign-in, sign-up or sign-out page would go round in a circle: those go home instead.
        string[] circle = [url.Page("/Account/SignIn")!, url.Page("/Account/SignUp")!, url.Page("/Account/SignOut")!];
        return !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) && !circle.Any(p => returnUrl.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            ? returnUrl
            : url.Page("/Dashboard/Home")!;
    }

    /// <summary>The message for an attempt that must wait: wrong passwords or wrong codes, in seconds up to two minutes, else minutes.</summary>
    public static string Throttled(UiText texts, Senim.Law.Texts.Language language, bool password, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var seconds = RetryAfter.Seconds(wait);
        return (password, seconds <= 120) switch
        {
            (true, true) => texts.Format("account.throttled.password.seconds", language, seconds),
            (true, false) => texts.Format("account.throttled.password.minutes", language, (seconds + 59) / 60),
            (false, true) => texts.Format("account.throttled.code.seconds", language, seconds),
            (false, false) => texts.Format("account.throttled.code.minutes", language, (seconds + 59) / 60),
        };
    }

    /// <summary>The message for a locked account: until when (on the reader's clock), or that an admin locked it.</summary>
    public static string Locked(UiText texts, LocalTime time, Senim.Law.Texts.Language language, SenimUser? user)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(time);
        if (user?.LockoutEnd is { } end && end.UtcDateTime >= UserAdminService.AdminLock)
        {
            return texts.Get("account.sign-in.locked-by-admin", language);
        }

        var until = user?.LockoutEnd is { } lockoutEnd ? time.Format(lockoutEnd.UtcDateTime) : "?";
        return texts.Format("account.sign-in.locked", language, until);
    }
}
