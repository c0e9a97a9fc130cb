namespace Senim.Web.Features.Organisations;

/// <summary>The user's organisations (every organisation for supervisors and admins who ask), and the form to create one.</summary>
[Authorize]
public sealed class IndexModel(OrganisationService organisations) : Infrastructure.RegistryPage
{
    public const int PageSize = 25;

    public OrganisationForm Form { get; private set; } = new();

    [BindProperty(SupportsGet = true, Name = "all")]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Page<Organisation> List { get; private set; } = new([], 0, 1, PageSize);

    public Actor Me { get; private set; } = null!;

    public bool CanSeeAll => Me.IsSupervisor || Me.IsAdmin;

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (RegistryException ex)
        {
            PageNumber = 1;
            await LoadAsync();
            return Refused(ex);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var form = new OrganisationForm();
        await TryUpdateModelAsync(form, "");
        Form = form;
        Organisation created;
        try
        {
            created = await organisations.CreateAsync(await ActorAsync(), form.ToInput(), HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            PageNumber = 1;
            await LoadAsync();
            return Refused(ex);
        }

        Notice = Texts.Format("organisations.created", Lang, created.Name);
        return RedirectToPage("/Organisations/Details", new { id = created.Id });
    }

    private async Task LoadAsync()
    {
        Me = await ActorAsync();
        List = await organisations.ListPageAsync(Me, All, PageNumber, PageSize, HttpContext.RequestAborted);
    }
}
