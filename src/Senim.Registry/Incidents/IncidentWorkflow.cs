using Senim.Registry.Citizens;
using Senim.Registry.Services;

namespace Senim.Registry.Incidents;

/// <summary>Everything that happens to an incident; stored by its code (<see cref="CaseCodes"/>).</summary>
public enum IncidentAction
{
    Report,
    FollowUp,
    RequestInformation,
    RecordEuReport,
    FinalReport,
    Review,
}

/// <summary>
/// An incident as an explicit table (docs/incidents-and-audits.md has the diagram): the owner reports it (open), adds
/// follow-ups and the final report (closed); the supervisory body may ask for information at any point before its review
/// (information-requested, answered by a follow-up or the final report) and reviews the final report (reviewed). The owner
/// records when it reported the incident to the EU authority without changing the status.
/// </summary>
public static class IncidentWorkflow
{
    private static readonly IncidentStatus[] Running = [IncidentStatus.Open, IncidentStatus.InformationRequested];
    private static readonly IncidentStatus[] BeforeReview = [IncidentStatus.Open, IncidentStatus.InformationRequested, IncidentStatus.Closed];

    public static IReadOnlyList<CaseTransition<IncidentAction, IncidentStatus>> All { get; } =
    [
        new(IncidentAction.Report, [], IncidentStatus.Open, CaseRole.Owner),
        new(IncidentAction.FollowUp, Running, IncidentStatus.Open, CaseRole.Owner),
        new(IncidentAction.RequestInformation, BeforeReview, IncidentStatus.InformationRequested, CaseRole.Supervisor),
        new(IncidentAction.RecordEuReport, BeforeReview, null, CaseRole.Owner),
        new(IncidentAction.FinalReport, Running, IncidentStatus.Closed, CaseRole.Owner),
        new(IncidentAction.Review, [IncidentStatus.Closed], IncidentStatus.Reviewed, CaseRole.Supervisor),
    ];

    public static CaseTransition<IncidentAction, IncidentStatus> Get(IncidentAction action) => All.First(t => t.Action == action);

    /// <summary>The EU pack's Art. 73 deadline for a kind of serious incident.</summary>
    public static string EuDeadlineId(IncidentKind kind) => kind switch
    {
        IncidentKind.Death => "eu.deadline.incident-10",
        IncidentKind.Widespread => "eu.deadline.incident-2",
        IncidentKind.Serious => "eu.deadline.incident-15",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The Kazakh pack's incident-reporting deadline, if a pack ever defines one. Law 230-VIII sets none (Art. 18(2) asks for
    /// immediate measures); the pages then show the pack's Art. 18(2) obligation instead.
    /// </summary>
    public const string KzDeadlineId = "kz.deadline.incident-report";

    /// <summary>The Kazakh pack's obligation pages show for incidents when the pack has no incident deadline.</summary>
    public const string KzObligationId = "kz.o.rm.emergency";
}

/// <summary>Limits of an incident's fields.</summary>
public static class IncidentLimits
{
    public const int Text = 5000;
    public const int Categories = 500;
    public const int MaxPeople = 100_000_000;
}
