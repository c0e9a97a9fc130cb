namespace Senim.Registry.Workflow;

/// <summary>In which capacity someone acts on a system; stored in a workflow event as its code (owner, expert, supervisor, system).</summary>
public enum Capacity
{
    /// <summary>A member (admin or editor) of the organisation that owns or holds the system.</summary>
    Owner,

    /// <summary>An expert assigned to the system's preliminary review, after declaring no conflict of interest.</summary>
    Expert,

    /// <summary>The supervisory body.</summary>
    Supervisor,

    /// <summary>Senim itself (seeding, law-pack re-evaluation): never the actor of a transition in the table.</summary>
    System,
}

/// <summary>
/// Everything that happens to a system in the registration workflow. The register stores each as its code
/// (<see cref="WorkflowCodes.Code(WorkflowAction)"/>: submit, decide-register, declare-no-conflict, ...), which the
/// public record and the transparency log publish; pages map the value to words through one table.
/// </summary>
public enum WorkflowAction
{
    Submit,
    Cancel,
    Publish,
    Assign,
    RequestChanges,
    Resubmit,
    Recommend,
    Register,
    RegisterWithConditions,
    Refuse,
    Suspend,
    Reinstate,
    Withdraw,
    Remove,

    /// <summary>An assigned expert declared having no conflict of interest: an event, not a change of status.</summary>
    DeclareNoConflict,
}

/// <summary>One allowed transition: an action, the statuses it starts from, where it leads, and who may take it.</summary>
/// <param name="To">The status after the action; null when it depends on the case (recommend, reinstate).</param>
/// <param name="IsPublic">True when the event belongs to the public history of the system.</param>
public sealed record Transition(WorkflowAction Action, IReadOnlyList<SystemStatus> From, SystemStatus? To, Capacity By, bool IsPublic)
{
    /// <summary>The action's stored code (submit, decide-register, ...).</summary>
    public string Code => Action.Code();
}

/// <summary>
/// The registration workflow as an explicit table (see docs/workflow.md for the diagram).
/// High-risk systems: draft → submitted → in review (⇄ changes requested) → recommended →
/// registered / registered with conditions / refused. Other systems: draft → published (by notification).
/// Afterwards: suspended, reinstated, withdrawn by the supervisor, or removed by the owner.
/// </summary>
public static class RegistrationWorkflow
{
    // The stored codes of the actions: the database, the public record and the log keep these strings.
    public const string Submit = "submit";
    public const string Cancel = "cancel";
    public const string Publish = "publish";
    public const string Assign = "assign";
    public const string RequestChanges = "request-changes";
    public const string Resubmit = "resubmit";
    public const string Recommend = "recommend";
    public const string Register = "decide-register";
    public const string RegisterWithConditions = "decide-conditions";
    public const string Refuse = "decide-refuse";
    public const string Suspend = "suspend";
    public const string Reinstate = "reinstate";
    public const string Withdraw = "withdraw";
    public const string Remove = "remove";
    public const string DeclareNoConflict = "declare-no-conflict";

    /// <summary>Law-pack deadline ids of the steps that wait on someone (kz deadlines.yaml; platform policy, ADR 0024).</summary>
    public const string ExpertReviewDeadline = "kz.deadline.expert-review";
    public const string RequestedChangeDeadline = "kz.deadline.requested-change";
    public const string SupervisorDecisionDeadline = "kz.deadline.supervisor-decision";

    /// <summary>
    /// The deadline a system in <paramref name="status"/> waits under: the experts' review once a panel is assigned (and
    /// again after a resubmission), the owner's change once requested, the supervisor's decision once recommended.
    /// </summary>
    public static string? DeadlineOf(SystemStatus status) => status switch
    {
        SystemStatus.InReview => ExpertReviewDeadline,
        SystemStatus.ChangesRequested => RequestedChangeDeadline,
        SystemStatus.Recommended => SupervisorDecisionDeadline,
        _ => null,
    };

    private static readonly SystemStatus[] Listed = [SystemStatus.Published, SystemStatus.Registered, SystemStatus.RegisteredWithConditions];

    public static IReadOnlyList<Transition> All { get; } =
    [
        new(WorkflowAction.Submit, [SystemStatus.Draft], SystemStatus.Submitted, Capacity.Owner, false),
        new(WorkflowAction.Cancel, [SystemStatus.Submitted], SystemStatus.Draft, Capacity.Owner, false),
        new(WorkflowAction.Publish, [SystemStatus.Draft], SystemStatus.Published, Capacity.Owner, true),
        new(WorkflowAction.Assign, [SystemStatus.Submitted, SystemStatus.InReview], SystemStatus.InReview, Capacity.Supervisor, false),
        new(WorkflowAction.RequestChanges, [SystemStatus.InReview], SystemStatus.ChangesRequested, Capacity.Expert, false),
        new(WorkflowAction.Resubmit, [SystemStatus.ChangesRequested], SystemStatus.InReview, Capacity.Owner, false),
        new(WorkflowAction.Recommend, [SystemStatus.InReview], null, Capacity.Expert, false),
        new(WorkflowAction.Register, [SystemStatus.Recommended], SystemStatus.Registered, Capacity.Supervisor, true),
        new(WorkflowAction.RegisterWithConditions, [SystemStatus.Recommended], SystemStatus.RegisteredWithConditions, Capacity.Supervisor, true),
        new(WorkflowAction.Refuse, [SystemStatus.Recommended], SystemStatus.Refused, Capacity.Supervisor, true),
        new(WorkflowAction.Suspend, Listed, SystemStatus.Suspended, Capacity.Supervisor, true),
        new(WorkflowAction.Reinstate, [SystemStatus.Suspended], null, Capacity.Supervisor, true),
        new(WorkflowAction.Withdraw, [.. Listed, SystemStatus.Suspended], SystemStatus.Withdrawn, Capacity.Supervisor, true),
        new(WorkflowAction.Remove, [SystemStatus.Draft, .. Listed, SystemStatus.Refused], SystemStatus.Removed, Capacity.Owner, true),
    ];

    /// <summary>Statuses in which the owner may edit the record, classification and documents.</summary>
    public static IReadOnlyList<SystemStatus> Editable { get; } =
        [SystemStatus.Draft, SystemStatus.ChangesRequested, SystemStatus.Published, SystemStatus.Registered, SystemStatus.RegisteredWithConditions];

    /// <summary>The transition of an action; the declaration is an event without a transition.</summary>
    public static Transition Get(WorkflowAction action) =>
        All.FirstOrDefault(t => t.Action == action) ?? throw new ArgumentException($"'{action.Code()}' is not a transition of the workflow", nameof(action));

    /// <summary>The transition of a stored action code.</summary>
    public static Transition Get(string action) =>
        WorkflowCodes.ParseAction(action) is { } parsed && All.FirstOrDefault(t => t.Action == parsed) is { } transition
            ? transition
            : throw new ArgumentException($"unknown workflow action '{action}'", nameof(action));

    /// <summary>True when the action may start from the status (who may take it is checked separately).</summary>
    public static bool Allows(WorkflowAction action, SystemStatus from) => Get(action).From.Contains(from);

    /// <summary>The actions open from a status to someone acting in a capacity.</summary>
    public static IEnumerable<Transition> Available(SystemStatus from, Capacity capacity) =>
        All.Where(t => t.By == capacity && t.From.Contains(from));

    public static bool IsEditable(SystemStatus status) => Editable.Contains(status);
}

/// <summary>
/// The stored codes of workflow actions and capacities, and the way back from a code: what the database, the public
/// record and the log keep is the code; what code reads and pages show is the typed value.
/// </summary>
public static class WorkflowCodes
{
    public static IReadOnlyList<WorkflowAction> Actions { get; } = Enum.GetValues<WorkflowAction>();

    public static IReadOnlyList<Capacity> Capacities { get; } = Enum.GetValues<Capacity>();

    public static string Code(this WorkflowAction action) => action switch
    {
        WorkflowAction.Submit => RegistrationWorkflow.Submit,
        WorkflowAction.Cancel => RegistrationWorkflow.Cancel,
        WorkflowAction.Publish => RegistrationWorkflow.Publish,
        WorkflowAction.Assign => RegistrationWorkflow.Assign,
        WorkflowAction.RequestChanges => RegistrationWorkflow.RequestChanges,
        WorkflowAction.Resubmit => RegistrationWorkflow.Resubmit,
        WorkflowAction.Recommend => RegistrationWorkflow.Recommend,
        WorkflowAction.Register => RegistrationWorkflow.Register,
        WorkflowAction.RegisterWithConditions => RegistrationWorkflow.RegisterWithConditions,
        WorkflowAction.Refuse => RegistrationWorkflow.Refuse,
        WorkflowAction.Suspend => RegistrationWorkflow.Suspend,
        WorkflowAction.Reinstate => RegistrationWorkflow.Reinstate,
        WorkflowAction.Withdraw => RegistrationWorkflow.Withdraw,
        WorkflowAction.Remove => RegistrationWorkflow.Remove,
        WorkflowAction.DeclareNoConflict => RegistrationWorkflow.DeclareNoConflict,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static string Code(this Capacity capacity) => capacity switch
    {
        Capacity.Owner => "owner",
        Capacity.Expert => "expert",
        Capacity.Supervisor => "supervisor",
        Capacity.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(capacity), capacity, null),
    };

    /// <summary>The action of a stored code; null for a code this version does not know.</summary>
    public static WorkflowAction? ParseAction(string? code) => Actions.Cast<WorkflowAction?>().FirstOrDefault(a => a!.Value.Code() == code);

    /// <summary>The capacity of a stored code; null for a code this version does not know.</summary>
    public static Capacity? ParseCapacity(string? code) => Capacities.Cast<Capacity?>().FirstOrDefault(c => c!.Value.Code() == code);

    /// <summary>The event's action as a typed value (null for a code this version does not know).</summary>
    public static WorkflowAction? ActionOf(this WorkflowEvent workflowEvent)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        return ParseAction(workflowEvent.Action);
    }

    /// <summary>The capacity the event's actor acted in, as a typed value (null for a code this version does not know).</summary>
    public static Capacity? CapacityOf(this WorkflowEvent workflowEvent)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        return ParseCapacity(workflowEvent.ActorRole);
    }
}

/// <summary>The longest texts the register accepts, by what they are: one place, so the page, the API and the service agree.</summary>
public static class TextLimits
{
    /// <summary>A reason, note, message, justification or remark given with a workflow step.</summary>
    public const int Reason = 5000;

    /// <summary>One section of a required document (Markdown).</summary>
    public const int DocumentSection = 20_000;
}
