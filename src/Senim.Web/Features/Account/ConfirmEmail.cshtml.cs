namespace Senim.Web.Features.Account;

/// <summary>The link of the confirmation mail (GET with user and code), and "send again" for a signed-in account (POST, limited).</summary>
[AllowAnonymous]
[EnableRateLimiting(SenimApp.SignInRateLimit)]
public sealed class ConfirmEmailModel(AccountEmailService emails) : RegistryPage
{
    public bool Confirmed { get; private set; }

    public bool CanResend { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? user, string? code)
    {
        var me = await ActorAsync();
        CanResend = me.IsAuthenticated && !me.EmailConfirmed;
        if (user is null && code is null)
        {
            Confirmed = me.IsAuthenticated && me.EmailConfirmed;
            return Page();
        }

        try
        {
            await emails.ConfirmAsync(user ?? Guid.Empty, code);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        if (me.UserId == user)
        {
            // This request's layout already read the account as unconfirmed: show the result on a fresh page.
            return RedirectToPage("/Account/ConfirmEmail");
        }

        Confirmed = true;
        CanResend = false;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var me = await ActorAsync();
        if (!me.IsAuthenticated)
        {
            return Challenge();
        }

        CanResend = !me.EmailConfirmed;
        return await SubmitAsync(() => emails.SendConfirmationAgainAsync(me, HttpContext.RequestAborted), "account.confirm.sent", "/Account/ConfirmEmail");
    }
}
