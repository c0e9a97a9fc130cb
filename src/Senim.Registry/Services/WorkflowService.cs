using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Senim.Law.Packs;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Labels;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>A supervisor's decision on a recommended system.</summary>
public enum Decision
{
    Register,
    RegisterWithConditions,
    Refuse,
}

/// <summary>
/// Carries out the registration workflow: every transition is checked against the table in
/// <see cref="RegistrationWorkflow"/>, authorised for the actor's capacity, and recorded (who, when, why)
/// in the same transaction as the change.
/// </summary>
public sealed class WorkflowService(RegistryDb db, TimeProvider time, LawCatalog catalog, DocumentService documents, LogKey log, ISystemStatusObserver? statusObserver = null)
{
    public const int MaxExperts = 3;
    public const string ExpertChecklist = "kz.check.expert_review";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Owner: send a high-risk system to preliminary expert review.</summary>
    public async Task<AiSystem> SubmitAsync(Actor actor, Guid systemId, int expectedVersion, string? note, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.Submit, Capacity.Owner, expectedVersion, cancellationToken);
        var current = await RequireCompleteClassificationAsync(system, cancellationToken);
        if (current.KzTier != "high")
        {
            throw new RuleException("submit-not-high", "Only high-risk systems go through registration with preliminary expert review; this one is {0}: publish it in the register by notification instead.", current.KzTier ?? "not classified under Law 230-VIII");
        }

        await RequireDocumentsAsync(system, cancellationToken);
        return await MoveAsync(actor, system, RegistrationWorkflow.Submit, SystemStatus.Submitted, "owner", note, cancellationToken);
    }

    /// <summary>Owner: take a submission back before experts are assigned.</summary>
    public async Task<AiSystem> CancelAsync(Actor actor, Guid systemId, int expectedVersion, string? note, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.Cancel, Capacity.Owner, expectedVersion, cancellationToken);
        return await MoveAsync(actor, system, RegistrationWorkflow.Cancel, SystemStatus.Draft, "owner", note, cancellationToken);
    }

    /// <summary>Owner: publish a system that is not high-risk by notification, without review.</summary>
    public async Task<AiSystem> PublishAsync(Actor actor, Guid systemId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.Publish, Capacity.Owner, expectedVersion, cancellationToken);
        var current = await RequireCompleteClassificationAsync(system, cancellationToken);
        if (current.KzTier == "high")
        {
            throw new RuleException("publish-high", "A high-risk system is registered after preliminary expert review: submit it instead of publishing it by notification.");
        }

        system.PublishedAt = Now;
        return await MoveAsync(actor, system, RegistrationWorkflow.Publish, SystemStatus.Published, "owner", null, cancellationToken);
    }

    /// <summary>Supervisor: assign one to three experts; none may belong to the submitting organisation.</summary>
    public async Task<AiSystem> AssignAsync(Actor actor, Guid systemId, IReadOnlyList<Guid> expertIds, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expertIds);
        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.Assign, Capacity.Supervisor, expectedVersion, cancellationToken);
        var distinct = expertIds.Distinct().ToList();
        if (distinct.Count is < 1 or > MaxExperts)
        {
            var errors = new FieldErrors();
            errors.Add("experts", "experts-count", "assign between 1 and {0} experts (got {1})", MaxExperts, distinct.Count);
            errors.ThrowIfAny();
        }

        var expertRole = await db.Roles.Where(r => r.Name == PlatformRoles.Expert).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var experts = await db.Users.Where(u => distinct.Contains(u.Id)).ToListAsync(cancellationToken);
        var withRole = await db.UserRoles.Where(ur => ur.RoleId == expertRole && distinct.Contains(ur.UserId)).Select(ur => ur.UserId).ToListAsync(cancellationToken);
        foreach (var id in distinct)
        {
            var expert = experts.FirstOrDefault(e => e.Id == id);
            if (expert is null || !withRole.Contains(id))
            {
                throw new RuleException("not-an-expert", "{0} is not an expert reviewer.", expert?.DisplayName ?? id.ToString());
            }

            if (await db.Memberships.AnyAsync(m => m.UserId == id && m.OrganisationId == system.OrganisationId, cancellationToken))
            {
                throw new RuleException("expert-conflict", "{0} is a member of the submitting organisation and cannot review its system (conflict of interest).", expert.DisplayName);
            }
        }

        // A new assignment replaces the previous panel; experts who stay keep their work.
        var active = await db.ReviewAssignments.Where(a => a.SystemId == systemId && a.Active).ToListAsync(cancellationToken);
        foreach (var assignment in active.Where(a => !distinct.Contains(a.ExpertId)))
        {
            assignment.Active = false;
        }

        foreach (var id in distinct.Where(id => active.All(a => a.ExpertId != id)))
        {
            db.ReviewAssignments.Add(new ReviewAssignment { Id = Guid.NewGuid(), SystemId = systemId, ExpertId = id, AssignedBy = actor.UserId, AssignedAt = Now });
            Notify(null, id, systemId, "notification.assigned");
        }

        var names = string.Join(", ", experts.Select(e => e.DisplayName));
        return await MoveAsync(actor, system, RegistrationWorkflow.Assign, SystemStatus.InReview, "supervisor", names, cancellationToken);
    }

    /// <summary>Expert: declare no conflict of interest; the review starts only after this.</summary>
    public async Task<ReviewAssignment> DeclareNoConflictAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default)
    {
        var (system, assignment) = await LoadAssignmentAsync(actor, systemId, requireDeclaration: false, cancellationToken);
        if (await db.Memberships.AnyAsync(m => m.UserId == actor.UserId && m.OrganisationId == system.OrganisationId, cancellationToken))
        {
            throw new RuleException("expert-conflict", "{0} is a member of the submitting organisation and cannot review its system (conflict of interest).", actor.Name);
        }

        if (assignment.NoConflictDeclaredAt is not null)
        {
            throw new RuleException("already-declared", "You have already declared that you have no conflict of interest.");
        }

        assignment.NoConflictDeclaredAt = Now;
        assignment.Version++;
        AddEvent(system, system.Status, system.Status, "declare-no-conflict", actor, "expert", null, false);
        await db.SaveChangesAsync(cancellationToken);
        return assignment;
    }

    /// <summary>Expert: record a verdict and a remark on one checklist item.</summary>
    public async Task<ChecklistRemark> RemarkAsync(Actor actor, Guid systemId, string itemId, ChecklistVerdict verdict, string? remark, CancellationToken cancellationToken = default)
    {
        var (system, assignment) = await LoadAssignmentAsync(actor, systemId, requireDeclaration: true, cancellationToken);
        if (system.Status != SystemStatus.InReview)
        {
            throw new RuleException("not-in-review", "The checklist can be filled in only while the system is in review (it is {0}).", system.Status.Code());
        }

        if (Checklist().Items.All(i => i.Id != itemId))
        {
            var errors = new FieldErrors();
            errors.Add("item", "item-unknown", "the checklist has no item '{0}'", itemId);
            errors.ThrowIfAny();
        }

        if (remark is { Length: > 5000 })
        {
            var errors = new FieldErrors();
            errors.Add("remark", "too-long", "is {0} characters long; at most {1} are allowed", remark.Length, 5000);
            errors.ThrowIfAny();
        }

        if (verdict == ChecklistVerdict.Issue && string.IsNullOrWhiteSpace(remark))
        {
            var errors = new FieldErrors();
            errors.Add("remark", "remark-required", "say what the issue is");
            errors.ThrowIfAny();
        }

        var row = await db.ChecklistRemarks.FirstOrDefaultAsync(r => r.AssignmentId == assignment.Id && r.ItemId == itemId, cancellationToken);
        if (row is null)
        {
            row = new ChecklistRemark { Id = Guid.NewGuid(), AssignmentId = assignment.Id, ItemId = itemId };
            db.ChecklistRemarks.Add(row);
        }

        row.Verdict = verdict;
        row.Remark = string.IsNullOrWhiteSpace(remark) ? null : remark.Trim();
        row.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>Expert: ask the owner for changes; the items marked as issues go with the request.</summary>
    public async Task<AiSystem> RequestChangesAsync(Actor actor, Guid systemId, string message, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var (_, assignment) = await LoadAssignmentAsync(actor, systemId, requireDeclaration: true, cancellationToken);
        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.RequestChanges, Capacity.Expert, expectedVersion, cancellationToken);
        RequireText("message", message, 5000);
        var issues = await db.ChecklistRemarks.Where(r => r.AssignmentId == assignment.Id && r.Verdict == ChecklistVerdict.Issue)
            .Select(r => new ChangeItem(r.ItemId, r.Remark ?? "")).ToListAsync(cancellationToken);
        db.ChangeRequests.Add(new ChangeRequest
        {
            Id = Guid.NewGuid(),
            SystemId = systemId,
            AssignmentId = assignment.Id,
            Message = message.Trim(),
            ItemsJson = Json.Write(issues),
            RequestedAt = Now,
        });
        Notify(system.OrganisationId, null, systemId, "notification.changes-requested");
        return await MoveAsync(actor, system, RegistrationWorkflow.RequestChanges, SystemStatus.ChangesRequested, "expert", message.Trim(), cancellationToken);
    }

    /// <summary>An item an expert flagged in a change request.</summary>
    public sealed record ChangeItem(string Item, string Remark);

    /// <summary>Owner: send the system back to the same experts after making the requested changes.</summary>
    public async Task<AiSystem> ResubmitAsync(Actor actor, Guid systemId, int expectedVersion, string? note, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.Resubmit, Capacity.Owner, expectedVersion, cancellationToken);
        await RequireCompleteClassificationAsync(system, cancellationToken);
        await RequireDocumentsAsync(system, cancellationToken);
        var open = await db.ChangeRequests.Where(c => c.SystemId == systemId && c.ResolvedAt == null).ToListAsync(cancellationToken);
        open.ForEach(c => c.ResolvedAt = Now);
        return await MoveAsync(actor, system, RegistrationWorkflow.Resubmit, SystemStatus.InReview, "owner", note, cancellationToken);
    }

    /// <summary>Expert: recommend a decision, once. When every assigned expert has recommended, the system goes to the supervisor.</summary>
    public async Task<AiSystem> RecommendAsync(Actor actor, Guid systemId, Recommendation recommendation, string text, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var (_, assignment) = await LoadAssignmentAsync(actor, systemId, requireDeclaration: true, cancellationToken);
        if (assignment.Recommendation is not null)
        {
            throw new RuleException("already-recommended", "You already recommended '{0}' on {1}; a recommendation cannot be given twice.",
                assignment.Recommendation.Value.ToString(), assignment.RecommendedAt!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.Recommend, Capacity.Expert, expectedVersion, cancellationToken);
        RequireText("text", text, 5000);
        assignment.Recommendation = recommendation;
        assignment.RecommendationText = text.Trim();
        assignment.RecommendedAt = Now;
        assignment.Version++;
        var others = await db.ReviewAssignments.Where(a => a.SystemId == systemId && a.Active && a.Id != assignment.Id).ToListAsync(cancellationToken);
        var to = others.All(a => a.Recommendation is not null) ? SystemStatus.Recommended : SystemStatus.InReview;
        return await MoveAsync(actor, system, RegistrationWorkflow.Recommend, to, "expert", $"{recommendation}: {text.Trim()}", cancellationToken);
    }

    /// <summary>Supervisor: register (with a register number), register with conditions and a deadline, or refuse with reasons.</summary>
    public async Task<AiSystem> DecideAsync(Actor actor, Guid systemId, Decision decision, string reasons, string? conditions, DateOnly? deadline, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var action = decision switch
        {
            Decision.Register => RegistrationWorkflow.Register,
            Decision.RegisterWithConditions => RegistrationWorkflow.RegisterWithConditions,
            _ => RegistrationWorkflow.Refuse,
        };
        var system = await LoadAsync(actor, systemId, action, Capacity.Supervisor, expectedVersion, cancellationToken);
        var errors = new FieldErrors();
        if (decision == Decision.Refuse && string.IsNullOrWhiteSpace(reasons))
        {
            errors.Add("reasons", "reasons-required", "a refusal must give its reasons");
        }

        if (reasons is { Length: > 5000 })
        {
            errors.Add("reasons", "too-long", "is {0} characters long; at most {1} are allowed", reasons.Length, 5000);
        }

        if (decision == Decision.RegisterWithConditions)
        {
            if (string.IsNullOrWhiteSpace(conditions))
            {
                errors.Add("conditions", "conditions-required", "say which conditions apply");
            }

            if (deadline is null || deadline <= DateOnly.FromDateTime(Now))
            {
                errors.Add("deadline", "deadline-future", "give a deadline after today");
            }
        }

        errors.ThrowIfAny();
        system.DecisionReason = string.IsNullOrWhiteSpace(reasons) ? null : reasons.Trim();
        SystemStatus to;
        if (decision == Decision.Refuse)
        {
            to = SystemStatus.Refused;
        }
        else
        {
            system.RegisterNumber ??= await NextRegisterNumberAsync(cancellationToken);
            system.RegisteredAt = Now;
            system.PublishedAt ??= Now;
            system.Conditions = decision == Decision.RegisterWithConditions ? conditions!.Trim() : null;
            system.ConditionsDeadline = decision == Decision.RegisterWithConditions ? deadline : null;
            to = decision == Decision.Register ? SystemStatus.Registered : SystemStatus.RegisteredWithConditions;
        }

        var panel = await db.ReviewAssignments.Where(a => a.SystemId == systemId && a.Active).ToListAsync(cancellationToken);
        panel.ForEach(a => a.Active = false);
        Notify(system.OrganisationId, null, systemId, "notification.decided", to.Code());
        return await MoveAsync(actor, system, action, to, "supervisor", reasons, cancellationToken);
    }

    public Task<AiSystem> SuspendAsync(Actor actor, Guid systemId, string reason, int expectedVersion, CancellationToken cancellationToken = default) =>
        SupervisorStepAsync(actor, systemId, RegistrationWorkflow.Suspend, SystemStatus.Suspended, reason, expectedVersion, cancellationToken);

    public Task<AiSystem> WithdrawAsync(Actor actor, Guid systemId, string reason, int expectedVersion, CancellationToken cancellationToken = default) =>
        SupervisorStepAsync(actor, systemId, RegistrationWorkflow.Withdraw, SystemStatus.Withdrawn, reason, expectedVersion, cancellationToken);

    /// <summary>Supervisor: lift a suspension; the system returns to the status it had before.</summary>
    public async Task<AiSystem> ReinstateAsync(Actor actor, Guid systemId, string reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.Reinstate, Capacity.Supervisor, expectedVersion, cancellationToken);
        RequireText("reason", reason, 5000);
        var before = await db.WorkflowEvents.Where(e => e.SystemId == systemId && e.Action == RegistrationWorkflow.Suspend)
            .OrderByDescending(e => e.Sequence).Select(e => (SystemStatus?)e.From).FirstOrDefaultAsync(cancellationToken) ?? SystemStatus.Registered;
        return await MoveAsync(actor, system, RegistrationWorkflow.Reinstate, before, "supervisor", reason, cancellationToken);
    }

    /// <summary>Owner: take the system off the register (or discard a draft).</summary>
    public async Task<AiSystem> RemoveAsync(Actor actor, Guid systemId, string? reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, RegistrationWorkflow.Remove, Capacity.Owner, expectedVersion, cancellationToken);
        return await MoveAsync(actor, system, RegistrationWorkflow.Remove, SystemStatus.Removed, "owner", reason, cancellationToken);
    }

    /// <summary>The review checklist from the active KZ pack.</summary>
    public Checklist Checklist() =>
        catalog.Active.Packs.SelectMany(p => p.Pack.Checklists).FirstOrDefault(c => c.Id == ExpertChecklist)
        ?? throw new InvalidOperationException($"the active law packs have no checklist '{ExpertChecklist}'");

    public async Task<IReadOnlyList<WorkflowEvent>> EventsAsync(Guid systemId, bool publicOnly, CancellationToken cancellationToken = default) =>
        await db.WorkflowEvents.AsNoTracking().Where(e => e.SystemId == systemId && (!publicOnly || e.IsPublic)).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);

    private async Task<AiSystem> SupervisorStepAsync(Actor actor, Guid systemId, string action, SystemStatus to, string reason, int expectedVersion, CancellationToken cancellationToken)
    {
        var system = await LoadAsync(actor, systemId, action, Capacity.Supervisor, expectedVersion, cancellationToken);
        RequireText("reason", reason, 5000);
        Notify(system.OrganisationId, null, systemId, "notification.decided", to.Code());
        return await MoveAsync(actor, system, action, to, "supervisor", reason, cancellationToken);
    }

    /// <summary>Loads the system and checks visibility, capacity, the transition table and the version, in that order.</summary>
    private async Task<AiSystem> LoadAsync(Actor actor, Guid systemId, string action, Capacity capacity, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var system = await db.Systems.Include(s => s.Organisation).FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        var isAssignedExpert = system is not null && actor.IsExpert
            && await db.ReviewAssignments.AnyAsync(a => a.SystemId == systemId && a.ExpertId == actor.UserId && a.Active, cancellationToken);
        if (system is null || system.Organisation!.DeletedAt is not null || !(actor.CanReadOrganisation(system.OrganisationId) || isAssignedExpert))
        {
            throw new NotFoundException("system", systemId);
        }

        var allowed = capacity switch
        {
            Capacity.Owner => actor.CanEdit(system.OrganisationId),
            Capacity.Supervisor => actor.IsSupervisor,
            _ => isAssignedExpert,
        };
        if (!allowed)
        {
            throw new ForbiddenException("capacity", "Only {0} may {1} this system.", CapacityName(capacity), action);
        }

        if (!RegistrationWorkflow.Allows(action, system.Status))
        {
            throw new RuleException("transition", "A system that is {0} cannot be {1}: allowed from {2}.", system.Status.Code(), action,
                string.Join(", ", RegistrationWorkflow.Get(action).From.Select(s => s.Code())));
        }

        if (system.Version != expectedVersion)
        {
            throw new ConcurrencyException("system", expectedVersion, system.Version);
        }

        return system;
    }

    private static string CapacityName(Capacity capacity) => capacity switch
    {
        Capacity.Owner => "the owning organisation's admins and editors",
        Capacity.Supervisor => "the supervisory body",
        _ => "an expert assigned to its review",
    };

    private async Task<(AiSystem System, ReviewAssignment Assignment)> LoadAssignmentAsync(Actor actor, Guid systemId, bool requireDeclaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var system = await db.Systems.FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        var assignment = system is null || !actor.IsExpert ? null
            : await db.ReviewAssignments.FirstOrDefaultAsync(a => a.SystemId == systemId && a.ExpertId == actor.UserId && a.Active, cancellationToken);
        if (system is null || (assignment is null && !actor.CanReadOrganisation(system.OrganisationId)))
        {
            throw new NotFoundException("system", systemId);
        }

        if (assignment is null)
        {
            throw new ForbiddenException("not-assigned", "Only an expert assigned to this system's review may do this.");
        }

        if (requireDeclaration && assignment.NoConflictDeclaredAt is null)
        {
            throw new RuleException("declare-first", "Declare that you have no conflict of interest before reviewing.");
        }

        return (system, assignment);
    }

    private async Task<Classification> RequireCompleteClassificationAsync(AiSystem system, CancellationToken cancellationToken)
    {
        var current = await db.Classifications.AsNoTracking().FirstOrDefaultAsync(c => c.SystemId == system.Id && c.IsCurrent, cancellationToken);
        if (current is null)
        {
            throw new RuleException("not-classified", "Classify the system before submitting it.");
        }

        if (!current.Complete)
        {
            throw new RuleException("classification-partial", "The classification is partial: answer the open questions first.");
        }

        if (current.Prohibited)
        {
            throw new RuleException("prohibited", "The system has a prohibited capability ({0}); it cannot be registered or published, and must be stopped (Art. 18(2)).", current.ProhibitedIds);
        }

        return current;
    }

    private async Task RequireDocumentsAsync(AiSystem system, CancellationToken cancellationToken)
    {
        var missing = (await documents.RequirementsAsync(system.Id, cancellationToken)).Where(d => !d.Complete).ToList();
        if (missing.Count > 0)
        {
            throw new RuleException("documents-missing", "Required documentation is incomplete: {0}.",
                string.Join("; ", missing.Select(d => $"{d.Requirement.Title.En} ({d.Filled}/{d.RequiredSections})")));
        }
    }

    private async Task<AiSystem> MoveAsync(Actor actor, AiSystem system, string action, SystemStatus to, string role, string? reason, CancellationToken cancellationToken)
    {
        var expected = system.Version;
        var from = system.Status;
        system.Status = to;
        var transition = RegistrationWorkflow.Get(action);
        // Removing a draft (or anything else never public) is not a public event: it would name a system the public never saw.
        AddEvent(system, from, to, action, actor, role, reason, transition.IsPublic && (SystemStatuses.IsPublic(from) || SystemStatuses.IsPublic(to)));
        var classification = await db.Classifications.Where(c => c.SystemId == system.Id && c.IsCurrent).Select(c => (int?)c.Number).FirstOrDefaultAsync(cancellationToken);
        Versions.Record(db, system, system.Organisation?.Name ?? "", action, actor, classification, Now);
        await Versions.SaveAsync(db, catalog, log, "system", expected, system, cancellationToken);
        if (statusObserver is not null && from != to)
        {
            // After the commit: the label authority holds, revokes or releases the system's certificates.
            await statusObserver.StatusChangedAsync(system, from, cancellationToken);
        }

        return system;
    }

    private void AddEvent(AiSystem system, SystemStatus from, SystemStatus to, string action, Actor actor, string role, string? reason, bool isPublic)
    {
        var sequence = db.WorkflowEvents.Local.Where(e => e.SystemId == system.Id).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        sequence = Math.Max(sequence, db.WorkflowEvents.Where(e => e.SystemId == system.Id).Select(e => (int?)e.Sequence).Max() ?? 0);
        db.WorkflowEvents.Add(new WorkflowEvent
        {
            Id = Guid.NewGuid(),
            SystemId = system.Id,
            Sequence = sequence + 1,
            From = from,
            To = to,
            Action = action,
            ActorId = actor.UserId == Guid.Empty ? null : actor.UserId,
            ActorName = actor.Name,
            ActorRole = role,
            At = Now,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            IsPublic = isPublic,
        });
    }

    private void Notify(Guid? organisationId, Guid? userId, Guid systemId, string kind, params string[] args) =>
        NotificationService.Add(db, organisationId, userId, systemId, kind, Now, args);

    private static void RequireText(string field, string? text, int max)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "required", "is required");
        }
        else if (text.Length > max)
        {
            errors.Add(field, "too-long", "is {0} characters long; at most {1} are allowed", text.Length, max);
        }

        errors.ThrowIfAny();
    }

    /// <summary>KZ-AI-YYYY-NNNNNN: the year's counter, advanced under optimistic concurrency.</summary>
    private async Task<string> NextRegisterNumberAsync(CancellationToken cancellationToken)
    {
        var year = Now.Year;
        var counter = await db.RegisterCounters.FirstOrDefaultAsync(c => c.Year == year, cancellationToken);
        if (counter is null)
        {
            counter = new RegisterCounter { Year = year, Next = 1 };
            db.RegisterCounters.Add(counter);
        }

        var number = counter.Next;
        counter.Next++;
        return $"KZ-AI-{year}-{number:000000}";
    }
}
