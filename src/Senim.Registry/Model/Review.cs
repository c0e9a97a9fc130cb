namespace Senim.Registry.Model;

/// <summary>What an expert recommends to the supervisor.</summary>
public enum Recommendation
{
    Register,
    RegisterWithConditions,
    Refuse,
}

/// <summary>
/// The reason a recommend event records: the recommendation, then the expert's justification ("Register: ...").
/// Pages read it back with <see cref="Parse"/> to name the recommendation in the reader's language.
/// </summary>
public static class RecommendationNote
{
    public static string Format(Recommendation recommendation, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"{recommendation}: {text.Trim()}";
    }

    /// <summary>The recommendation and the justification of a recommend event's reason; no recommendation when it is not one.</summary>
    public static (Recommendation? Recommendation, string Text) Parse(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        foreach (var value in Enum.GetValues<Recommendation>())
        {
            var head = value + ": ";
            if (reason.StartsWith(head, StringComparison.Ordinal))
            {
                return (value, reason[head.Length..]);
            }
        }

        return (null, reason);
    }
}

/// <summary>An expert's verdict on one checklist item.</summary>
public enum ChecklistVerdict
{
    Satisfied,
    Issue,
    NotApplicable,
}

/// <summary>An expert assigned to a system's preliminary expert review.</summary>
public sealed class ReviewAssignment
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    public Guid ExpertId { get; set; }

    public SenimUser? Expert { get; set; }

    public Guid AssignedBy { get; set; }

    public DateTime AssignedAt { get; set; }

    /// <summary>When the expert declared having no conflict of interest; the review starts only after it.</summary>
    public DateTime? NoConflictDeclaredAt { get; set; }

    public Recommendation? Recommendation { get; set; }

    public string? RecommendationText { get; set; }

    public DateTime? RecommendedAt { get; set; }

    /// <summary>False once the review round ended (decision made, or the expert was replaced).</summary>
    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public List<ChecklistRemark> Remarks { get; set; } = [];
}

/// <summary>An expert's verdict and remark on one item of the pack's review checklist.</summary>
public sealed class ChecklistRemark
{
    public Guid Id { get; set; }

    public Guid AssignmentId { get; set; }

    public string ItemId { get; set; } = "";

    public ChecklistVerdict Verdict { get; set; }

    public string? Remark { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>An expert's request for changes, which the owner sees until resubmitting.</summary>
public sealed class ChangeRequest
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    public Guid AssignmentId { get; set; }

    public string Message { get; set; } = "";

    /// <summary>[{item, remark}] the expert flagged, as JSON.</summary>
    public string ItemsJson { get; set; } = "[]";

    public DateTime RequestedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }
}

/// <summary>One transition of the registration workflow: who, when, why.</summary>
public sealed class WorkflowEvent
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    /// <summary>Increasing per system, for stable ordering.</summary>
    public int Sequence { get; set; }

    public SystemStatus From { get; set; }

    public SystemStatus To { get; set; }

    /// <summary>The action's code: submit, assign, request-changes, decide-register, ...</summary>
    public string Action { get; set; } = "";

    public Guid? ActorId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>The capacity the actor acted in: owner, expert, supervisor, admin, system.</summary>
    public string ActorRole { get; set; } = "";

    public DateTime At { get; set; }

    public string? Reason { get; set; }

    /// <summary>True when the event appears in the public history of a published system.</summary>
    public bool IsPublic { get; set; }

    /// <summary>SHA-256 of the digital signature over the act the event records (a decision, a recommendation), when signed: the log entry of a public event carries it.</summary>
    public string? SignatureSha256 { get; set; }
}

/// <summary>The next register number of a year: KZ-AI-YYYY-NNNNNN.</summary>
public sealed class RegisterCounter
{
    public int Year { get; set; }

    public int Next { get; set; }

    /// <summary>The register number <paramref name="number"/> of <paramref name="year"/>: KZ-AI-YYYY-NNNNNN.</summary>
    public static string Format(int year, int number) => $"KZ-AI-{year}-{number:000000}";
}

internal static class RegisterCounterSet
{
    /// <summary>The counter of <paramref name="year"/>, added (starting at 1) when the year has none yet.</summary>
    public static async Task<RegisterCounter> ForYearAsync(this DbSet<RegisterCounter> counters, int year, CancellationToken cancellationToken)
    {
        var counter = await counters.FirstOrDefaultAsync(c => c.Year == year, cancellationToken);
        if (counter is null)
        {
            counter = new RegisterCounter { Year = year, Next = 1 };
            counters.Add(counter);
        }

        return counter;
    }
}
