using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Senim.Web.Features.Account;

/// <summary>Signing out happens only on POST (a link cannot sign anyone out); GET shows the button.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<SenimUser> signIn) : RegistryPage
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Notice = Texts.Get("account.sign-out.done", Lang);
        return RedirectToPage("/Home/Index");
    }
}
