namespace Senim.Registry.Model;

/// <summary>
/// What kind of serious incident the reporter says it is; under the EU AI Act it chooses the Art. 73 clock (death: 10 days,
/// widespread infringement or critical infrastructure: 2 days, any other serious incident: 15 days). Stored by its code.
/// </summary>
public enum IncidentKind
{
    /// <summary>The death of a person (AI Act Art. 73(4)).</summary>
    Death,

    /// <summary>A widespread infringement, or a serious and irreversible disruption of critical infrastructure (Art. 73(3)).</summary>
    Widespread,

    /// <summary>Any other serious incident (Art. 73(2)).</summary>
    Serious,
}

/// <summary>Where an incident stands (the table is <see cref="Incidents.IncidentWorkflow"/>).</summary>
public enum IncidentStatus
{
    /// <summary>Reported; the owner adds follow-ups until the final report.</summary>
    Open,

    /// <summary>The supervisory body asked the owner for information; a follow-up or the final report answers.</summary>
    InformationRequested,

    /// <summary>The owner sent the final report.</summary>
    Closed,

    /// <summary>The supervisory body reviewed the final report.</summary>
    Reviewed,
}

/// <summary>
/// An incident an owner organisation reports on one of its systems (issue 12 item 3, ADR 0025): the facts as last reported
/// (the initial report, then each follow-up and the final report may update them), and the EU AI Act Art. 73 clock when
/// the EU pack applies to the system (its current classification puts it in the EU's high-risk class). Every step is a
/// <see cref="CaseEvent"/> of case kind <c>incident</c>. Holds no personal data: people affected are counted and described
/// by category.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    /// <summary>The owner organisation of the system when reported.</summary>
    public Guid OrganisationId { get; set; }

    public IncidentKind Kind { get; set; }

    public IncidentStatus Status { get; set; }

    /// <summary>What happened.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The harm done or risked.</summary>
    public string Harm { get; set; } = "";

    /// <summary>How many people were affected, when known.</summary>
    public int? PeopleAffected { get; set; }

    /// <summary>Which categories of people (customers, patients, pupils, ...), as free text.</summary>
    public string? AffectedCategories { get; set; }

    /// <summary>The measures taken.</summary>
    public string Measures { get; set; } = "";

    /// <summary>Whether the system's use was suspended or stopped (Law 230-VIII Art. 18(2)).</summary>
    public bool UseSuspended { get; set; }

    /// <summary>When the incident happened (UTC).</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>When the owner became aware of it (UTC): the EU clock starts then.</summary>
    public DateTime AwareAt { get; set; }

    public DateTime ReportedAt { get; set; }

    public Guid? ReportedBy { get; set; }

    /// <summary>The EU pack's deadline (eu.deadline.incident-2/-10/-15) when the EU pack applies to the system; null otherwise.</summary>
    public string? EuDeadlineId { get; set; }

    /// <summary>The last day to report to the EU market-surveillance authority (calendar days after awareness).</summary>
    public DateOnly? EuDueDate { get; set; }

    /// <summary>24:00 on <see cref="EuDueDate"/> (UTC): from then on, unreported, the incident is overdue.</summary>
    public DateTime? EuDueAt { get; set; }

    /// <summary>When the owner says it reported the incident to the EU market-surveillance authority.</summary>
    public DateTime? EuReportedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public DateTime? ReviewedAt { get; set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}
