namespace Senim.Web.Features.Account;

/// <summary>The link of the reset mail: a new password, once, within two hours; then sign in with it.</summary>
[AllowAnonymous]
[EnableRateLimiting(SenimApp.SignInRateLimit)]
public sealed class ResetPasswordModel(AccountEmailService emails) : RegistryPage
{
    [BindProperty(Name = "user", SupportsGet = true)]
    public Guid? UserId { get; set; }

    [BindProperty(Name = "code", SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "confirm_password")]
    public string? ConfirmPassword { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() =>
        SubmitAsync(() => emails.ResetPasswordAsync(UserId ?? Guid.Empty, Code, Password, ConfirmPassword), "account.reset.done", "/Account/SignIn");
}
