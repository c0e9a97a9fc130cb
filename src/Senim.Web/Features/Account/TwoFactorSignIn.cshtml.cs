using Microsoft.AspNetCore.Identity;

namespace Senim.Web.Features.Account;

/// <summary>The second step of signing in when two-factor authentication is on: a code from the authenticator app, or a recovery code.</summary>
[AllowAnonymous]
[EnableRateLimiting(SenimApp.SignInRateLimit)]
public sealed class TwoFactorSignInModel(SignInManager<SenimUser> signIn, UserManager<SenimUser> users, LocalTime time, SignInThrottle throttle) : RegistryPage
{
    [BindProperty(Name = "code")]
    public string? Code { get; set; }

    [BindProperty(Name = "returnUrl", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(Name = "remember", SupportsGet = true)]
    public bool Remember { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/SignIn");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            Notice = Texts.Get("account.two-factor-sign-in.expired", Lang);
            return RedirectToPage("/Account/SignIn");
        }

        var code = TwoFactorCodes.Normalize(Code);
        if (code.Length == 0)
        {
            FieldErrors["code"] = Texts.Get("error.required", Lang);
            SetProblem(Texts.Get("account.two-factor-sign-in.missing", Lang));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Wrong codes slow down the next ones for this user (the password was right, so this is the account's owner or someone who has it).
        if (throttle.CodeWait(SignInThrottle.SecondStep, user.Id) is { } wait && wait > TimeSpan.Zero)
        {
            return TooSoon(SignInTarget.Throttled(Texts, Lang, password: false, wait), wait);
        }

        var recovery = !TwoFactorCodes.IsAuthenticatorCode(code);
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCodes.RecoveryFormat(code))
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, Remember, rememberClient: false);
        if (result.Succeeded)
        {
            throttle.CodeAccepted(SignInThrottle.SecondStep, user.Id);
            throttle.SignedIn(HttpContext, user.Email ?? user.UserName ?? "");
            if (recovery)
            {
                Notice = Texts.Format("account.two-factor-sign-in.recovery-used", Lang, await users.CountRecoveryCodesAsync(user));
            }

            return Redirect(SignInTarget.Of(Url, ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            SetProblem(SignInTarget.Locked(Texts, time, Lang, await users.FindByIdAsync(user.Id.ToString())));
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        throttle.CodeFailed(SignInThrottle.SecondStep, user.Id);
        FieldErrors["code"] = Texts.Get("account.two-factor-sign-in.wrong", Lang);
        SetProblem(Texts.Get("account.two-factor-sign-in.wrong", Lang));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
