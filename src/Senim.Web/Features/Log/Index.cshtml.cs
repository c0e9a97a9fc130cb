using Senim.Ledger.Checkpoints;
using Senim.Registry.Log;

namespace Senim.Web.Features.Log;

/// <summary>
/// /log: for citizens first, the log's public events (when, what happened, which system of which organisation, the
/// published reason), searchable and paged, each linking to the system's public entry and to its log entry and
/// receipt; then what the log is, its current checkpoint and public key, and how to check it; the integrity status
/// for supervisors and admins.
/// </summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
public sealed class IndexModel(LogService log, IntegrityState integrity, PublicAddress address, LinkGenerator links, TimeProvider time) : RegistryPage{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    [FromQuery(Name = "before")]
    public string? Before { get; set; }

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    /// <summary>Whether the search narrows the log (text or kind), so the count is of matches, not of the whole log.</summary>
    public bool Narrowed { get; private set; }

    /// <summary>The page of public events, or null when the search was refused (the errors say why).</summary>
    public LogEventPage? Events { get; private set; }

    public string? SignedCheckpoint { get; private set; }

    public Checkpoint? Checkpoint { get; private set; }

    public string VerifierKey { get; private set; } = "";

    public string BaseUrl { get; private set; } = "";

    /// <summary>Kazakhstan's offset from UTC now, for the note beside the times.</summary>
    public string ZoneOffset => LogTimes.Offset(time.GetUtcNow().UtcDateTime);

    /// <summary>The latest integrity report, for supervisors and admins only (null for everyone else).</summary>
    public IntegrityReport? Integrity { get; private set; }

    public bool ShowIntegrity { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        SignedCheckpoint = await log.SignedCheckpointAsync(HttpContext.RequestAborted);
        Checkpoint = SignedCheckpoint is null ? null : await log.LatestAsync(HttpContext.RequestAborted);
        VerifierKey = log.VerifierKey;
        BaseUrl = address.Root(Request);
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

        try
        {
            var query = LogEventQuery.Parse(Q, Kind, Before, After, null);
            Narrowed = query.Narrowed;
            Events = await log.EventsAsync(query, HttpContext.RequestAborted);
            return Page();
        }
        catch (ValidationException ex)
        {
            return Refused(ex);
        }
    }

    /// <summary>This page with the current search and a cursor, for the older and newer links.</summary>
    public string PageLink(long? before = null, long? after = null) =>
        links.GetPathByPage(HttpContext, "/Log/Index", values: new { q = string.IsNullOrWhiteSpace(Q) ? null : Q, kind = string.IsNullOrEmpty(Kind) ? null : Kind, before, after })!;

    /// <summary>The receipt of entry <paramref name="index"/> (the LogReceipt endpoint).</summary>
    public string ReceiptLink(long index) => links.GetPathByName(HttpContext, "LogReceipt", new { index })!;
}
