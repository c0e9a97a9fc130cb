using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Senim.Ledger.Checkpoints;
using Senim.Registry.Log;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Log;

/// <summary>/log: what the transparency log is, its current checkpoint and public key, and how to check it; the integrity status for supervisors and admins.</summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
public sealed class IndexModel(LogService log, IntegrityState integrity) : RegistryPage
{
    public string? SignedCheckpoint { get; private set; }

    public Checkpoint? Checkpoint { get; private set; }

    public string VerifierKey { get; private set; } = "";

    public string BaseUrl { get; private set; } = "";

    /// <summary>The latest integrity report, for supervisors and admins only (null for everyone else).</summary>
    public IntegrityReport? Integrity { get; private set; }

    public bool ShowIntegrity { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        SignedCheckpoint = await log.SignedCheckpointAsync(HttpContext.RequestAborted);
        Checkpoint = SignedCheckpoint is null ? null : await log.LatestAsync(HttpContext.RequestAborted);
        VerifierKey = log.VerifierKey;
        BaseUrl = Register.RegisterApi.BaseUrl(HttpContext);
        if (User.Identity?.IsAuthenticated == true)
        {
            var actor = await ActorAsync();
            ShowIntegrity = actor.IsAdmin || actor.IsSupervisor;
            Integrity = ShowIntegrity ? integrity.Latest : null;
        }

        if (!ShowIntegrity)
        {
            Response.Headers.CacheControl = "public, max-age=5";
        }

        return Page();
    }
}
