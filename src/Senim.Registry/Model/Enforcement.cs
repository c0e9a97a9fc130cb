namespace Senim.Registry.Model;

/// <summary>What an enforcement case was opened from (docs/enforcement.md); stored by name.</summary>
public enum EnforcementOrigin
{
    /// <summary>A citizen's request (its id in <see cref="EnforcementCase.OriginId"/>; the request's timeline points back).</summary>
    CitizenRequest,

    /// <summary>An incident an owner reported (the incident's id; the incidents' table is another slice's).</summary>
    Incident,

    /// <summary>An audit's finding (the audit's id).</summary>
    Audit,

    /// <summary>The supervisory body's own monitoring; no origin id.</summary>
    Monitoring,
}

/// <summary>Where an enforcement case stands (the table is <see cref="Enforcement.EnforcementWorkflow"/>).</summary>
public enum EnforcementStatus
{
    /// <summary>Opened; the supervisory body gathers evidence.</summary>
    Open,

    /// <summary>The offender was asked for its response; its deadline runs.</summary>
    AwaitingResponse,

    /// <summary>Decided; the appeal period runs (or the appeal was decided).</summary>
    Decided,

    /// <summary>The offender appealed the decision.</summary>
    Appealed,

    /// <summary>Finished.</summary>
    Closed,
}

/// <summary>What the supervisory body decided.</summary>
public enum EnforcementDecisionKind
{
    /// <summary>An administrative fine under CoAO Art. 641-1, computed with the fine table.</summary>
    Fine,

    /// <summary>A warning: a violation, no fine.</summary>
    Warning,

    /// <summary>No violation was found. Not published.</summary>
    NoViolation,

    /// <summary>An order to suspend the use of the AI system.</summary>
    SuspensionOrder,
}

/// <summary>What the appeal changed.</summary>
public enum AppealOutcome
{
    /// <summary>The decision stands.</summary>
    Upheld,

    /// <summary>The decision is annulled: it no longer counts as a penalty.</summary>
    Annulled,

    /// <summary>The decision was changed (the reasons say how).</summary>
    Changed,
}

/// <summary>
/// A case of the supervisory body against an organisation of the register (ADR 0025): opened from a citizen's request,
/// an incident, an audit or monitoring; evidence, notes, the offender's response, a decision (with the Art. 641-1 fine
/// computed and its trace kept), an appeal and its outcome. Every step is a <see cref="CaseEvent"/> of kind
/// <c>enforcement-case</c>; each public decision is an <see cref="EnforcementDecision"/> row in the transparency log.
/// </summary>
public sealed class EnforcementCase
{
    public Guid Id { get; set; }

    public EnforcementOrigin Origin { get; set; }

    /// <summary>The citizen's request, incident or audit the case comes from; null for monitoring.</summary>
    public Guid? OriginId { get; set; }

    /// <summary>The offender: an organisation of the register.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The AI system concerned, when there is one.</summary>
    public Guid? SystemId { get; set; }

    public EnforcementStatus Status { get; set; }

    /// <summary>What the case is about, as the supervisor wrote it (the offender sees it).</summary>
    public string Subject { get; set; } = "";

    public DateTime OpenedAt { get; set; }

    public Guid? OpenedBy { get; set; }

    /// <summary>The law pack's deadline of the offender's current response request.</summary>
    public string? ResponseDeadlineId { get; set; }

    public DateOnly? ResponseDueDate { get; set; }

    /// <summary>24:00 Almaty time on <see cref="ResponseDueDate"/>, UTC.</summary>
    public DateTime? ResponseDueAt { get; set; }

    public EnforcementDecisionKind? Decision { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The decision's reasons, published with it (no personal data).</summary>
    public string? DecisionReasons { get; set; }

    /// <summary>The fine table's row used (individual, small, medium, large).</summary>
    public string? OffenderCategory { get; set; }

    /// <summary>The day of the offence (a fine's repeat is counted from it).</summary>
    public DateOnly? OffenceDate { get; set; }

    /// <summary>The fine in MCI.</summary>
    public decimal? FineUnits { get; set; }

    /// <summary>The fine in tenge.</summary>
    public decimal? FineAmount { get; set; }

    /// <summary>The MCI's value used, and its year.</summary>
    public decimal? UnitValue { get; set; }

    public int? UnitYear { get; set; }

    /// <summary>Whether the fine is for a repeat offence within a year of an earlier penalty.</summary>
    public bool FineRepeat { get; set; }

    /// <summary>The calculator's trace as JSON (a list of {kk, ru, en}).</summary>
    public string? FineTraceJson { get; set; }

    /// <summary>The decision orders the suspension of the system's use.</summary>
    public bool SuspensionOrdered { get; set; }

    public string? AppealDeadlineId { get; set; }

    public DateOnly? AppealDueDate { get; set; }

    /// <summary>24:00 Almaty time on <see cref="AppealDueDate"/>, UTC: no appeal from then on.</summary>
    public DateTime? AppealDueAt { get; set; }

    public DateTime? AppealedAt { get; set; }

    public AppealOutcome? AppealOutcome { get; set; }

    public DateTime? AppealDecidedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>A file the supervisory body added to a case, kept in the file store (readable by the supervisory body and the offender's members).</summary>
public sealed class EnforcementEvidence
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public string StorageKey { get; set; } = "";

    public DateTime AddedAt { get; set; }
}

/// <summary>
/// A public decision of an enforcement case (a fine, a warning, a suspension order, an appeal's outcome), appended to the
/// transparency log in the same transaction and listed on the public decisions page. It holds no personal data: an
/// offender of the category <c>individual</c> (a natural person, a sole proprietor) is published without name or BIN.
/// </summary>
public sealed class EnforcementDecision
{
    /// <summary>Entry kinds (docs/register-formats.md).</summary>
    public const string FineKind = "enforcement-fine";

    public const string WarningKind = "enforcement-warning";

    public const string SuspensionOrderKind = "enforcement-suspension-order";

    public const string AppealKind = "enforcement-appeal";

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>One of the kinds above.</summary>
    public string Kind { get; set; } = "";

    public DateTime At { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>The offender's name at the time; null for a natural person.</summary>
    public string? OrganisationName { get; set; }

    /// <summary>The offender's BIN; null for a natural person (an IIN is personal data).</summary>
    public string? Bin { get; set; }

    /// <summary>True when the offender is a natural person (category individual): name and BIN withheld.</summary>
    public bool NaturalPerson { get; set; }

    public Guid? SystemId { get; set; }

    public string? RegisterNumber { get; set; }

    /// <summary>The published reasons.</summary>
    public string Reasons { get; set; } = "";

    /// <summary>The fine table's row (a fine).</summary>
    public string? Category { get; set; }

    public bool Repeat { get; set; }

    public decimal? FineUnits { get; set; }

    public decimal? FineAmount { get; set; }

    public decimal? UnitValue { get; set; }

    public int? UnitYear { get; set; }

    public bool SuspensionOrdered { get; set; }

    /// <summary>An appeal's outcome code (upheld, annulled, changed).</summary>
    public string? AppealOutcome { get; set; }

    /// <summary>The decision the appeal was about (an appeal's entry).</summary>
    public Guid? AppealOf { get; set; }

    /// <summary>SHA-256 of the digital signature over the decision, when it was signed (<see cref="ActSignature"/>).</summary>
    public string? SignatureSha256 { get; set; }
}
