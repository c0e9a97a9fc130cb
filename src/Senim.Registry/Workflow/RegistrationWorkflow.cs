using Senim.Registry.Model;

namespace Senim.Registry.Workflow;

/// <summary>In which capacity someone acts on a system.</summary>
public enum Capacity
{
    /// <summary>A member (admin or editor) of the organisation that owns or holds the system.</summary>
    Owner,

    /// <summary>An expert assigned to the system's preliminary review, after declaring no conflict of interest.</summary>
    Expert,

    /// <summary>The supervisory body.</summary>
    Supervisor,
}

/// <summary>One allowed transition: an action, the statuses it starts from, where it leads, and who may take it.</summary>
/// <param name="To">The status after the action; null when it depends on the case (recommend, reinstate).</param>
/// <param name="IsPublic">True when the event belongs to the public history of the system.</param>
public sealed record Transition(string Action, IReadOnlyList<SystemStatus> From, SystemStatus? To, Capacity By, bool IsPublic);

/// <summary>
/// The registration workflow as an explicit table (see docs/registration.md for the diagram).
/// High-risk systems: draft → submitted → in review (⇄ changes requested) → recommended →
/// registered / registered with conditions / refused. Other systems: draft → published (by notification).
/// Afterwards: suspended, reinstated, withdrawn by the supervisor, or removed by the owner.
/// </summary>
public static class RegistrationWorkflow
{
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

    private static readonly SystemStatus[] Listed = [SystemStatus.Published, SystemStatus.Registered, SystemStatus.RegisteredWithConditions];

    public static IReadOnlyList<Transition> All { get; } =
    [
        new(Submit, [SystemStatus.Draft], SystemStatus.Submitted, Capacity.Owner, false),
        new(Cancel, [SystemStatus.Submitted], SystemStatus.Draft, Capacity.Owner, false),
        new(Publish, [SystemStatus.Draft], SystemStatus.Published, Capacity.Owner, true),
        new(Assign, [SystemStatus.Submitted, SystemStatus.InReview], SystemStatus.InReview, Capacity.Supervisor, false),
        new(RequestChanges, [SystemStatus.InReview], SystemStatus.ChangesRequested, Capacity.Expert, false),
        new(Resubmit, [SystemStatus.ChangesRequested], SystemStatus.InReview, Capacity.Owner, false),
        new(Recommend, [SystemStatus.InReview], null, Capacity.Expert, false),
        new(Register, [SystemStatus.Recommended], SystemStatus.Registered, Capacity.Supervisor, true),
        new(RegisterWithConditions, [SystemStatus.Recommended], SystemStatus.RegisteredWithConditions, Capacity.Supervisor, true),
        new(Refuse, [SystemStatus.Recommended], SystemStatus.Refused, Capacity.Supervisor, true),
        new(Suspend, Listed, SystemStatus.Suspended, Capacity.Supervisor, true),
        new(Reinstate, [SystemStatus.Suspended], null, Capacity.Supervisor, true),
        new(Withdraw, [.. Listed, SystemStatus.Suspended], SystemStatus.Withdrawn, Capacity.Supervisor, true),
        new(Remove, [SystemStatus.Draft, .. Listed, SystemStatus.Refused], SystemStatus.Removed, Capacity.Owner, true),
    ];

    /// <summary>Statuses in which the owner may edit the record, classification and documents.</summary>
    public static IReadOnlyList<SystemStatus> Editable { get; } =
        [SystemStatus.Draft, SystemStatus.ChangesRequested, SystemStatus.Published, SystemStatus.Registered, SystemStatus.RegisteredWithConditions];

    public static Transition Get(string action) =>
        All.FirstOrDefault(t => t.Action == action) ?? throw new ArgumentException($"unknown workflow action '{action}'", nameof(action));

    /// <summary>True when the action may start from the status (who may take it is checked separately).</summary>
    public static bool Allows(string action, SystemStatus from) => Get(action).From.Contains(from);

    /// <summary>The actions open from a status to someone acting in a capacity.</summary>
    public static IEnumerable<Transition> Available(SystemStatus from, Capacity capacity) =>
        All.Where(t => t.By == capacity && t.From.Contains(from));

    public static bool IsEditable(SystemStatus status) => Editable.Contains(status);
}
