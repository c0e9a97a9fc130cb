using Microsoft.AspNetCore.OutputCaching;
using Senim.Registry.Log;

namespace Senim.Web.Features.Register;

/// <summary>One system's public register page: what is registered, why, and what happened to it.</summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
[OutputCache(PolicyName = SenimApp.PublicCache)]
public sealed class EntryModel(PublicEntries entries, Senim.Registry.Audits.TrustedListService trusted) : RegistryPage
{
    public PublicEntry Entry { get; private set; } = null!;

    /// <summary>The system's entries in the transparency log, oldest first.</summary>
    public IReadOnlyList<SystemLogEntry> LogEntries { get; private set; } = [];

    /// <summary>The sectors whose trusted list the system is on (Art. 19).</summary>
    public IReadOnlyList<string> TrustedIn { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            (Entry, LogEntries) = await entries.GetWithLogAsync(id, HttpContext.RequestAborted);
            TrustedIn = await trusted.SectorsOfAsync(id, HttpContext.RequestAborted);
            Response.Headers.CacheControl = "public, max-age=5";
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }
}
