namespace Senim.Registry.Model;

/// <summary>Where a system stands in the register. Transitions are defined in Workflow/RegistrationWorkflow.</summary>
public enum SystemStatus
{
    Draft,
    Submitted,
    InReview,
    ChangesRequested,
    Recommended,
    Registered,
    RegisteredWithConditions,
    Refused,
    Published,
    Suspended,
    Withdrawn,
    Removed,
}

/// <summary>The organisation's relation to the system under Law 230-VIII.</summary>
public enum OwnershipRole
{
    Owner,
    Holder,
}

/// <summary>Usage mode under Art. 17(4).</summary>
public enum UsageMode
{
    Open,
    Closed,
    Local,
}

/// <summary>An AI system in the register. Names and purposes may be given in any of the three languages.</summary>
public sealed class AiSystem
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string? NameKk { get; set; }

    public string? NameRu { get; set; }

    public string? NameEn { get; set; }

    public string? PurposeKk { get; set; }

    public string? PurposeRu { get; set; }

    public string? PurposeEn { get; set; }

    public string? Description { get; set; }

    /// <summary>A sector code from Sectors.All.</summary>
    public string Sector { get; set; } = "";

    public OwnershipRole Role { get; set; }

    public string? DataAndModels { get; set; }

    public UsageMode? Mode { get; set; }

    public string? Contact { get; set; }

    public string? SupportChannel { get; set; }

    public string? UserAgreementUrl { get; set; }

    public SystemStatus Status { get; set; }

    /// <summary>KZ-AI-YYYY-NNNNNN, given when the supervisor registers the system.</summary>
    public string? RegisterNumber { get; set; }

    public DateTime? RegisteredAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public string? Conditions { get; set; }

    public DateOnly? ConditionsDeadline { get; set; }

    public string? DecisionReason { get; set; }

    /// <summary>
    /// The law pack's deadline for the step the system waits on (expert review, a requested change, the supervisor's
    /// decision: <see cref="Workflow.RegistrationWorkflow.DeadlineOf"/>), set when the system enters that status and
    /// cleared when it leaves; null when nothing waits on a deadline. Stored, never recounted: a later pack or calendar
    /// does not move a running deadline (ADR 0025).
    /// </summary>
    public string? StepDeadline { get; set; }

    /// <summary>The last day of <see cref="StepDeadline"/> (Almaty), for pages.</summary>
    public DateOnly? StepDueDate { get; set; }

    /// <summary>The instant <see cref="StepDeadline"/> passes (UTC), for the overdue checks.</summary>
    public DateTime? StepDueAt { get; set; }

    /// <summary>When the people the step waits on were told it is overdue; null until then (one reminder per step).</summary>
    public DateTime? StepOverdueNotifiedAt { get; set; }

    /// <summary>The current classification's KZ risk tier (minimal, medium, high), for filters; null when unclassified or undetermined.</summary>
    public string? Tier { get; set; }

    /// <summary>True when the current classification found a prohibited capability.</summary>
    public bool Prohibited { get; set; }

    /// <summary>The name used for sorting: the first of the Russian, Kazakh and English names, lowercased.</summary>
    public string SortName { get; set; } = "";

    /// <summary>Lowercased names, purposes and organisation name in every language, for search.</summary>
    public string SearchText { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token and the ETag.</summary>
    public int Version { get; set; }

    /// <summary>True while the public register lists the system (derived from <see cref="Status"/>, stored for indexed queries).</summary>
    public bool Listed { get; set; }

    /// <summary>
    /// What the public register publishes about the system, as canonical JSON (senim.register/1 without
    /// the host-dependent url), rebuilt on every change; null while the system is not public.
    /// </summary>
    public string? PublicJson { get; set; }

    public bool IsPublic => SystemStatuses.IsPublic(Status);
}

/// <summary>Which statuses the public register shows.</summary>
public static class SystemStatuses
{
    public static IReadOnlyList<SystemStatus> Public { get; } =
    [
        SystemStatus.Published, SystemStatus.Registered, SystemStatus.RegisteredWithConditions,
        SystemStatus.Refused, SystemStatus.Suspended, SystemStatus.Withdrawn,
    ];

    public static bool IsPublic(SystemStatus status) => Public.Contains(status);

    /// <summary>kebab-case name used in URLs, JSON and CSV.</summary>
    public static string Code(this SystemStatus status) => status switch
    {
        SystemStatus.InReview => "in-review",
        SystemStatus.ChangesRequested => "changes-requested",
        SystemStatus.RegisteredWithConditions => "registered-with-conditions",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static SystemStatus? Parse(string? code) =>
        Enum.GetValues<SystemStatus>().Cast<SystemStatus?>().FirstOrDefault(s => s!.Value.Code() == code);
}

/// <summary>One version of a system record: a snapshot taken after every change, for history and diffs.</summary>
public sealed class SystemVersion
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    public int Version { get; set; }

    /// <summary>The record's fields and its classification summary as JSON (see SystemSnapshot).</summary>
    public string SnapshotJson { get; set; } = "";

    /// <summary>created, edited, classified, submitted, ... (the action that made this version).</summary>
    public string Change { get; set; } = "";

    public Guid? ChangedBy { get; set; }

    public string ChangedByName { get; set; } = "";

    public DateTime ChangedAt { get; set; }
}

/// <summary>A classification of a system: the answers, the packs used, and what they concluded.</summary>
public sealed class Classification
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    /// <summary>1, 2, 3, ... per system.</summary>
    public int Number { get; set; }

    public bool IsCurrent { get; set; }

    /// <summary>The --law selector used: kz, eu or all.</summary>
    public string Law { get; set; } = "all";

    public DateOnly At { get; set; }

    /// <summary>Question id → answer as written in a system description (yes, an option, [a, b], a date).</summary>
    public string AnswersJson { get; set; } = "{}";

    /// <summary>[{id, version, hash}] of the packs applied.</summary>
    public string PacksJson { get; set; } = "[]";

    /// <summary>The law set (all packs) the classification was made under.</summary>
    public Guid? LawSetId { get; set; }

    public string? KzTier { get; set; }

    public string? EuTier { get; set; }

    public bool Complete { get; set; }

    public bool Prohibited { get; set; }

    /// <summary>Ids of prohibited capabilities and practices found, comma-separated.</summary>
    public string ProhibitedIds { get; set; } = "";

    /// <summary>Ids of the obligations that apply or will apply, comma-separated (to compare versions).</summary>
    public string ObligationIds { get; set; } = "";

    public Guid? ClassifiedBy { get; set; }

    public DateTime ClassifiedAt { get; set; }

    /// <summary>Why it was made: owner, reclassified, law-update.</summary>
    public string Reason { get; set; } = "owner";
}
