using Senim.Registry.Enforcement;

namespace Senim.Web.Features.Decisions;

/// <summary>
/// /decisions: the published decisions of enforcement cases, newest first — fines in MCI and tenge, warnings, suspension
/// orders and appeals' outcomes — each linking to its page and its transparency-log entry. A natural person is not named.
/// Works without JavaScript.
/// </summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
public sealed class IndexModel(PublicDecisions decisions) : RegistryPage
{
    public const int PageSize = 20;

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Page<PublicEnforcementDecision>? Decisions { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Decisions = await decisions.ListAsync(PageNumber, PageSize, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }
}
