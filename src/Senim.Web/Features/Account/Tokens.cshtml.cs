namespace Senim.Web.Features.Account;

/// <summary>
/// Personal API tokens: list, create (the token is shown once; only the scopes the person's roles can use are
/// offered), revoke (after a confirmation step that works without JavaScript: ?revoke=ID, then a form with confirm=yes).
/// </summary>
[Authorize]
public sealed class TokensModel(TokenService tokens, OrganisationService organisations, TimeProvider time) : RegistryPage
{
    public const int DefaultDays = 90;

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "scopes")]
    public List<string> ChosenScopes { get; set; } = [];

    [BindProperty(Name = "organisation")]
    public string? Organisation { get; set; }

    [BindProperty(Name = "days")]
    public string? Days { get; set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    /// <summary>The token just created, in clear: on this response only.</summary>
    public string? Created { get; private set; }

    public ApiToken? CreatedToken { get; private set; }

    /// <summary>The scopes this person's roles can use: the only ones the form offers.</summary>
    public IReadOnlyList<string> OfferedScopes { get; private set; } = [];

    /// <summary>The active token the person asked to revoke: the page asks to confirm first.</summary>
    public ApiToken? ToRevoke { get; private set; }

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(Guid? revoke)
    {
        await LoadAsync();
        Days = DefaultDays.ToString(CultureInfo.InvariantCulture);
        ChosenScopes = [Scopes.Read];
        ToRevoke = revoke is { } id ? Tokens.FirstOrDefault(t => t.Id == id && StateOf(t) == "active") : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var actor = await ActorAsync();
        var errors = new FieldErrors();
        Guid? organisation = null;
        if (!string.IsNullOrEmpty(Organisation))
        {
            if (Guid.TryParse(Organisation, out var id))
            {
                organisation = id;
            }
            else
            {
                errors.Add("organisation", "not-member", "you can limit a token only to an organisation you belong to");
            }
        }

        if (ChosenScopes.Except(Scopes.UsableBy(actor), StringComparer.Ordinal).FirstOrDefault(s => Scopes.All.Contains(s)) is { } notYours)
        {
            errors.Add("scopes", "scope-not-usable", "your roles cannot use the scope {0}", notYours);
        }

        if (!int.TryParse(Days, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            errors.Add("days", "token-days", "a token lives between 1 and {0} days", TokenService.MaxLifetimeDays);
        }

        try
        {
            errors.ThrowIfAny();
            var (token, plaintext) = await tokens.CreateAsync(actor, Name ?? "", ChosenScopes, organisation, days, HttpContext.RequestAborted);
            Created = plaintext;
            CreatedToken = token;
        }
        catch (RegistryException ex)
        {
            await LoadAsync();
            return Refused(ex);
        }

        await LoadAsync();
        Response.Headers.CacheControl = "no-store";
        Name = null;
        Days = DefaultDays.ToString(CultureInfo.InvariantCulture);
        ChosenScopes = [Scopes.Read];
        Organisation = null;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, string? confirm)
    {
        if (confirm != "yes")
        {
            // A revoke that did not come from the confirmation (an old page, a forged form): ask first.
            return await OnGetAsync(id);
        }

        try
        {
            await tokens.RevokeAsync(await ActorAsync(), id, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            await LoadAsync();
            return Refused(ex);
        }

        Notice = Texts.Get("account.tokens.revoked", Lang);
        return RedirectToPage("/Account/Tokens");
    }

    /// <summary>account.tokens.state.STATE: the words of a token's state.</summary>
    public static TextTable<string> States { get; } = TextTable.Of("account.tokens.state", ["active", "expired", "revoked"]);

    /// <summary>active, expired or revoked.</summary>
    public string StateOf(ApiToken token) => token.RevokedAt is not null ? "revoked" : token.ExpiresAt <= Now ? "expired" : "active";

    public string? OrganisationName(Guid? id) => id is { } value ? Organisations.FirstOrDefault(o => o.Id == value)?.Name : null;

    private async Task LoadAsync()
    {
        var actor = await ActorAsync();
        Tokens = await tokens.ListAsync(actor, HttpContext.RequestAborted);
        Organisations = await organisations.ListAsync(actor, cancellationToken: HttpContext.RequestAborted);
        OfferedScopes = Scopes.UsableBy(actor);
    }
}
