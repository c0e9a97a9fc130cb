namespace Senim.Web.Features.Systems;

/// <summary>The AI systems of the user's organisations, newest change first, with a way to add one.</summary>
public sealed class IndexModel(SystemService systems, OrganisationService organisations) : SystemPage
{
    public const int PageSize = 25;

    public Page<AiSystem> Systems { get; private set; } = new([], 0, 1, PageSize);

    /// <summary>The organisations the user may add systems to.</summary>
    public IReadOnlyList<Organisation> Editable { get; private set; } = [];

    public bool HasOrganisations { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? p)
    {
        var actor = await ActorAsync();
        try
        {
            Systems = await systems.PageAsync(actor, null, p ?? 1, PageSize, HttpContext.RequestAborted);
            var mine = await organisations.ListAsync(actor, cancellationToken: HttpContext.RequestAborted);
            HasOrganisations = mine.Count > 0;
            Editable = [.. mine.Where(o => actor.CanEdit(o.Id))];
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }
}
