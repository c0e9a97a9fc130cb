using Microsoft.AspNetCore.Identity;

namespace Senim.Web.Features.Account;

/// <summary>Sign-up: display name, e-mail, password twice and a preferred language; then signed in and sent home.</summary>
[AllowAnonymous]
[EnableRateLimiting(SenimApp.SignUpRateLimit)]
public sealed class SignUpModel(AccountService accounts, SignInManager<SenimUser> signIn) : RegistryPage
{
    [BindProperty(Name = "display_name")]
    public string? DisplayName { get; set; }

    [BindProperty(Name = "email", SupportsGet = true)]
    public string? Email { get; set; }

    /// <summary>Where to go after signing up (an invitation's page, which also fills in the address).</summary>
    [BindProperty(Name = "returnUrl", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "confirm_password")]
    public string? ConfirmPassword { get; set; }

    [BindProperty(Name = "language")]
    public string? Language { get; set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return Redirect(SignInTarget.Of(Url, ReturnUrl));
        }

        Language = Lang.Code();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        SenimUser user;
        try
        {
            user = await accounts.SignUpAsync(new SignUpInput(DisplayName, Email, Password, ConfirmPassword, Language), HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        var language = Languages.TryParse(user.PreferredLanguage, out var chosen) ? chosen : Lang;
        RequestLanguage.Set(Response, language);
        Notice = Texts.Format("account.sign-up.done", language, user.DisplayName) + " " + Texts.Format("account.sign-up.confirm", language, user.Email ?? "");
        return Redirect(SignInTarget.Of(Url, ReturnUrl));
    }
}
