using Senim.Registry.Enforcement;

namespace Senim.Web.Features.Decisions;

/// <summary>/decisions/{id}: one published decision, with the fine's figures, the reasons and a link to its log entry.</summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
public sealed class ShowModel(PublicDecisions decisions) : RegistryPage
{
    public PublicEnforcementDecision Decision { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Decision = await decisions.GetAsync(id, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }
}
