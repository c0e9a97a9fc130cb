namespace Senim.Registry.Services;

/// <summary>The supervisor's work lists.</summary>
public enum SupervisionList
{
    /// <summary>Submitted, waiting for experts to be assigned.</summary>
    AwaitingExperts,

    /// <summary>In review, or back with the owner for changes.</summary>
    InReview,

    /// <summary>Every expert recommended: waiting for the decision.</summary>
    AwaitingDecision,

    /// <summary>Registered with conditions whose deadline has passed.</summary>
    ConditionsOverdue,

    /// <summary>Suspended registrations.</summary>
    Suspended,
}

/// <summary>One line of a work list.</summary>
/// <param name="Since">When the system reached its current status.</param>
/// <param name="ReviewStarted">When the first expert of the current panel was assigned (review lists only).</param>
public sealed record SupervisionRow(
    Guid SystemId,
    string? NameKk,
    string? NameRu,
    string? NameEn,
    string OrganisationName,
    SystemStatus Status,
    string? RegisterNumber,
    DateTime Since,
    DateTime? ReviewStarted,
    int Experts,
    int Recommendations,
    DateOnly? ConditionsDeadline,
    int Version,
    DateOnly? DueDate = null,
    DateTime? DueAt = null);

/// <summary>A user with the expert role, as a candidate for a system's panel.</summary>
/// <param name="Conflicted">A member of the submitting organisation: may not review its system.</param>
public sealed record ExpertCandidate(Guid Id, string Name, string Email, bool Conflicted, bool Assigned, int ActiveAssignments);

/// <summary>The supervisory body's view of the registration workflow: work lists and expert candidates.</summary>
public sealed class SupervisionService(RegistryDb db, TimeProvider time)
{
    public static IReadOnlyList<SupervisionList> Lists { get; } = Enum.GetValues<SupervisionList>();

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>How many systems each list holds.</summary>
    public async Task<IReadOnlyDictionary<SupervisionList, int>> CountsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireSupervisor(actor);
        var counts = new Dictionary<SupervisionList, int>();
        foreach (var list in Lists)
        {
            counts[list] = await Query(list).CountAsync(cancellationToken);
        }

        return counts;
    }

    /// <summary>One page of a work list; the oldest waiting first (overdue conditions: the earliest deadline first).</summary>
    public async Task<Page<SupervisionRow>> ListAsync(Actor actor, SupervisionList list, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        RequireSupervisor(actor);
        NotificationService.ValidatePage(page, pageSize);
        var query = Query(list);
        var total = await query.CountAsync(cancellationToken);
        var ordered = list switch
        {
            SupervisionList.ConditionsOverdue => query.OrderBy(s => s.ConditionsDeadline).ThenBy(s => s.Id),
            SupervisionList.Suspended => query.OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Id),
            _ => query.OrderBy(s => s.UpdatedAt).ThenBy(s => s.Id),
        };
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new { s.Id, s.NameKk, s.NameRu, s.NameEn, Organisation = s.Organisation!.Name, s.Status, s.RegisterNumber, s.UpdatedAt, s.ConditionsDeadline, s.Version, s.StepDueDate, s.StepDueAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var panels = await db.ReviewAssignments.AsNoTracking().Where(a => ids.Contains(a.SystemId) && a.Active)
            .Select(a => new { a.SystemId, a.AssignedAt, Recommended = a.Recommendation != null })
            .ToListAsync(cancellationToken);
        var since = await db.WorkflowEvents.AsNoTracking().Where(e => ids.Contains(e.SystemId) && e.From != e.To)
            .GroupBy(e => e.SystemId).Select(g => new { SystemId = g.Key, At = g.Max(e => e.At) })
            .ToDictionaryAsync(x => x.SystemId, x => x.At, cancellationToken);
        return new Page<SupervisionRow>(
            [.. rows.Select(r =>
            {
                var panel = panels.Where(p => p.SystemId == r.Id).ToList();
                return new SupervisionRow(r.Id, r.NameKk, r.NameRu, r.NameEn, r.Organisation, r.Status, r.RegisterNumber,
                    since.TryGetValue(r.Id, out var at) ? at : r.UpdatedAt,
                    panel.Count > 0 ? panel.Min(p => p.AssignedAt) : null,
                    panel.Count, panel.Count(p => p.Recommended), r.ConditionsDeadline, r.Version, r.StepDueDate, r.StepDueAt);
            })],
            total, page, pageSize);
    }

    /// <summary>Every user with the expert role, marked when they belong to the system's organisation or are on its panel now.</summary>
    public async Task<IReadOnlyList<ExpertCandidate>> ExpertsAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.RequireSupervisor();
        var (system, systemId) = (access.System, access.Id);
        var experts = await db.UserRoles.AsNoTracking()
            .Join(db.Roles.AsNoTracking().Where(r => r.Name == PlatformRoles.Expert), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users.AsNoTracking(), id => id, u => u.Id, (_, u) => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(cancellationToken);
        var ids = experts.Select(e => e.Id).ToList();
        var members = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == system.OrganisationId && ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);
        var active = await db.ReviewAssignments.AsNoTracking().Where(a => a.Active && ids.Contains(a.ExpertId))
            .GroupBy(a => a.ExpertId).Select(g => new { Expert = g.Key, Count = g.Count(), Here = g.Any(a => a.SystemId == systemId) })
            .ToDictionaryAsync(x => x.Expert, cancellationToken);
        return [.. experts
            .Select(e => new ExpertCandidate(e.Id, e.DisplayName, e.Email ?? "", members.Contains(e.Id),
                active.TryGetValue(e.Id, out var a) && a.Here, a?.Count ?? 0))
            .OrderBy(e => e.Conflicted).ThenBy(e => e.Name, StringComparer.CurrentCulture)];
    }

    private IQueryable<AiSystem> Query(SupervisionList list)
    {
        var systems = db.Systems.AsNoTracking().Where(s => s.Organisation!.DeletedAt == null);
        var today = Today;
        return list switch
        {
            SupervisionList.AwaitingExperts => systems.Where(s => s.Status == SystemStatus.Submitted),
            SupervisionList.InReview => systems.Where(s => s.Status == SystemStatus.InReview || s.Status == SystemStatus.ChangesRequested),
            SupervisionList.AwaitingDecision => systems.Where(s => s.Status == SystemStatus.Recommended),
            SupervisionList.ConditionsOverdue => systems.Where(s => s.Status == SystemStatus.RegisteredWithConditions && s.ConditionsDeadline < today),
            _ => systems.Where(s => s.Status == SystemStatus.Suspended),
        };
    }

    /// <summary>Refuses (403) anyone but the supervisory body, before anything about a system is looked up.</summary>
    public static void RequireSupervisor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsSupervisor)
        {
            throw new ForbiddenException("supervisor-only", "Only the supervisory body may do this.");
        }
    }

    /// <summary>Parses a list's kebab-case code (awaiting-experts, in-review, ...).</summary>
    public static SupervisionList? ParseList(string? code) =>
        Lists.Cast<SupervisionList?>().FirstOrDefault(l => Code(l!.Value) == code);

    public static string Code(SupervisionList list) => list switch
    {
        SupervisionList.AwaitingExperts => "awaiting-experts",
        SupervisionList.InReview => "in-review",
        SupervisionList.AwaitingDecision => "awaiting-decision",
        SupervisionList.ConditionsOverdue => "conditions-overdue",
        _ => "suspended",
    };
}
