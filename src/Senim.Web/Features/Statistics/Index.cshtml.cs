using Microsoft.AspNetCore.OutputCaching;

namespace Senim.Web.Features.Statistics;

/// <summary>The public statistics page: charts drawn on the server (SVG), each with its data table and CSV.</summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
[OutputCache(PolicyName = SenimApp.PublicCache)]
public sealed class IndexModel(StatisticsReport report) : RegistryPage
{
    /// <summary>statistics.chart.ID (and .help): each chart's title and what it counts.</summary>
    public static TextTable<string> Charts { get; } = TextTable.Of("statistics.chart", StatisticsReport.ChartIds, "help");

    public static TextTable<string> Routes { get; } = TextTable.Of("statistics.route", ["notification", "registration"]);

    public static TextTable<string> Kinds { get; } = TextTable.Of("statistics.kind", Senim.Registry.Citizens.CitizenCodes.Kinds.Select(k => Senim.Registry.Citizens.CitizenCodes.Code(k)));

    public static TextTable<string> Outcomes { get; } = TextTable.Of("statistics.outcome", ["upheld", "changed", "reversed", "none"]);

    public static TextTable<string> Deadlines { get; } = TextTable.Of("statistics.deadline", ["on-time", "late", "escalated"]);

    public static TextTable<string> IncidentBars { get; } = TextTable.Of("statistics.incident", StatisticsReport.IncidentBars)
        .Sharing("reported", "incidents.reported-at");

    /// <summary>The appeals' outcomes are worded as on the case page.</summary>
    public static TextTable<string> AppealBars { get; } = TextTable.Of("statistics.appeal", StatisticsReport.AppealBars)
        .Sharing("upheld", "enforcement.outcome.upheld").Sharing("annulled", "enforcement.outcome.annulled").Sharing("changed", "enforcement.outcome.changed");

    /// <summary>statistics.figure.CODE: the supervisor's dashboard figures.</summary>
    public static TextTable<string> Figures { get; } = TextTable.Of("statistics.figure", StatisticsReport.FigureCodes)
        .Sharing("requests", "citizens.inbox.title");

    /// <summary>The characters of a bar's label that fit the chart's width (400 units at the label's size).</summary>
    public const int LabelFits = 52;

    /// <summary>A count or a sum as the page writes it: groups of three digits with a space (as in kk, ru and Kazakhstan's documents).</summary>
    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal);

    public IReadOnlyList<StatChart> Report { get; private set; } = [];

    public async Task OnGetAsync() => Report = await report.BuildAsync(HttpContext.RequestAborted);

    /// <summary>A bar's words in the reader's language: a month as it is, the rest by its dimension's table.</summary>
    public static string Label(PageText text, string dimension, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        return dimension switch
        {
            "tier" => text.Tier(code == "none" ? null : code),
            "sector" => text.Sector(code),
            "route" => text.Or(Routes, code),
            "kind" => text.Or(Kinds, code),
            "outcome" => text.Or(Outcomes, code),
            "deadline" => text.Or(Deadlines, code),
            "incident-kind" => text.Or(Audits.CaseTexts.IncidentKinds, code),
            "incident" => text.Or(IncidentBars, code),
            "decision" => text.Or(Enforcement.EnforcementTexts.Decision, code),
            "category" => text.Or(Enforcement.EnforcementTexts.Category, code),
            "appeal" => text.Or(AppealBars, code),
            _ => code,
        };
    }
}
