namespace Senim.Web.Features.Invitations;

/// <summary>
/// The invitation's link: who invites, to which organisation, in which role; accept (signed in with the invited
/// address, or after creating the account from here) or decline (with or without an account).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SenimApp.SignInRateLimit)]
public sealed class AnswerModel(InvitationService invitations) : RegistryPage
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty(Name = "token", SupportsGet = true)]
    public string? Token { get; set; }

    public InvitationView? View { get; private set; }

    public bool SignedIn { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync() => AnswerAsync(async actor =>
    {
        var membership = await invitations.AcceptAsync(actor, Id, Token, HttpContext.RequestAborted);
        Notice = Texts.Format("invitations.accepted", Lang, View?.OrganisationName ?? "");
        return RedirectToPage("/Organisations/Details", new { id = membership.OrganisationId });
    });

    public Task<IActionResult> OnPostDeclineAsync() => AnswerAsync(async actor =>
    {
        await invitations.DeclineAsync(actor, Id, Token, HttpContext.RequestAborted);
        Notice = Texts.Format("invitations.declined", Lang, View?.OrganisationName ?? "");
        return RedirectToPage("/Home/Index");
    });

    private async Task<IActionResult> AnswerAsync(Func<Actor, Task<IActionResult>> answer)
    {
        try
        {
            await LoadAsync();
            return await answer(await ActorAsync());
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    private async Task LoadAsync()
    {
        SignedIn = (await ActorAsync()).IsAuthenticated;
        View = await invitations.OpenAsync(Id, Token, HttpContext.RequestAborted);
    }
}
