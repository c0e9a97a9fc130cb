namespace Senim.Web.Features.Systems;

/// <summary>Adding an AI system to an organisation's inventory.</summary>
public sealed class NewModel(OrganisationService organisations, SystemService systems) : SystemPage
{
    public Organisation? Organisation { get; private set; }

    public SystemForm Form { get; private set; } = new() { Role = "owner" };

    public async Task<IActionResult> OnGetAsync(Guid orgId)
    {
        try
        {
            await LoadAsync(orgId);
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId)
    {
        Form = SystemForm.Read(Request.Form);
        try
        {
            await LoadAsync(orgId);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        try
        {
            var system = await systems.CreateAsync(await ActorAsync(), orgId, Form.ToInput(), HttpContext.RequestAborted);
            Notice = Texts.Get("systems.new.created", Lang);
            return RedirectToPage("/Systems/Show", new { id = system.Id });
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    private async Task LoadAsync(Guid orgId)
    {
        var actor = await ActorAsync();
        Organisation = await organisations.GetAsync(actor, orgId, HttpContext.RequestAborted);
        if (!actor.CanEdit(orgId))
        {
            throw new ForbiddenException("not-editor", "Only the organisation's admins and editors may add systems.");
        }
    }
}
