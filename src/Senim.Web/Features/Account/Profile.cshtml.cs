using Microsoft.AspNetCore.Identity;

namespace Senim.Web.Features.Account;

/// <summary>The profile: display name and preferred language, with the account's roles, organisations, 2FA and tokens.</summary>
[Authorize]
public sealed class ProfileModel(AccountService accounts, OrganisationService organisations, AccountEmailService emails, SignInManager<SenimUser> signIn) : RegistryPage
{
    [BindProperty(Name = "display_name")]
    public string? DisplayName { get; set; }

    [BindProperty(Name = "language")]
    public string? Language { get; set; }

    public SenimUser Account { get; private set; } = null!;

    public Actor Me { get; private set; } = null!;

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    /// <summary>The notification kinds the person does not want by e-mail.</summary>
    public IReadOnlySet<string> MailOff { get; private set; } = new HashSet<string>();

    /// <summary>Saves which notifications are e-mailed: the ticked boxes (each a kind) are; the rest are not.</summary>
    public async Task<IActionResult> OnPostMailAsync(string[]? mail)
    {
        await LoadAsync();
        var on = (mail ?? []).ToHashSet(StringComparer.Ordinal);
        try
        {
            await emails.SetMailOffAsync(Me, NotificationKinds.All.Where(k => !on.Contains(k)), HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            DisplayName = Account.DisplayName;
            Language = Account.PreferredLanguage;
            return Refused(ex);
        }

        Notice = Texts.Get("account.mail.saved", Lang);
        return RedirectToPage("/Account/Profile", null, null, "mail");
    }

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
        MailOff = await emails.MailOffAsync(Me, HttpContext.RequestAborted);
    }
}
