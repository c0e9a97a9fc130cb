using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Senim.Web.Features.Account;

/// <summary>
/// Two-factor authentication with an authenticator app (TOTP): show a new shared key and its QR code, verify a code,
/// then show ten recovery codes once. Turning it off, or getting new recovery codes, needs a current code.
/// Showing the page changes nothing: the proposed key travels in the form, encrypted and bound to the person for an
/// hour, and is stored only with the first code posted for it. Wrong codes slow down the next ones (per person).
/// </summary>
[Authorize]
[EnableRateLimiting(SenimApp.TwoFactorRateLimit)]
public sealed class TwoFactorModel(UserManager<SenimUser> users, SignInManager<SenimUser> signIn, IUserStore<SenimUser> store, SignInThrottle throttle, IDataProtectionProvider protection) : RegistryPage
{
    public const int RecoveryCodeCount = 10;

    private const string SetupPurpose = "Senim.TwoFactor.ProposedKey.v1";

    [BindProperty(Name = "code")]
    public string? Code { get; set; }

    /// <summary>The proposed key, encrypted for this person (the hidden field of the set-up form).</summary>
    [BindProperty(Name = "setup")]
    public string? Setup { get; set; }

    public bool Enabled { get; private set; }

    public string? SharedKey { get; private set; }

    public string? QrCode { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they are made; never stored in clear.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Forbid();
        }

        if (!Enabled)
        {
            // A new key is proposed, not stored: looking at the page changes nothing (no key reset, no other session signed out).
            Propose(user, users.GenerateNewAuthenticatorKey());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var (user, refused) = await BeginAsync(enabled: false);
        if (user is null)
        {
            return refused!;
        }

        // The key the page proposed, from the form: stored now, with the code that proves the app has it.
        if (ProposedKey(user) is not { } proposed)
        {
            Propose(user, users.GenerateNewAuthenticatorKey());
            return CodeRefused("account.two-factor.setup-expired");
        }

        if (store is not IUserAuthenticatorKeyStore<SenimUser> keys)
        {
            throw new InvalidOperationException("the user store keeps no authenticator keys");
        }

        await keys.SetAuthenticatorKeyAsync(user, proposed, HttpContext.RequestAborted);
        await users.UpdateAsync(user);
        if (!await VerifyAsync(user, allowRecovery: false))
        {
            Propose(user, proposed);
            return WrongCode(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(user);
        await LoadAsync();
        return ShowCodes("account.two-factor.enabled");
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var (user, refused) = await BeginAsync(enabled: true);
        if (user is null)
        {
            return refused!;
        }

        if (!await VerifyAsync(user, allowRecovery: true))
        {
            return WrongCode(user);
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key next time: the old one may be on a lost phone.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        Notice = Texts.Get("account.two-factor.disabled", Lang);
        return RedirectToPage("/Account/TwoFactor");
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var (user, refused) = await BeginAsync(enabled: true);
        if (user is null)
        {
            return refused!;
        }

        if (!await VerifyAsync(user, allowRecovery: false))
        {
            return WrongCode(user);
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await LoadAsync();
        return ShowCodes("account.two-factor.new-codes");
    }

    private PageResult ShowCodes(string message)
    {
        SetNotice(message);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private void SetNotice(string key) => ViewData["Shown"] = Texts.Get(key, Lang);

    private async Task<bool> VerifyAsync(SenimUser user, bool allowRecovery)
    {
        var code = TwoFactorCodes.Normalize(Code);
        var right = TwoFactorCodes.IsAuthenticatorCode(code)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : allowRecovery && code.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, TwoFactorCodes.RecoveryFormat(code))).Succeeded;
        if (right)
        {
            throttle.CodeAccepted(SignInThrottle.Settings, user.Id);
        }

        return right;
    }

    /// <summary>The page with the wait when this person's wrong codes came too fast; null when the code may be looked at.</summary>
    private PageResult? TooSoon(SenimUser user)
    {
        var wait = throttle.CodeWait(SignInThrottle.Settings, user.Id);
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        if (!Enabled)
        {
            Propose(user, ProposedKey(user) ?? users.GenerateNewAuthenticatorKey());
        }

        return TooSoon(SignInTarget.Throttled(Texts, Lang, password: false, wait), wait);
    }

    private PageResult WrongCode(SenimUser user)
    {
        throttle.CodeFailed(SignInThrottle.Settings, user.Id);
        return CodeRefused("account.two-factor.wrong-code");
    }

    /// <summary>The page with the code refused: the message beside the field and at the top, and 400.</summary>
    private PageResult CodeRefused(string key)
    {
        FieldErrors["code"] = Texts.Get(key, Lang);
        SetProblem(FieldErrors["code"]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// The person a change of the set-up is for, when the form was made for the state two-factor is in now and a code may
    /// be tried; else the answer: 403 for an API token, the page again when the state changed meanwhile, or the wait.
    /// </summary>
    private async Task<(SenimUser? User, IActionResult? Refused)> BeginAsync(bool enabled)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return (null, Forbid());
        }

        if (Enabled != enabled)
        {
            return (null, RedirectToPage("/Account/TwoFactor"));
        }

        return TooSoon(user) is { } wait ? (null, wait) : (user, null);
    }

    /// <summary>The signed-in user (null when acting with an API token, which may not change sign-in settings).</summary>
    private async Task<SenimUser?> LoadAsync()
    {
        var actor = await ActorAsync();
        if (actor.IsToken)
        {
            return null;
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }

        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            SharedKey = null;
            QrCode = null;
            return user;
        }

        return user;
    }

    /// <summary>Shows <paramref name="key"/> with its QR code and carries it, encrypted for this person, in the set-up form.</summary>
    private void Propose(SenimUser user, string key)
    {
        SharedKey = key;
        Setup = Protector.Protect(user.Id.ToString("N") + "|" + key, TimeSpan.FromHours(1));
        var account = user.Email ?? user.UserName ?? "user";
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Senim:" + account)}?secret={key}&issuer=Senim&digits=6&period=30";
        QrCode = QrSvg.Render(uri, Texts.Get("account.two-factor.qr-label", Lang));
    }

    /// <summary>The key the set-up form carried, when it was proposed to this person within the hour; else null.</summary>
    private string? ProposedKey(SenimUser user)
    {
        if (string.IsNullOrEmpty(Setup) || Setup.Length > 1024)
        {
            return null;
        }

        try
        {
            var parts = Protector.Unprotect(Setup).Split('|', 2);
            return parts.Length == 2 && parts[0] == user.Id.ToString("N") && parts[1].Length is > 0 and <= 64 ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector => protection.CreateProtector(SetupPurpose).ToTimeLimitedDataProtector();
}
