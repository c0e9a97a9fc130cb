using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Senim.Web.Features.Account;

/// <summary>
/// Sign-in with e-mail and password. Wrong passwords never lock the account: they slow down the next attempts from
/// where they came (<see cref="SignInThrottle"/>: 429 with the wait); only an administrator locks an account. The
/// page's posts are also rate-limited per client.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SenimApp.SignInRateLimit)]
public sealed class SignInModel(SignInManager<SenimUser> signIn, UserManager<SenimUser> users, LocalTime time, SignInThrottle throttle) : RegistryPage
{
    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "remember")]
    public bool Remember { get; set; }

    [BindProperty(Name = "returnUrl", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the return address names a form kept from the session that ended (<see cref="Infrastructure.Auth.KeptForms"/>).</summary>
    public bool KeptForm => ReturnUrl is { } url && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : "").ContainsKey(Infrastructure.Auth.KeptForms.Parameter);

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true && Request.Headers.Authorization.Count == 0)
        {
            return Redirect(SignInTarget.Of(Url, ReturnUrl));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            FieldErrors["email"] = Texts.Get("error.required", Lang);
        }

        if (string.IsNullOrEmpty(Password))
        {
            FieldErrors["password"] = Texts.Get("error.required", Lang);
        }

        if (FieldErrors.Count > 0)
        {
            return Failed("account.sign-in.missing", StatusCodes.Status400BadRequest);
        }

        var email = Email!.Trim();
        var attempt = throttle.Begin(HttpContext, email);
        if (attempt.MustWait)
        {
            // Not even looked at: the password is neither checked nor counted.
            return TooSoon(SignInTarget.Throttled(Texts, Lang, password: true, attempt.Wait), attempt.Wait);
        }

        var result = await signIn.PasswordSignInAsync(email, Password!, Remember, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.PasswordAccepted(attempt);
            throttle.SignedIn(HttpContext, email);
            return Redirect(SignInTarget.Of(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            throttle.PasswordAccepted(attempt);
            return RedirectToPage("/Account/TwoFactorSignIn", new { returnUrl = SignInTarget.Of(Url, ReturnUrl), remember = Remember ? "true" : "false" });
        }

        if (result.IsLockedOut)
        {
            SetProblem(SignInTarget.Locked(Texts, time, Lang, await users.FindByEmailAsync(email)));
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (result.IsNotAllowed)
        {
            return Failed("account.sign-in.not-allowed", StatusCodes.Status400BadRequest);
        }

        throttle.Failed(attempt);
        return Failed("account.sign-in.failed", StatusCodes.Status400BadRequest);
    }

    private PageResult Failed(string key, int status)
    {
        SetProblem(Texts.Get(key, Lang));
        Response.StatusCode = status;
        return Page();
    }
}
