using Microsoft.AspNetCore.OutputCaching;
using Senim.Law.Calendar;
using Senim.Registry.Citizens;
using Senim.Registry.Log;

namespace Senim.Web.Features.Register;

/// <summary>One system's public register page: what is registered, why, and what happened to it.</summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
[OutputCache(PolicyName = SenimApp.PublicCache)]
public sealed class EntryModel(PublicEntries entries, WorkingCalendar calendar, Senim.Registry.Audits.TrustedListService trusted) : RegistryPage
{
    /// <summary>The words of the link to each request form ("Object to a decision", ...).</summary>
    public static TextTable<CitizenRequestKind> RightForms { get; } = new("register.rights.use", CitizenCodes.Kinds, k => k.Code());

    public PublicEntry Entry { get; private set; } = null!;

    /// <summary>
    /// The people's rights the stored classification lists (obligations of kind right, Art. 16 and Art. 7(2)), each with
    /// the request a person files to exercise it (null when no request serves it).
    /// </summary>
    public IReadOnlyList<(Obligation Right, CitizenRequestKind? Request)> Rights { get; private set; } = [];

    /// <summary>How long the latest registration decision took (issue 12 item 7); null when never decided.</summary>
    public DecisionTime? DecisionTime { get; private set; }

    /// <summary>The working days from the submission to the decision; null when the calendar does not hold their years.</summary>
    public int? DecisionWorkingDays { get; private set; }

    /// <summary>The system's entries in the transparency log, oldest first.</summary>
    public IReadOnlyList<SystemLogEntry> LogEntries { get; private set; } = [];

    /// <summary>The sectors whose trusted list the system is on (Art. 19).</summary>
    public IReadOnlyList<string> TrustedIn { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            (Entry, LogEntries) = await entries.GetWithLogAsync(id, HttpContext.RequestAborted);
            Rights = RightsOf(Entry);
            if (Entry.Record.History.Any(h => h.Action.StartsWith("decide-", StringComparison.Ordinal)))
            {
                DecisionTime = await entries.DecisionTimeAsync(id, HttpContext.RequestAborted);
                DecisionWorkingDays = DecisionTime is { } took ? WorkingDays(took) : null;
            }

            TrustedIn = await trusted.SectorsOfAsync(id, HttpContext.RequestAborted);
            Response.Headers.CacheControl = "public, max-age=5";
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    private int? WorkingDays(DecisionTime took)
    {
        var zone = DeadlineClock.Kazakhstan;
        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(took.SubmittedAt, zone));
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(took.DecidedAt, zone));
        return calendar.Covers(from.Year) && calendar.Covers(to.Year) ? calendar.WorkingDaysBetween(from, to) : null;
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
