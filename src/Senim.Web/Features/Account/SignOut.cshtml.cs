using Microsoft.AspNetCore.Identity;

namespace Senim.Web.Features.Account;

/// <summary>
/// Signing out happens only on POST (a link cannot sign anyone out); GET shows the button. It ends the session on the
/// server too: the security stamp changes, so a copy of the cookie (and the person's other sessions) stop working at
/// their next stamp check, within a minute.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<SenimUser> signIn, UserManager<SenimUser> users) : RegistryPage
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme && await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        Notice = Texts.Get("account.sign-out.done", Lang);
        return RedirectToPage("/Home/Index");
    }
}
