using Senim.Registry.Workflow;

namespace Senim.Registry.Access;

/// <summary>Why a system is opened: it decides who may see it (and, for a change, who may make it).</summary>
public enum SystemPurpose
{
    /// <summary>To read it: members of the owning organisation, supervisors and admins, and the experts on its active review panel (its documents only once they declared no conflict of interest).</summary>
    Read,

    /// <summary>To change its record, classification or documentation: whoever may read it, and only the owning organisation's admins and editors may go on (403 for the others).</summary>
    Change,

    /// <summary>To take a workflow step: members, supervisors and admins, and the experts on its active panel (the transition says who may take which step).</summary>
    Workflow,
}

/// <summary>
/// A system opened once for one actor (<c>SystemService.OpenAsync</c>): the tracked row with its organisation, the
/// actor's own review assignments, and what the actor may do with it. The register's services take this handle instead
/// of an id, so a request authorises once and reads the row once, however many services it calls.
/// </summary>
public sealed class SystemAccess
{
    private readonly IReadOnlyList<ReviewAssignment> _assignments;

    internal SystemAccess(Actor actor, AiSystem system, SystemPurpose purpose, IReadOnlyList<ReviewAssignment> assignments)
    {
        Actor = actor;
        System = system;
        Purpose = purpose;
        _assignments = assignments;
    }

    public Actor Actor { get; }

    /// <summary>The system's row, tracked by the request's context, with its organisation.</summary>
    public AiSystem System { get; }

    public Guid Id => System.Id;

    public SystemPurpose Purpose { get; }

    /// <summary>The actor's assignment on the system's active panel (tracked), or null when the actor does not review it now.</summary>
    public ReviewAssignment? ActiveAssignment => _assignments.FirstOrDefault(a => a.Active);

    /// <summary>The actor's own review of the system: the active assignment, else the latest one; null when never assigned.</summary>
    public ReviewAssignment? LatestAssignment => _assignments.OrderByDescending(a => a.Active).ThenByDescending(a => a.AssignedAt).FirstOrDefault();

    /// <summary>True when the actor is an admin or editor of the owning organisation.</summary>
    public bool IsEditor => Actor.CanEdit(System.OrganisationId);

    /// <summary>True when the actor may change the record, its classification and documentation now (an editor, and the status allows it).</summary>
    public bool CanChangeNow => IsEditor && RegistrationWorkflow.IsEditable(System.Status);

    /// <summary>True when the actor sees every expert's review of the system (the supervisory body and platform admins).</summary>
    public bool SeesPanel => Actor.IsSupervisor || Actor.IsAdmin;

    /// <summary>True when the actor may act on the system in the capacity (the transition table's "by").</summary>
    public bool CanActAs(Capacity capacity) => capacity switch
    {
        Capacity.Owner => IsEditor,
        Capacity.Supervisor => Actor.IsSupervisor,
        Capacity.Expert => ActiveAssignment is not null,
        _ => Actor.IsSystem,
    };

    /// <summary>Refuses (403) an actor who is not an admin or editor of the owning organisation; <paramref name="what"/> names what they may not change.</summary>
    internal void RequireEditor(string what = "systems")
    {
        if (!IsEditor)
        {
            throw new ForbiddenException("not-editor", "Only the organisation's admins and editors may change its {0}.", what);
        }
    }

    /// <summary>Checks a new version of the record: the version the actor read first, then whether the status allows changes.</summary>
    internal void RequireChange(int expectedVersion)
    {
        if (System.Version != expectedVersion)
        {
            throw new ConcurrencyException("system", expectedVersion, System.Version);
        }

        RequireEditable();
    }

    /// <summary>Refuses a change while the status does not allow one (in review, suspended, ...).</summary>
    internal void RequireEditable()
    {
        if (!RegistrationWorkflow.IsEditable(System.Status))
        {
            throw new RuleException("not-editable", "A system that is {0} cannot be edited now.", System.Status.Code());
        }
    }

    /// <summary>The actor's assignment on the active panel (tracked); refuses anyone else, and (when asked) an expert who has not declared yet.</summary>
    internal ReviewAssignment RequireAssignment(bool declared)
    {
        var assignment = ActiveAssignment ?? throw new ForbiddenException("not-assigned", "Only an expert assigned to this system's review may do this.");
        if (declared && assignment.NoConflictDeclaredAt is null)
        {
            throw new RuleException("declare-first", "Declare that you have no conflict of interest before reviewing.");
        }

        return assignment;
    }

    /// <summary>
    /// True when the actor may read the system's documents and evidence: whoever reads the organisation, and an expert on
    /// the active panel once they declared having no conflict of interest (before that, the record and its classification
    /// are enough to judge a conflict).
    /// </summary>
    public bool SeesDocuments =>
        Actor.CanReadOrganisation(System.OrganisationId) || ActiveAssignment is { NoConflictDeclaredAt: not null };

    /// <summary>Refuses (403) an expert who has not declared having no conflict of interest yet (<see cref="SeesDocuments"/>).</summary>
    internal void RequireDocuments()
    {
        if (!SeesDocuments)
        {
            throw new ForbiddenException("declare-before-documents", "Declare that you have no conflict of interest before reading the system's documents.");
        }
    }

    /// <summary>Refuses (403) anyone but the supervisory body.</summary>
    internal void RequireSupervisor()
    {
        if (!Actor.IsSupervisor)
        {
            throw new ForbiddenException("supervisor-only", "Only the supervisory body may do this.");
        }
    }
}
