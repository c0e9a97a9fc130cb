namespace Senim.Registry.Model;

/// <summary>What a person asks of an AI system's owner (Law 230-VIII Arts. 7(2), 16(1), 21(2)-(3)); stored by its code.</summary>
public enum CitizenRequestKind
{
    /// <summary>An objection to an automated decision (Art. 7(2)): the owner reviews it by a human and says the outcome.</summary>
    Objection,

    /// <summary>A request for an explanation of a result that affects the person (Art. 16(1)(4)).</summary>
    ExplanationRequest,

    /// <summary>A request for the data a decision was based on (Art. 16(1)(5)).</summary>
    DataRequest,

    /// <summary>A refusal of interaction with the AI system (Art. 16(1)(6)).</summary>
    InteractionRefusal,

    /// <summary>A complaint about synthetic content spread without a label (Art. 21(2)-(3)).</summary>
    SyntheticContentComplaint,
}

/// <summary>Where a citizen's request stands (the table is <see cref="Citizens.CitizenWorkflow"/>).</summary>
public enum CitizenRequestStatus
{
    /// <summary>Filed; no handler yet. The deadline runs.</summary>
    Received,

    /// <summary>A member of the owner organisation handles it. The deadline runs.</summary>
    Assigned,

    /// <summary>The handler answered; the deadline is met.</summary>
    Answered,

    /// <summary>Finished: by the handler after an answer, or by the supervisory body after an escalation.</summary>
    Closed,

    /// <summary>With the supervisory body: the deadline passed unanswered, or the system is not in the register.</summary>
    Escalated,
}

/// <summary>What a human review of an objected automated decision found.</summary>
public enum ReviewOutcome
{
    /// <summary>The decision stands.</summary>
    Upheld,

    /// <summary>The decision was changed in part.</summary>
    Changed,

    /// <summary>The decision was reversed.</summary>
    Reversed,
}

/// <summary>
/// A person's request about an AI system (ADR 0025): against a system of the register, or one the person names.
/// Holds no personal data: the person's name, contact and own words are a sealed <see cref="PersonalData"/> row
/// (<see cref="PersonalDataId"/>), erased after the retention period. The tracking code is stored only as its hash.
/// </summary>
public sealed class CitizenRequest
{
    public Guid Id { get; set; }

    /// <summary>Lowercase hex SHA-256 of the tracking code's 16 characters (<see cref="Citizens.TrackingCode"/>).</summary>
    public string TrackingHash { get; set; } = "";

    public CitizenRequestKind Kind { get; set; }

    public CitizenRequestStatus Status { get; set; }

    /// <summary>The registered system the request is about; null for a system the person named.</summary>
    public Guid? SystemId { get; set; }

    /// <summary>The owner organisation of <see cref="SystemId"/> at filing: whose inbox it is in. Null for a named system.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The name of a system not in the register, as the person wrote it.</summary>
    public string? NamedSystem { get; set; }

    /// <summary>The organisation running the named system, as the person wrote it.</summary>
    public string? NamedOrganisation { get; set; }

    /// <summary>Where unlabelled content was seen (a complaint).</summary>
    public string? ContentLink { get; set; }

    /// <summary>The file a complaint is about, as the file store keeps it (the web slice stores it).</summary>
    public string? ContentFileKey { get; set; }

    /// <summary>Lowercase hex SHA-256 of that file.</summary>
    public string? ContentSha256 { get; set; }

    /// <summary>The label verifier's verdict on the file (<see cref="Labels.LabelVerdict.Code"/>: no-label, trusted, ...).</summary>
    public string? LabelVerdict { get; set; }

    /// <summary>The register number the file's label names, if any.</summary>
    public string? LabelRegisterNumber { get; set; }

    /// <summary>The verifier's warning codes, comma-separated.</summary>
    public string? LabelWarnings { get; set; }

    /// <summary>The law pack's deadline the request runs on (kz.deadline.objection-reply, ...).</summary>
    public string DeadlineId { get; set; } = "";

    public DateTime FiledAt { get; set; }

    /// <summary>The last day of the deadline, in Kazakhstan's calendar.</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>24:00 Almaty time on <see cref="DueDate"/>, UTC: from then on the request is overdue.</summary>
    public DateTime DueAt { get; set; }

    /// <summary>kk, ru or en: the language of the person's mails.</summary>
    public string Language { get; set; } = "kk";

    /// <summary>The account that filed it, when the person was signed in.</summary>
    public Guid? FiledBy { get; set; }

    /// <summary>The member of the owner organisation who handles it.</summary>
    public Guid? HandlerId { get; set; }

    public DateTime? AssignedAt { get; set; }

    /// <summary>The handler's answer, which the tracking page shows to the person.</summary>
    public string? Answer { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>The human review's outcome (objections only).</summary>
    public ReviewOutcome? Outcome { get; set; }

    public string? OutcomeText { get; set; }

    public DateTime? EscalatedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The sealed personal data; null once it was erased.</summary>
    public Guid? PersonalDataId { get; set; }

    /// <summary>Lowercase hex SHA-256 of the person's e-mail in its normal form (the flood limit counts by it); erased with the personal data.</summary>
    public string? ContactHash { get; set; }

    public DateTime? ErasedAt { get; set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>
/// A person's data, sealed with ASP.NET Core Data Protection under the purpose <see cref="Citizens.PersonalDataSeal.Purpose"/>:
/// nothing else in the register can read it, and deleting the row erases it.
/// </summary>
public sealed class PersonalData
{
    public Guid Id { get; set; }

    /// <summary>The protected JSON of <see cref="Citizens.PersonalDetails"/>.</summary>
    public string Sealed { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One step of a case (ADR 0025): a citizen's request today, incidents, audits and enforcement cases later. The
/// tracking page, the owner's inbox and notifications read the same rows. <see cref="Text"/> never holds the
/// person's personal data (their own words are sealed apart).
/// </summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; }

    /// <summary>What kind of case: <see cref="Citizens.CaseKinds"/>.</summary>
    public string CaseKind { get; set; } = "";

    public Guid CaseId { get; set; }

    /// <summary>1, 2, ... within the case.</summary>
    public int Sequence { get; set; }

    /// <summary>The step's code (file, assign, answer, ...).</summary>
    public string Action { get; set; } = "";

    /// <summary>The status code before the step; null for the first.</summary>
    public string? From { get; set; }

    /// <summary>The status code after the step.</summary>
    public string To { get; set; } = "";

    /// <summary>In which capacity: citizen, owner, supervisor, system.</summary>
    public string ActorRole { get; set; } = "";

    /// <summary>The account that acted (null for a person without an account, and for Senim).</summary>
    public Guid? ActorId { get; set; }

    /// <summary>The acting member's or official's name, for the owner's and the supervisor's timeline; never shown on the tracking page.</summary>
    public string? ActorName { get; set; }

    /// <summary>What the step says to the person (an answer, an outcome); null when it says nothing.</summary>
    public string? Text { get; set; }

    public DateTime At { get; set; }
}
