using Senim.Registry.Citizens;

namespace Senim.Registry.Enforcement;

/// <summary>Everything that happens to an enforcement case; stored by its code.</summary>
public enum EnforcementAction
{
    Open,
    AddEvidence,

    /// <summary>An internal note of the supervisory body: the offender never sees it.</summary>
    AddNote,
    RequestResponse,
    Respond,
    Decide,
    Appeal,
    DecideAppeal,
    Close,
}

/// <summary>One allowed step: the statuses it starts from, where it leads (null: stays), and who takes it (supervisor or owner: the offender's members).</summary>
/// <param name="Internal">The step is the supervisory body's own: the offender does not see it in the timeline.</param>
public sealed record EnforcementTransition(EnforcementAction Action, IReadOnlyList<EnforcementStatus> From, EnforcementStatus? To, CaseRole By, bool Internal = false)
{
    public string Code => Action.Code();
}

/// <summary>
/// An enforcement case as an explicit table (docs/enforcement.md has the diagram): opened by the supervisory body; evidence
/// and notes while it is not closed; a response requested from the offender and given by its members; a decision; an
/// appeal by the offender within the appeal period and its decision; closed by the supervisory body.
/// </summary>
public static class EnforcementWorkflow
{
    private static readonly EnforcementStatus[] Undecided = [EnforcementStatus.Open, EnforcementStatus.AwaitingResponse];

    private static readonly EnforcementStatus[] NotClosed = [EnforcementStatus.Open, EnforcementStatus.AwaitingResponse, EnforcementStatus.Decided, EnforcementStatus.Appealed];

    public static IReadOnlyList<EnforcementTransition> All { get; } =
    [
        new(EnforcementAction.Open, [], EnforcementStatus.Open, CaseRole.Supervisor),
        new(EnforcementAction.AddEvidence, NotClosed, null, CaseRole.Supervisor),
        new(EnforcementAction.AddNote, NotClosed, null, CaseRole.Supervisor, Internal: true),
        new(EnforcementAction.RequestResponse, [EnforcementStatus.Open], EnforcementStatus.AwaitingResponse, CaseRole.Supervisor),
        new(EnforcementAction.Respond, [EnforcementStatus.AwaitingResponse], EnforcementStatus.Open, CaseRole.Owner),
        new(EnforcementAction.Decide, Undecided, EnforcementStatus.Decided, CaseRole.Supervisor),
        new(EnforcementAction.Appeal, [EnforcementStatus.Decided], EnforcementStatus.Appealed, CaseRole.Owner),
        new(EnforcementAction.DecideAppeal, [EnforcementStatus.Appealed], EnforcementStatus.Decided, CaseRole.Supervisor),
        new(EnforcementAction.Close, [EnforcementStatus.Decided], EnforcementStatus.Closed, CaseRole.Supervisor),
    ];

    /// <summary>Statuses of a case still being worked on (the supervisor's "open" list).</summary>
    public static IReadOnlyList<EnforcementStatus> Active => NotClosed;

    /// <summary>The law pack's deadline for the offender's response.</summary>
    public const string ResponseDeadline = "kz.deadline.enforcement-response";

    /// <summary>The law pack's deadline for an appeal against a decision.</summary>
    public const string AppealDeadline = "kz.deadline.enforcement-appeal";

    /// <summary>The fine table of CoAO Art. 641-1.</summary>
    public const string FineTable = "kz.fine.coao641-1";

    public static EnforcementTransition Get(EnforcementAction action) => All.First(t => t.Action == action);

    public static bool Allows(EnforcementAction action, EnforcementStatus from) => Get(action).From.Contains(from);
}

/// <summary>The stored codes of the enforcement workflow's values, and the way back.</summary>
public static class EnforcementCodes
{
    public static string Code(this EnforcementAction action) => action switch
    {
        EnforcementAction.Open => "open",
        EnforcementAction.AddEvidence => "add-evidence",
        EnforcementAction.AddNote => "add-note",
        EnforcementAction.RequestResponse => "request-response",
        EnforcementAction.Respond => "respond",
        EnforcementAction.Decide => "decide",
        EnforcementAction.Appeal => "appeal",
        EnforcementAction.DecideAppeal => "decide-appeal",
        EnforcementAction.Close => "close",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static string Code(this EnforcementStatus status) => status switch
    {
        EnforcementStatus.Open => "open",
        EnforcementStatus.AwaitingResponse => "awaiting-response",
        EnforcementStatus.Decided => "decided",
        EnforcementStatus.Appealed => "appealed",
        EnforcementStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Code(this EnforcementOrigin origin) => origin switch
    {
        EnforcementOrigin.CitizenRequest => "citizen-request",
        EnforcementOrigin.Incident => "incident",
        EnforcementOrigin.Audit => "audit",
        EnforcementOrigin.Monitoring => "monitoring",
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, null),
    };

    public static string Code(this EnforcementDecisionKind kind) => kind switch
    {
        EnforcementDecisionKind.Fine => "fine",
        EnforcementDecisionKind.Warning => "warning",
        EnforcementDecisionKind.NoViolation => "no-violation",
        EnforcementDecisionKind.SuspensionOrder => "suspension-order",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Code(this AppealOutcome outcome) => outcome switch
    {
        AppealOutcome.Upheld => "upheld",
        AppealOutcome.Annulled => "annulled",
        AppealOutcome.Changed => "changed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static EnforcementOrigin? ParseOrigin(string? code) => Parse<EnforcementOrigin>(code, Code);

    public static EnforcementDecisionKind? ParseDecision(string? code) => Parse<EnforcementDecisionKind>(code, Code);

    public static AppealOutcome? ParseOutcome(string? code) => Parse<AppealOutcome>(code, Code);

    public static EnforcementStatus? ParseStatus(string? code) => Parse<EnforcementStatus>(code, Code);

    private static T? Parse<T>(string? code, Func<T, string> codeOf) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => codeOf(v!.Value) == code);
}
