using Senim.Registry.Citizens;
using Senim.Registry.Services;

namespace Senim.Registry.Audits;

/// <summary>Everything that happens to an audit; stored by its code (<see cref="CaseCodes"/>).</summary>
public enum AuditAction
{
    Plan,
    RecordFinding,
    AddCorrectiveAction,
    ReportActionDone,
    Pass,
    Fail,
    Cancel,
}

/// <summary>
/// An audit as an explicit table (docs/incidents-and-audits.md has the diagram): the supervisory body plans it (planned);
/// the auditor records findings (in-progress) and corrective actions, and completes it as passed or failed; the owner
/// reports corrective actions done, also after completion; the supervisory body may cancel it before completion.
/// </summary>
public static class AuditWorkflow
{
    /// <summary>The law pack's audit checklist (Law 230-VIII Arts. 19(2), 20).</summary>
    public const string Checklist = "kz.check.audit";

    /// <summary>The law pack's default period for a corrective action (working days).</summary>
    public const string CorrectiveDeadline = "kz.deadline.audit-corrective-action";

    private static readonly AuditStatus[] Running = [AuditStatus.Planned, AuditStatus.InProgress];

    public static IReadOnlyList<CaseTransition<AuditAction, AuditStatus>> All { get; } =
    [
        new(AuditAction.Plan, [], AuditStatus.Planned, CaseRole.Supervisor),
        new(AuditAction.RecordFinding, Running, AuditStatus.InProgress, CaseRole.Auditor),
        new(AuditAction.AddCorrectiveAction, [AuditStatus.InProgress], null, CaseRole.Auditor),
        new(AuditAction.ReportActionDone, [AuditStatus.InProgress, AuditStatus.Passed, AuditStatus.Failed], null, CaseRole.Owner),
        new(AuditAction.Pass, [AuditStatus.InProgress], AuditStatus.Passed, CaseRole.Auditor),
        new(AuditAction.Fail, [AuditStatus.InProgress], AuditStatus.Failed, CaseRole.Auditor),
        new(AuditAction.Cancel, Running, AuditStatus.Cancelled, CaseRole.Supervisor),
    ];

    public static CaseTransition<AuditAction, AuditStatus> Get(AuditAction action) => All.First(t => t.Action == action);
}

/// <summary>Limits of an audit's fields.</summary>
public static class AuditLimits
{
    public const int Scope = 2000;
    public const int Text = 5000;

    /// <summary>How far ahead an audit may be planned, and a corrective action's date set.</summary>
    public const int MaxDaysAhead = 730;
}
