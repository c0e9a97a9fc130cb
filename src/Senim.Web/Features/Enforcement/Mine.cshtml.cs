using Senim.Registry.Enforcement;

namespace Senim.Web.Features.Enforcement;

/// <summary>/enforcement: the enforcement cases against the organisations the reader belongs to.</summary>
[Authorize]
public sealed class MineModel(EnforcementCases cases, OrganisationService organisations) : RegistryPage
{
    public IReadOnlyList<(string Organisation, IReadOnlyList<EnforcementRow> Cases)> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await ActorAsync();
        var groups = new List<(string, IReadOnlyList<EnforcementRow>)>();
        foreach (var organisation in await organisations.ListAsync(actor, cancellationToken: HttpContext.RequestAborted))
        {
            var page = await cases.ForOrganisationAsync(actor, organisation.Id, 1, Paging.MaxPageSize, HttpContext.RequestAborted);
            groups.Add((organisation.Name, page.Items));
        }

        Groups = groups;
        return Page();
    }
}
