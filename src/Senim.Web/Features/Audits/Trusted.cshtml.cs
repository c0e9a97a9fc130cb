using Microsoft.AspNetCore.OutputCaching;
using Senim.Registry.Audits;

namespace Senim.Web.Features.Audits;

/// <summary>/trusted: the sectors' trusted lists (Law 230-VIII Art. 19), public, by sector; exports beside them. Works without JavaScript.</summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
[OutputCache(PolicyName = SenimApp.PublicCache)]
public sealed class TrustedModel(TrustedListService lists) : RegistryPage
{
    /// <summary>The sector chosen (null: every sector).</summary>
    public string? Sector { get; private set; }

    /// <summary>The systems on the lists, grouped by sector in the order of <see cref="Sectors.All"/>.</summary>
    public IReadOnlyList<IGrouping<string, TrustedSystem>> Lists { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? sector)
    {
        try
        {
            Sector = TrustedListsApi.Sector(sector);
            var items = await lists.ListAsync(Sector, HttpContext.RequestAborted);
            Lists = [.. items.GroupBy(t => t.Sector).OrderBy(g => Array.IndexOf([.. Sectors.All], g.Key))];
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }
}
