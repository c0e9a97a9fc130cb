namespace Senim.Registry.Citizens;

/// <summary>The kinds of case whose steps are <see cref="CaseEvent"/> rows.</summary>
public static class CaseKinds
{
    public const string CitizenRequest = "citizen-request";

    /// <summary>An enforcement case of the supervisory body (docs/enforcement.md).</summary>
    public const string EnforcementCase = "enforcement-case";
    /// <summary>An owner's incident report (Incidents.IncidentWorkflow).</summary>
    public const string Incident = "incident";

    /// <summary>An audit of a system (Audits.AuditWorkflow).</summary>
    public const string Audit = "audit";
}

/// <summary>In which capacity someone takes a step of a citizen's request; stored in a case event as its code.</summary>
public enum CaseRole
{
    /// <summary>The person who filed it (with or without an account).</summary>
    Citizen,

    /// <summary>A member of the organisation that owns the system.</summary>
    Owner,

    /// <summary>The supervisory body.</summary>
    Supervisor,

    /// <summary>Senim itself: the deadline job, the retention job.</summary>
    System,

    /// <summary>The auditor of an audit (a supervisor or an expert account).</summary>
    Auditor,
}

/// <summary>Everything that happens to a citizen's request; stored by its code.</summary>
public enum CitizenAction
{
    File,
    Assign,
    Answer,
    RecordOutcome,
    Close,
    Escalate,
    SupervisorClose,

    /// <summary>The retention period ended and the personal data was erased: an event, not a change of status.</summary>
    EraseData,

    /// <summary>The supervisory body opened an enforcement case from the request (the event's text is the case's id): an event, not a change of status.</summary>
    EnforcementOpened,
}

/// <summary>One allowed step: the statuses it starts from, where it leads (null: stays), and who takes it.</summary>
/// <param name="Notice">The step is reported to the person (by mail, when they gave an address).</param>
public sealed record CitizenTransition(CitizenAction Action, IReadOnlyList<CitizenRequestStatus> From, CitizenRequestStatus? To, CaseRole By, bool Notice)
{
    public string Code => Action.Code();
}

/// <summary>
/// A citizen's request as an explicit table (docs/citizens.md has the diagram): received → assigned → answered →
/// closed by the owner's handler; received or assigned → escalated by Senim when the deadline passes unanswered (or at
/// once, for a system not in the register), then closed by the supervisory body.
/// </summary>
public static class CitizenWorkflow
{
    private static readonly CitizenRequestStatus[] Open = [CitizenRequestStatus.Received, CitizenRequestStatus.Assigned];

    public static IReadOnlyList<CitizenTransition> All { get; } =
    [
        new(CitizenAction.File, [], CitizenRequestStatus.Received, CaseRole.Citizen, true),
        new(CitizenAction.Assign, Open, CitizenRequestStatus.Assigned, CaseRole.Owner, true),
        new(CitizenAction.Answer, [CitizenRequestStatus.Assigned], CitizenRequestStatus.Answered, CaseRole.Owner, true),
        new(CitizenAction.RecordOutcome, [CitizenRequestStatus.Assigned, CitizenRequestStatus.Answered], null, CaseRole.Owner, true),
        new(CitizenAction.Close, [CitizenRequestStatus.Answered], CitizenRequestStatus.Closed, CaseRole.Owner, true),
        new(CitizenAction.Escalate, Open, CitizenRequestStatus.Escalated, CaseRole.System, true),
        new(CitizenAction.SupervisorClose, [CitizenRequestStatus.Escalated], CitizenRequestStatus.Closed, CaseRole.Supervisor, true),
        new(CitizenAction.EraseData, [CitizenRequestStatus.Closed], null, CaseRole.System, false),
        new(CitizenAction.EnforcementOpened, Enum.GetValues<CitizenRequestStatus>(), null, CaseRole.Supervisor, false),
    ];

    /// <summary>Statuses in which the owner still has to act before the deadline.</summary>
    public static IReadOnlyList<CitizenRequestStatus> Waiting => Open;

    public static CitizenTransition Get(CitizenAction action) => All.First(t => t.Action == action);

    public static bool Allows(CitizenAction action, CitizenRequestStatus from) => Get(action).From.Contains(from);

    /// <summary>The law pack's deadline for answering a kind of request.</summary>
    public static string DeadlineId(CitizenRequestKind kind) => kind switch
    {
        CitizenRequestKind.Objection => "kz.deadline.objection-reply",
        CitizenRequestKind.ExplanationRequest => "kz.deadline.explanation-request",
        CitizenRequestKind.DataRequest => "kz.deadline.data-request",
        CitizenRequestKind.InteractionRefusal => "kz.deadline.interaction-refusal",
        CitizenRequestKind.SyntheticContentComplaint => "kz.deadline.complaint-synthetic-content",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>The stored codes of the citizen workflow's values, and the way back.</summary>
public static class CitizenCodes
{
    public static string Code(this CitizenAction action) => action switch
    {
        CitizenAction.File => "file",
        CitizenAction.Assign => "assign",
        CitizenAction.Answer => "answer",
        CitizenAction.RecordOutcome => "record-outcome",
        CitizenAction.Close => "close",
        CitizenAction.Escalate => "escalate",
        CitizenAction.SupervisorClose => "supervisor-close",
        CitizenAction.EraseData => "erase-personal-data",
        CitizenAction.EnforcementOpened => "enforcement-opened",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static string Code(this CaseRole role) => role switch
    {
        CaseRole.Citizen => "citizen",
        CaseRole.Owner => "owner",
        CaseRole.Supervisor => "supervisor",
        CaseRole.System => "system",
        CaseRole.Auditor => "auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string Code(this CitizenRequestStatus status) => status switch
    {
        CitizenRequestStatus.Received => "received",
        CitizenRequestStatus.Assigned => "assigned",
        CitizenRequestStatus.Answered => "answered",
        CitizenRequestStatus.Closed => "closed",
        CitizenRequestStatus.Escalated => "escalated",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Code(this CitizenRequestKind kind) => kind switch
    {
        CitizenRequestKind.Objection => "objection",
        CitizenRequestKind.ExplanationRequest => "explanation-request",
        CitizenRequestKind.DataRequest => "data-request",
        CitizenRequestKind.InteractionRefusal => "interaction-refusal",
        CitizenRequestKind.SyntheticContentComplaint => "synthetic-content-complaint",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Code(this ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.Upheld => "upheld",
        ReviewOutcome.Changed => "changed",
        ReviewOutcome.Reversed => "reversed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static IReadOnlyList<CitizenRequestKind> Kinds { get; } = Enum.GetValues<CitizenRequestKind>();

    /// <summary>
    /// The request a person files to exercise a right of the Kazakh pack (obligations of kind right); null for a right
    /// no request serves (reading the user agreement, protection of data, intellectual property).
    /// </summary>
    public static CitizenRequestKind? ForRight(string obligationId) => obligationId switch
    {
        "kz.right.object" => CitizenRequestKind.Objection,
        "kz.right.explanation" => CitizenRequestKind.ExplanationRequest,
        "kz.right.data_basis" => CitizenRequestKind.DataRequest,
        "kz.right.refuse" => CitizenRequestKind.InteractionRefusal,
        _ => null,
    };

    /// <summary>The kind of a code (objection, data-request, ...); null for an unknown one.</summary>
    public static CitizenRequestKind? ParseKind(string? code) => Kinds.Cast<CitizenRequestKind?>().FirstOrDefault(k => k!.Value.Code() == code);

    /// <summary>The action of a stored code; null for a code this version does not know.</summary>
    public static CitizenAction? ParseAction(string? code) => Enum.GetValues<CitizenAction>().Cast<CitizenAction?>().FirstOrDefault(a => a!.Value.Code() == code);
}
