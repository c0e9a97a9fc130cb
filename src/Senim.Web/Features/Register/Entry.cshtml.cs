using Microsoft.AspNetCore.OutputCaching;
using Senim.Registry.Citizens;
using Senim.Registry.Log;

namespace Senim.Web.Features.Register;

/// <summary>One system's public register page: what is registered, why, and what happened to it.</summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
[OutputCache(PolicyName = SenimApp.PublicCache)]
public sealed class EntryModel(PublicEntries entries) : RegistryPage
{
    public PublicEntry Entry { get; private set; } = null!;

    /// <summary>
    /// The people's rights the stored classification lists (obligations of kind right, Art. 16 and Art. 7(2)), each with
    /// the request a person files to exercise it (null when no request serves it).
    /// </summary>
    public IReadOnlyList<(Obligation Right, CitizenRequestKind? Request)> Rights { get; private set; } = [];

    /// <summary>The system's entries in the transparency log, oldest first.</summary>
    public IReadOnlyList<SystemLogEntry> LogEntries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            (Entry, LogEntries) = await entries.GetWithLogAsync(id, HttpContext.RequestAborted);
            Rights = RightsOf(Entry);
            Response.Headers.CacheControl = "public, max-age=5";
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    private static List<(Obligation, CitizenRequestKind?)> RightsOf(PublicEntry entry) =>
        entry.Record.Classification is not { } classification
            ? []
            : [.. classification.Results
                .SelectMany(r => r.Obligations.Select(o => entry.Law.Find(r.Pack)?.FindObligation(o.Id)))
                .OfType<Obligation>()
                .Where(o => o.Kind == "right")
                .DistinctBy(o => o.Id)
                .Select(o => (o, CitizenCodes.ForRight(o.Id)))];
}
