using Microsoft.AspNetCore.OutputCaching;
using Senim.Web.Infrastructure.Pages;

namespace Senim.Web.Features.Register;

/// <summary>The public register: search, filter, sort and page through published and registered systems.</summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
[OutputCache(PolicyName = SenimApp.PublicCache)]
public sealed class IndexModel(RegisterService register, LawLibrary law) : RegistryPage
{
    /// <summary>register.sort.SORT: the orders the register can be read in.</summary>
    public static TextTable<RegisterSort> Sorts { get; } = TextTable.Of<RegisterSort>("register.sort");

    /// <summary>The Kazakhstan risk tiers a search can filter by, as the law pack declares them.</summary>
    public IEnumerable<string> Tiers => LawNames.Tiers(law, "KZ").Select(t => t.Id);

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "sector")]
    public string? Sector { get; set; }

    [FromQuery(Name = "tier")]
    public string? Tier { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [FromQuery(Name = "page")]
    public string? PageText { get; set; }

    public Page<RegisterRow>? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Results = await register.SearchAsync(RegisterQueries.Parse(Q, Sector, Tier, Status, null, Sort, PageText, null), HttpContext.RequestAborted);
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    /// <summary>The current filters with one changed, as a query string for links.</summary>
    public string Link(string? page = null, string? sort = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["sector"] = Sector,
            ["tier"] = Tier,
            ["status"] = Status,
            ["sort"] = sort ?? Sort,
            ["page"] = page,
        };
        return PageLink.With(Url.Page("/Register/Index"), [.. values.Select(v => (v.Key, v.Value))]);
    }
}
