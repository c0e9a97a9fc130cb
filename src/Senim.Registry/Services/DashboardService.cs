using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>A change request an expert sent that the owner has not answered yet.</summary>
public sealed record DashboardChangeRequest(Guid Id, AiSystem System, string Message, DateTime RequestedAt);

/// <summary>One organisation the user belongs to, with what needs attention.</summary>
public sealed record OrganisationHome(
    Organisation Organisation,
    MemberRole Role,
    IReadOnlyList<AiSystem> Systems,
    int SystemCount,
    IReadOnlyList<DueReview> Due,
    IReadOnlyList<DashboardChangeRequest> ChangeRequests);

/// <summary>One review in an expert's queue.</summary>
public sealed record QueueItem(Guid AssignmentId, AiSystem System, string OrganisationName, DateTime AssignedAt, ReviewStep Next, int ChecklistDone, int ChecklistTotal);

/// <summary>A system waiting for the supervisory body: since when, and (for conditions) the deadline that passed.</summary>
public sealed record Waiting(AiSystem System, string OrganisationName, DateTime Since, int Days, DateOnly? Deadline = null);

/// <summary>The supervisory body's worklist.</summary>
public sealed record SupervisorHome(
    IReadOnlyList<Waiting> AwaitingExperts,
    IReadOnlyList<Waiting> AwaitingDecision,
    IReadOnlyList<Waiting> OverdueConditions,
    IReadOnlyList<Waiting> LongInReview);

/// <summary>
/// The signed-in home: sections by role. <see cref="ExpertQueue"/> is null for non-experts and
/// <see cref="Supervision"/> for non-supervisors, so a page shows only what applies.
/// </summary>
public sealed record Dashboard(
    IReadOnlyList<OrganisationHome> Organisations,
    IReadOnlyList<Notification> Notifications,
    IReadOnlyList<QueueItem>? ExpertQueue,
    SupervisorHome? Supervision);

/// <summary>The queries behind the role home pages (owner, expert, supervisor).</summary>
public sealed class DashboardService(RegistryDb db, TimeProvider time, DocumentService documents, LawCatalog catalog)
{
    /// <summary>How many days before a risk review is due it appears on the home page.</summary>
    public const int DueWithinDays = 30;

    /// <summary>A registration procedure open for longer than this is flagged to the supervisor.</summary>
    public const int LongReviewDays = 30;

    /// <summary>Each list is cut at this many rows; the page says how many there are in all.</summary>
    public const int ListLimit = 100;

    public const int SystemsPerOrganisation = 20;

    public const int NotificationLimit = 10;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<Dashboard> HomeAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAuthenticated || actor.UserId == Guid.Empty)
        {
            throw new ForbiddenException("sign-in-required", "Sign in to see your home page.");
        }

        var organisations = await OrganisationsAsync(actor, cancellationToken);
        var notifications = await NotificationsAsync(actor, cancellationToken);
        var queue = actor.IsExpert ? await ExpertQueueAsync(actor, cancellationToken) : null;
        var supervision = actor.IsSupervisor ? await SupervisionAsync(cancellationToken) : null;
        return new Dashboard(organisations, notifications, queue, supervision);
    }

    /// <summary>Owner and editor: per organisation, its systems, the risk reviews due and the open change requests.</summary>
    public async Task<IReadOnlyList<OrganisationHome>> OrganisationsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var ids = actor.Memberships.Keys.Where(actor.IsMember).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && o.DeletedAt == null)
            .OrderBy(o => o.Name)
            .ToListAsync(cancellationToken);
        var counts = await db.Systems.AsNoTracking()
            .Where(s => ids.Contains(s.OrganisationId) && s.Status != SystemStatus.Removed)
            .GroupBy(s => s.OrganisationId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var systems = new Dictionary<Guid, List<AiSystem>>();
        foreach (var id in organisations.Select(o => o.Id))
        {
            systems[id] = await db.Systems.AsNoTracking()
                .Where(s => s.OrganisationId == id && s.Status != SystemStatus.Removed)
                .OrderByDescending(s => s.UpdatedAt)
                .Take(SystemsPerOrganisation)
                .ToListAsync(cancellationToken);
        }

        // Only the actor's own organisations: a supervisor who is also a member sees their organisation's dues here, not everyone's.
        var asMember = new Actor(actor.UserId, actor.Name, [], actor.Memberships, actor.IsToken ? Scopes.All.Where(actor.Allows) : null, emailConfirmed: actor.EmailConfirmed);
        var due = await documents.DueListAsync(asMember, DueWithinDays, cancellationToken);

        var requests = await db.ChangeRequests.AsNoTracking()
            .Where(c => c.ResolvedAt == null)
            .Join(db.Systems.AsNoTracking(), c => c.SystemId, s => s.Id, (c, s) => new { c.Id, c.Message, c.RequestedAt, System = s })
            .Where(x => ids.Contains(x.System.OrganisationId) && x.System.Status == SystemStatus.ChangesRequested)
            .OrderBy(x => x.RequestedAt)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);

        return [.. organisations.Select(o => new OrganisationHome(
            o,
            actor.Memberships[o.Id],
            systems[o.Id],
            counts.GetValueOrDefault(o.Id),
            [.. due.Where(d => d.System.OrganisationId == o.Id)],
            [.. requests.Where(r => r.System.OrganisationId == o.Id).Select(r => new DashboardChangeRequest(r.Id, r.System, r.Message, r.RequestedAt))]))];
    }

    /// <summary>The latest notifications addressed to the actor or to their organisations, newest first.</summary>
    public async Task<IReadOnlyList<Notification>> NotificationsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Allows(Scopes.Read))
        {
            return [];
        }

        var ids = actor.Memberships.Keys.ToList();
        var user = actor.UserId;
        return await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == user || (n.OrganisationId != null && ids.Contains(n.OrganisationId.Value)))
            .OrderByDescending(n => n.CreatedAt)
            .Take(NotificationLimit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Expert: the active assignments, each with what is needed next.</summary>
    public async Task<IReadOnlyList<QueueItem>> ExpertQueueAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsExpert)
        {
            return [];
        }

        var rows = await db.ReviewAssignments.AsNoTracking()
            .Where(a => a.ExpertId == actor.UserId && a.Active)
            .Join(db.Systems.AsNoTracking().Include(s => s.Organisation), a => a.SystemId, s => s.Id, (a, s) => new { Assignment = a, System = s })
            .Where(x => x.System.Organisation!.DeletedAt == null && x.System.Status != SystemStatus.Removed)
            .OrderBy(x => x.Assignment.AssignedAt)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);
        var assignmentIds = rows.Select(r => r.Assignment.Id).ToList();
        var remarks = await db.ChecklistRemarks.AsNoTracking()
            .Where(r => assignmentIds.Contains(r.AssignmentId))
            .GroupBy(r => r.AssignmentId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var total = ChecklistSize();

        return [.. rows.Select(r =>
        {
            var done = remarks.GetValueOrDefault(r.Assignment.Id);
            return new QueueItem(r.Assignment.Id, r.System, r.System.Organisation!.Name, r.Assignment.AssignedAt, ReviewService.NextStep(r.Assignment, r.System.Status, done, total), done, total);
        })];
    }

    /// <summary>Supervisor: submissions without experts, recommendations to decide, conditions past their deadline, and long reviews.</summary>
    public async Task<SupervisorHome> SupervisionAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(Now);
        var statuses = new[] { SystemStatus.Submitted, SystemStatus.Recommended, SystemStatus.InReview, SystemStatus.ChangesRequested };
        var open = await db.Systems.AsNoTracking().Include(s => s.Organisation)
            .Where(s => s.Organisation!.DeletedAt == null && statuses.Contains(s.Status))
            .OrderBy(s => s.UpdatedAt)
            .Take(ListLimit * 4)
            .ToListAsync(cancellationToken);
        var overdue = await db.Systems.AsNoTracking().Include(s => s.Organisation)
            .Where(s => s.Organisation!.DeletedAt == null && s.Status == SystemStatus.RegisteredWithConditions && s.ConditionsDeadline != null && s.ConditionsDeadline < today)
            .OrderBy(s => s.ConditionsDeadline)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);

        // When each open system entered its current status, and when its registration procedure started (the last submission).
        var ids = open.Select(s => s.Id).ToList();
        var events = await db.WorkflowEvents.AsNoTracking()
            .Where(e => ids.Contains(e.SystemId))
            .Select(e => new { e.SystemId, e.To, e.Action, e.At })
            .ToListAsync(cancellationToken);
        DateTime Entered(AiSystem s) => events.Where(e => e.SystemId == s.Id && e.To == s.Status).Select(e => (DateTime?)e.At).Max() ?? s.UpdatedAt;
        DateTime Submitted(AiSystem s) => events.Where(e => e.SystemId == s.Id && e.Action == RegistrationWorkflow.Submit).Select(e => (DateTime?)e.At).Max() ?? s.UpdatedAt;
        Waiting Since(AiSystem s, DateTime since) => new(s, s.Organisation!.Name, since, Math.Max(0, (int)(Now - since).TotalDays));

        var longSince = Now.AddDays(-LongReviewDays);
        return new SupervisorHome(
            [.. open.Where(s => s.Status == SystemStatus.Submitted).Select(s => Since(s, Entered(s))).OrderBy(w => w.Since).Take(ListLimit)],
            [.. open.Where(s => s.Status == SystemStatus.Recommended).Select(s => Since(s, Entered(s))).OrderBy(w => w.Since).Take(ListLimit)],
            [.. overdue.Select(s => new Waiting(s, s.Organisation!.Name, s.ConditionsDeadline!.Value.ToDateTime(TimeOnly.MinValue), today.DayNumber - s.ConditionsDeadline.Value.DayNumber, s.ConditionsDeadline))],
            [.. open.Where(s => s.Status is SystemStatus.InReview or SystemStatus.ChangesRequested).Select(s => Since(s, Submitted(s))).Where(w => w.Since < longSince).OrderBy(w => w.Since).Take(ListLimit)]);
    }

    private int ChecklistSize() =>
        catalog.Active.Packs.SelectMany(p => p.Pack.Checklists).FirstOrDefault(c => c.Id == WorkflowService.ExpertChecklist)?.Items.Count ?? 0;
}
