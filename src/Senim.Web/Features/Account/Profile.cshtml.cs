using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Senim.Web.Features.Account;

/// <summary>The profile: display name and preferred language, with the account's roles, organisations, 2FA and tokens.</summary>
[Authorize]
public sealed class ProfileModel(AccountService accounts, OrganisationService organisations, SignInManager<SenimUser> signIn) : RegistryPage
{
    [BindProperty(Name = "display_name")]
    public string? DisplayName { get; set; }

    [BindProperty(Name = "language")]
    public string? Language { get; set; }

    public SenimUser Account { get; private set; } = null!;

    public Actor Me { get; private set; } = null!;

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        DisplayName = Account.DisplayName;
        Language = Account.PreferredLanguage;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        SenimUser user;
        try
        {
            user = await accounts.UpdateProfileAsync(Me, DisplayName, Language);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        await signIn.RefreshSignInAsync(user);
        var language = Languages.TryParse(user.PreferredLanguage, out var chosen) ? chosen : Lang;
        RequestLanguage.Set(Response, language);
        Notice = Texts.Get("account.profile.saved", language);
        return RedirectToPage("/Account/Profile");
    }

    private async Task LoadAsync()
    {
        Me = await ActorAsync();
        Account = await accounts.GetAsync(Me);
        Organisations = await organisations.ListAsync(Me, cancellationToken: HttpContext.RequestAborted);
    }
}
