using Senim.Law.Packs;

namespace Senim.Registry.Services;

/// <summary>What an expert does next on an assignment: one answer for the review queue, the checklist and the home page.</summary>
public enum ReviewStep
{
    /// <summary>Declare having no conflict of interest (nothing else is open before that).</summary>
    Declare,

    /// <summary>Work through the checklist.</summary>
    Checklist,

    /// <summary>Every item has a verdict: request changes or recommend.</summary>
    Recommend,

    /// <summary>Changes were requested; the owner has not resubmitted yet.</summary>
    WaitingForOwner,

    /// <summary>This expert has recommended; other experts of the panel have not yet.</summary>
    WaitingForOthers,

    /// <summary>Every expert of the panel has recommended: the supervisor decides.</summary>
    WaitingForDecision,

    /// <summary>The review round is over for this expert (decided, or replaced on the panel).</summary>
    Done,
}

/// <summary>One line of an expert's queue.</summary>
public sealed record ExpertQueueRow(
    Guid SystemId,
    string? NameKk,
    string? NameRu,
    string? NameEn,
    string OrganisationName,
    SystemStatus Status,
    int SystemVersion,
    DateTime AssignedAt,
    DateTime? DeclaredAt,
    int ItemsDone,
    int ItemsTotal,
    Recommendation? Recommendation,
    ReviewStep Next,
    DateOnly? DueDate = null,
    DateTime? DueAt = null);

/// <summary>An expert's review of a system: the assignment and the verdicts given so far.</summary>
public sealed record ExpertReview(ReviewAssignment Assignment, string ExpertName, IReadOnlyList<ChecklistRemark> Remarks)
{
    public ChecklistRemark? RemarkOn(string itemId) => Remarks.FirstOrDefault(r => r.ItemId == itemId);
}

/// <summary>A change request as the owner, the experts and the supervisor see it.</summary>
public sealed record ChangeRequestView(ChangeRequest Request, string ExpertName, IReadOnlyList<WorkflowService.ChangeItem> Items);

/// <summary>One verdict to save on the checklist.</summary>
public sealed record RemarkInput(string ItemId, ChecklistVerdict Verdict, string? Remark);

/// <summary>
/// The expert's side of preliminary expert review (queue, checklist) and the review record of a system
/// (every expert's checklist and recommendation, the change requests), for experts and the supervisor.
/// The transitions themselves are <see cref="WorkflowService"/>'s.
/// </summary>
public sealed class ReviewService(RegistryDb db, WorkflowService workflow)
{
    public const int MaxPageSize = 100;

    /// <summary>The expert's active assignments, oldest first, each with the next thing to do.</summary>
    public async Task<Page<ExpertQueueRow>> QueueAsync(Actor actor, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsExpert)
        {
            throw new ForbiddenException("expert-only", "Only expert reviewers have a review queue.");
        }

        NotificationService.ValidatePage(page, pageSize);
        var assignments = db.ReviewAssignments.AsNoTracking()
            .Where(a => a.ExpertId == actor.UserId && a.Active)
            .Join(db.Systems.AsNoTracking().Where(s => s.Organisation!.DeletedAt == null), a => a.SystemId, s => s.Id, (a, s) => new { Assignment = a, System = s });
        var total = await assignments.CountAsync(cancellationToken);
        var rows = await assignments.OrderBy(x => x.Assignment.AssignedAt).ThenBy(x => x.Assignment.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.Assignment,
                x.System.Id,
                x.System.NameKk,
                x.System.NameRu,
                x.System.NameEn,
                Organisation = x.System.Organisation!.Name,
                x.System.Status,
                x.System.Version,
                x.System.StepDueDate,
                x.System.StepDueAt,
                Done = db.ChecklistRemarks.Count(r => r.AssignmentId == x.Assignment.Id),
            })
            .ToListAsync(cancellationToken);
        var items = workflow.Checklist().Items.Count;
        return new Page<ExpertQueueRow>(
            [.. rows.Select(r => new ExpertQueueRow(r.Id, r.NameKk, r.NameRu, r.NameEn, r.Organisation, r.Status, r.Version, r.Assignment.AssignedAt,
                r.Assignment.NoConflictDeclaredAt, Math.Min(r.Done, items), items, r.Assignment.Recommendation, NextStep(r.Assignment, r.Status, r.Done, items), r.StepDueDate, r.StepDueAt))],
            total, page, pageSize);
    }

    /// <summary>What the expert does next, from the assignment, the system's status and the checklist progress.</summary>
    public static ReviewStep NextStep(ReviewAssignment assignment, SystemStatus status, int itemsDone, int itemsTotal)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (!assignment.Active)
        {
            return ReviewStep.Done;
        }

        if (assignment.NoConflictDeclaredAt is null)
        {
            return ReviewStep.Declare;
        }

        return status switch
        {
            SystemStatus.ChangesRequested => ReviewStep.WaitingForOwner,
            SystemStatus.Recommended => ReviewStep.WaitingForDecision,
            _ when assignment.Recommendation is not null => ReviewStep.WaitingForOthers,
            SystemStatus.InReview => itemsDone < itemsTotal ? ReviewStep.Checklist : ReviewStep.Recommend,
            _ => ReviewStep.Done,
        };
    }

    /// <summary>
    /// The expert's own review of the system (the active assignment, else the latest one), or null
    /// when the actor was never assigned to it. Others get 404 for a system they may not see.
    /// </summary>
    public async Task<ExpertReview?> MineAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.LatestAssignment is not { } latest)
        {
            return null;
        }

        var assignment = await db.ReviewAssignments.AsNoTracking().Include(a => a.Remarks).Include(a => a.Expert)
            .FirstAsync(a => a.Id == latest.Id, cancellationToken);
        return Review(assignment);
    }

    /// <summary>
    /// Every expert's review of the system (active panel first, then earlier ones): for the supervisor and
    /// platform admins. Experts see only their own (<see cref="MineAsync"/>); owners see none.
    /// </summary>
    public async Task<IReadOnlyList<ExpertReview>> PanelAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.SeesPanel)
        {
            throw new ForbiddenException("supervisor-only", "Only the supervisory body sees every expert's review.");
        }

        return Panel(await AssignmentsAsync(access.Id, cancellationToken));
    }

    /// <summary>Every assignment of the system, ever, with the expert and the verdicts: one query for the panel and the change requests.</summary>
    internal async Task<IReadOnlyList<ReviewAssignment>> AssignmentsAsync(Guid systemId, CancellationToken cancellationToken) =>
        await db.ReviewAssignments.AsNoTracking().Include(a => a.Remarks).Include(a => a.Expert)
            .Where(a => a.SystemId == systemId)
            .ToListAsync(cancellationToken);

    /// <summary>The active panel first, then earlier experts, each in the order assigned.</summary>
    internal static IReadOnlyList<ExpertReview> Panel(IReadOnlyList<ReviewAssignment> assignments) =>
        [.. assignments.OrderByDescending(a => a.Active).ThenBy(a => a.AssignedAt).ThenBy(a => a.Id).Select(Review)];

    /// <summary>The expert's own review among the system's assignments: the active one, else the latest.</summary>
    internal static ExpertReview? Mine(IReadOnlyList<ReviewAssignment> assignments, Guid expertId) =>
        assignments.Where(a => a.ExpertId == expertId).OrderByDescending(a => a.Active).ThenByDescending(a => a.AssignedAt).Select(Review).FirstOrDefault();

    /// <summary>Every change request on the system, newest first: visible to whoever may see the system.</summary>
    public async Task<IReadOnlyList<ChangeRequestView>> ChangeRequestsAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var systemId = access.Id;
        var rows = await db.ChangeRequests.AsNoTracking().Where(c => c.SystemId == systemId)
            .Join(db.ReviewAssignments.AsNoTracking(), c => c.AssignmentId, a => a.Id, (c, a) => new { Request = c, a.ExpertId })
            .Join(db.Users.AsNoTracking(), x => x.ExpertId, u => u.Id, (x, u) => new { x.Request, u.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Request.RequestedAt)
            .Select(r => new ChangeRequestView(r.Request, r.DisplayName, Json.Read<List<WorkflowService.ChangeItem>>(r.Request.ItemsJson)))];
    }

    /// <summary>
    /// Saves several checklist verdicts at once, all or none: each goes through the workflow's rules, every
    /// refusal is collected (field names say which item), and nothing is kept unless all of them pass.
    /// </summary>
    public async Task<int> SaveChecklistAsync(SystemAccess access, IReadOnlyList<RemarkInput> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            var none = new FieldErrors();
            none.Add("verdict", "verdict-required", "choose a verdict for at least one item");
            none.ThrowIfAny();
        }

        var duplicate = entries.GroupBy(e => e.ItemId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var twice = new FieldErrors();
            twice.Add("verdict." + duplicate.Key, "item-twice", "the item '{0}' is given twice", duplicate.Key);
            twice.ThrowIfAny();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var errors = new List<FieldError>();
        foreach (var entry in entries)
        {
            try
            {
                await workflow.RemarkAsync(access, entry.ItemId, entry.Verdict, entry.Remark, cancellationToken);
            }
            catch (ValidationException invalid)
            {
                errors.AddRange(invalid.Errors.Select(e => e with { Field = e.Field + "." + entry.ItemId }));
            }
        }

        if (errors.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            throw new ValidationException(errors);
        }

        await transaction.CommitAsync(cancellationToken);
        return entries.Count;
    }

    /// <summary>The review checklist of the active packs.</summary>
    public Checklist Checklist() => workflow.Checklist();

    private static ExpertReview Review(ReviewAssignment assignment) =>
        new(assignment, assignment.Expert?.DisplayName ?? "", [.. assignment.Remarks.OrderBy(r => r.ItemId, StringComparer.Ordinal)]);
}
