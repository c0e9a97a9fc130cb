namespace Senim.Web.Features.Account;

/// <summary>"Forgot the password": the answer is the same whether the address has an account or not.</summary>
[AllowAnonymous]
[EnableRateLimiting(SenimApp.SignInRateLimit)]
public sealed class ForgotPasswordModel(AccountEmailService emails) : RegistryPage
{
    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() =>
        SubmitAsync(() => emails.RequestPasswordResetAsync(Email, HttpContext.RequestAborted), "account.forgot.sent", "/Account/SignIn");
}
