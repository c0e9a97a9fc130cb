using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Senim.Web.Features.Account;

/// <summary>
/// Two-factor authentication with an authenticator app (TOTP): show the shared key and its QR code,
/// verify a code, then show ten recovery codes once. Turning it off, or getting new recovery codes,
/// needs a current code.
/// </summary>
[Authorize]
[EnableRateLimiting(SenimApp.TwoFactorRateLimit)]
public sealed class TwoFactorModel(UserManager<SenimUser> users, SignInManager<SenimUser> signIn) : RegistryPage
{
    public const int RecoveryCodeCount = 10;

    [BindProperty(Name = "code")]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    public string? SharedKey { get; private set; }

    public string? QrCode { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they are made; never stored in clear.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Forbid();
        }

        if (Enabled)
        {
            return RedirectToPage("/Account/TwoFactor");
        }

        if (!await VerifyAsync(user, allowRecovery: false))
        {
            return WrongCode();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(user);
        await LoadAsync();
        return ShowCodes("account.two-factor.enabled");
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Forbid();
        }

        if (!Enabled)
        {
            return RedirectToPage("/Account/TwoFactor");
        }

        if (!await VerifyAsync(user, allowRecovery: true))
        {
            return WrongCode();
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
        var user = await LoadAsync();
        if (user is null)
        {
            return Forbid();
        }

        if (!Enabled)
        {
            return RedirectToPage("/Account/TwoFactor");
        }

        if (!await VerifyAsync(user, allowRecovery: false))
        {
            return WrongCode();
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
        if (TwoFactorCodes.IsAuthenticatorCode(code))
        {
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        }

        return allowRecovery && code.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, TwoFactorCodes.RecoveryFormat(code))).Succeeded;
    }

    private PageResult WrongCode()
    {
        FieldErrors["code"] = Texts.Get("account.two-factor.wrong-code", Lang);
        SetProblem(Texts.Get("account.two-factor.wrong-code", Lang));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
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

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // Resetting the key changes the security stamp: renew this session's cookie so it stays valid.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = key;
        var account = user.Email ?? user.UserName ?? "user";
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Senim:" + account)}?secret={key}&issuer=Senim&digits=6&period=30";
        QrCode = QrSvg.Render(uri, Texts.Get("account.two-factor.qr-label", Lang));
        return user;
    }
}
