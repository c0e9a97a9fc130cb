namespace Senim.Registry.Model;

/// <summary>Where an audit stands (the table is <see cref="Audits.AuditWorkflow"/>).</summary>
public enum AuditStatus
{
    /// <summary>Planned by the supervisory body; no finding yet.</summary>
    Planned,

    /// <summary>The auditor has recorded findings.</summary>
    InProgress,

    /// <summary>Completed: the system passed (it may enter its sector's trusted list).</summary>
    Passed,

    /// <summary>Completed: the system failed.</summary>
    Failed,

    /// <summary>Called off by the supervisory body before completion.</summary>
    Cancelled,
}

/// <summary>An auditor's finding on one checklist item.</summary>
public enum FindingResult
{
    Met,
    NotMet,
    NotApplicable,
}

/// <summary>
/// An audit of a registered system (Law 230-VIII Arts. 19(2), 20; issue 12 item 4): planned by the supervisory body with
/// its sector, scope, dates and auditor (a supervisor or an expert account); the auditor records a finding per item of the
/// law pack's audit checklist and corrective actions, and completes it as passed or failed. Every step is a
/// <see cref="CaseEvent"/> of case kind <c>audit</c>.
/// </summary>
public sealed class Audit
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    /// <summary>The owner organisation of the system when planned: its members see the findings.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The sector the audit is for (a code of <see cref="Sectors"/>): the trusted list the system may enter.</summary>
    public string Sector { get; set; } = "";

    public string Scope { get; set; } = "";

    public DateOnly PlannedStart { get; set; }

    public DateOnly PlannedEnd { get; set; }

    /// <summary>The account that audits: a supervisor or an expert.</summary>
    public Guid AuditorId { get; set; }

    /// <summary>The law pack's checklist (kz.check.audit) and the pack version it was planned under.</summary>
    public string ChecklistId { get; set; } = "";

    public string PackVersion { get; set; } = "";

    public AuditStatus Status { get; set; }

    public Guid? PlannedBy { get; set; }

    public DateTime PlannedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>The auditor's conclusion on completion, or the supervisory body's reason for cancelling.</summary>
    public string? Conclusion { get; set; }

    public List<AuditFinding> Findings { get; set; } = [];

    public List<CorrectiveAction> Actions { get; set; } = [];

    /// <summary>Incremented on every change; the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>The auditor's finding on one checklist item (one per item; recording it again replaces it while the audit runs).</summary>
public sealed class AuditFinding
{
    public Guid Id { get; set; }

    public Guid AuditId { get; set; }

    public string ItemId { get; set; } = "";

    public FindingResult Result { get; set; }

    public string? Note { get; set; }

    /// <summary>The evidence file as the file store keeps it, its name and SHA-256.</summary>
    public string? EvidenceKey { get; set; }

    public string? EvidenceName { get; set; }

    public string? EvidenceSha256 { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>A corrective action the auditor asks of the owner for a checklist item, with its deadline; the owner reports it done.</summary>
public sealed class CorrectiveAction
{
    public Guid Id { get; set; }

    public Guid AuditId { get; set; }

    public string ItemId { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>The last day (Kazakhstan's calendar): working days from the law pack's default, or a date the auditor set.</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>24:00 Almaty time on <see cref="DueDate"/>, UTC.</summary>
    public DateTime DueAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DoneAt { get; set; }

    /// <summary>What the owner says was done.</summary>
    public string? DoneText { get; set; }
}

/// <summary>
/// A system's place on its sector's trusted list (Law 230-VIII Art. 19): entered by the supervisory body after a passed
/// audit, removed with a reason. Each entry and removal is a <see cref="TrustedListEvent"/>, appended to the transparency log.
/// </summary>
public sealed class TrustedListEntry
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    public string Sector { get; set; } = "";

    /// <summary>The passed audit it rests on.</summary>
    public Guid AuditId { get; set; }

    public DateTime EnteredAt { get; set; }

    public DateTime? RemovedAt { get; set; }

    public string? RemovalReason { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A public event of a trusted list (an entry or a removal), as logged: the integrity check rebuilds the log entry from this
/// row, so it is never changed. Names no person.
/// </summary>
public sealed class TrustedListEvent
{
    public const string Entry = "trusted-list-entry";
    public const string Removal = "trusted-list-removal";

    public Guid Id { get; set; }

    /// <summary><see cref="Entry"/> or <see cref="Removal"/>.</summary>
    public string Kind { get; set; } = "";

    public Guid EntryId { get; set; }

    public Guid SystemId { get; set; }

    /// <summary>The system's register number then.</summary>
    public string? RegisterNumber { get; set; }

    public string Sector { get; set; } = "";

    public Guid AuditId { get; set; }

    /// <summary>The published reason (a removal's).</summary>
    public string? Reason { get; set; }

    public DateTime At { get; set; }
}
