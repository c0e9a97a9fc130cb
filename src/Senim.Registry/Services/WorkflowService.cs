using Senim.Law.Packs;
using Senim.Registry.Citizens;
using Senim.Registry.Organisations;
using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>
/// Carries out the registration workflow: every step opens the system once for the actor, is checked against the
/// table in <see cref="RegistrationWorkflow"/> (from which statuses, to which, and in whose capacity), and is recorded
/// (who, when, why) through the <see cref="RegisterWriter"/> in the same transaction as the change.
/// </summary>
public sealed class WorkflowService(RegistryDb db, LawCatalog catalog, SystemService systems, DocumentService documents, RegisterWriter writer, ActSignatureService acts, CaseClock clock)
{
    public const int MaxExperts = 3;
    public const string ExpertChecklist = "kz.check.expert_review";

    private DateTime Now => writer.Now;

    /// <summary>Owner: send a high-risk system to preliminary expert review.</summary>
    public async Task<AiSystem> SubmitAsync(Actor actor, Guid systemId, int expectedVersion, string? note, CancellationToken cancellationToken = default)
    {
        var (access, transition) = await OpenAsync(actor, systemId, WorkflowAction.Submit, expectedVersion, cancellationToken);
        OrganisationVerificationService.RequireVerified(access.System.Organisation!);
        var current = await RequireCompleteClassificationAsync(access.System, cancellationToken);
        if (current.KzTier != "high")
        {
            throw new RuleException("submit-not-high", "Only high-risk systems go through registration with preliminary expert review; this one is {0}: publish it in the register by notification instead.", current.KzTier ?? "not classified under Law 230-VIII");
        }

        await RequireDocumentsAsync(access.System, cancellationToken);
        return await MoveAsync(access, transition, note, cancellationToken);
    }

    /// <summary>Owner: take a submission back before experts are assigned.</summary>
    public async Task<AiSystem> CancelAsync(Actor actor, Guid systemId, int expectedVersion, string? note, CancellationToken cancellationToken = default)
    {
        var (access, transition) = await OpenAsync(actor, systemId, WorkflowAction.Cancel, expectedVersion, cancellationToken);
        return await MoveAsync(access, transition, note, cancellationToken);
    }

    /// <summary>Owner: publish a system that is not high-risk by notification, without review.</summary>
    public async Task<AiSystem> PublishAsync(Actor actor, Guid systemId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var (access, transition) = await OpenAsync(actor, systemId, WorkflowAction.Publish, expectedVersion, cancellationToken);
        OrganisationVerificationService.RequireVerified(access.System.Organisation!);
        var current = await RequireCompleteClassificationAsync(access.System, cancellationToken);
        if (current.KzTier == "high")
        {
            throw new RuleException("publish-high", "A high-risk system is registered after preliminary expert review: submit it instead of publishing it by notification.");
        }

        access.System.PublishedAt = Now;
        return await MoveAsync(access, transition, null, cancellationToken);
    }

    /// <summary>Supervisor: assign one to three experts; none may belong to the submitting organisation.</summary>
    public async Task<AiSystem> AssignAsync(Actor actor, Guid systemId, IReadOnlyList<Guid> expertIds, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expertIds);
        var (access, transition) = await OpenAsync(actor, systemId, WorkflowAction.Assign, expectedVersion, cancellationToken);
        var system = access.System;
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
            writer.Notify(null, id, systemId, NotificationKinds.Assigned);
        }

        var names = string.Join(", ", experts.Select(e => e.DisplayName));
        return await MoveAsync(access, transition, names, cancellationToken);
    }

    /// <summary>Expert: declare no conflict of interest; the review starts only after this.</summary>
    public async Task<ReviewAssignment> DeclareNoConflictAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default)
    {
        var access = await systems.OpenAsync(actor, systemId, SystemPurpose.Workflow, cancellationToken);
        var assignment = access.RequireAssignment(declared: false);
        var system = access.System;
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
        AddEvent(system, system.Status, WorkflowAction.DeclareNoConflict, actor, Capacity.Expert, null, false);
        await writer.SaveAsync(cancellationToken);
        return assignment;
    }

    /// <summary>Expert: record a verdict and a remark on one checklist item.</summary>
    public async Task<ChecklistRemark> RemarkAsync(Actor actor, Guid systemId, string itemId, ChecklistVerdict verdict, string? remark, CancellationToken cancellationToken = default) =>
        await RemarkAsync(await systems.OpenAsync(actor, systemId, SystemPurpose.Workflow, cancellationToken), itemId, verdict, remark, cancellationToken);

    /// <summary>Expert: a verdict on one checklist item of a system opened for the workflow (the checklist saves many with one handle).</summary>
    internal async Task<ChecklistRemark> RemarkAsync(SystemAccess access, string itemId, ChecklistVerdict verdict, string? remark, CancellationToken cancellationToken)
    {
        RequireWorkflowVisible(access);
        var assignment = access.RequireAssignment(declared: true);
        if (access.System.Status != SystemStatus.InReview)
        {
            throw new RuleException("not-in-review", "The checklist can be filled in only while the system is in review (it is {0}).", access.System.Status.Code());
        }

        var errors = new FieldErrors();
        if (Checklist().Items.All(i => i.Id != itemId))
        {
            errors.Add("item", "item-unknown", "the checklist has no item '{0}'", itemId);
        }
        else if (remark is { Length: > TextLimits.Reason })
        {
            errors.Add("remark", "too-long", "is {0} characters long; at most {1} are allowed", remark.Length, TextLimits.Reason);
        }
        else if (verdict == ChecklistVerdict.Issue && string.IsNullOrWhiteSpace(remark))
        {
            errors.Add("remark", "remark-required", "say what the issue is");
        }

        errors.ThrowIfAny();
        var row = await db.ChecklistRemarks.FirstOrDefaultAsync(r => r.AssignmentId == assignment.Id && r.ItemId == itemId, cancellationToken);
        if (row is null)
        {
            row = new ChecklistRemark { Id = Guid.NewGuid(), AssignmentId = assignment.Id, ItemId = itemId };
            db.ChecklistRemarks.Add(row);
        }

        row.Verdict = verdict;
        row.Remark = string.IsNullOrWhiteSpace(remark) ? null : remark.Trim();
        row.UpdatedAt = Now;
        await writer.SaveAsync(cancellationToken);
        return row;
    }

    /// <summary>Expert: ask the owner for changes; the items marked as issues go with the request.</summary>
    public async Task<AiSystem> RequestChangesAsync(Actor actor, Guid systemId, string message, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var access = await systems.OpenAsync(actor, systemId, SystemPurpose.Workflow, cancellationToken);
        var assignment = access.RequireAssignment(declared: true);
        var transition = Check(access, WorkflowAction.RequestChanges, expectedVersion);
        RequireText("message", message);
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
        writer.Notify(access.System.OrganisationId, null, systemId, NotificationKinds.ChangesRequested);
        return await MoveAsync(access, transition, message.Trim(), cancellationToken);
    }

    /// <summary>An item an expert flagged in a change request.</summary>
    public sealed record ChangeItem(string Item, string Remark);

    /// <summary>Owner: send the system back to the same experts after making the requested changes.</summary>
    public async Task<AiSystem> ResubmitAsync(Actor actor, Guid systemId, int expectedVersion, string? note, CancellationToken cancellationToken = default)
    {
        var (access, transition) = await OpenAsync(actor, systemId, WorkflowAction.Resubmit, expectedVersion, cancellationToken);
        await RequireCompleteClassificationAsync(access.System, cancellationToken);
        await RequireDocumentsAsync(access.System, cancellationToken);
        var open = await db.ChangeRequests.Where(c => c.SystemId == systemId && c.ResolvedAt == null).ToListAsync(cancellationToken);
        open.ForEach(c => c.ResolvedAt = Now);
        return await MoveAsync(access, transition, note, cancellationToken);
    }

    /// <summary>Expert: recommend a decision, once. When every assigned expert has recommended, the system goes to the supervisor.</summary>
    public Task<AiSystem> RecommendAsync(Actor actor, Guid systemId, Recommendation recommendation, string text, int expectedVersion, CancellationToken cancellationToken = default) =>
        RecommendAsync(actor, systemId, recommendation, text, expectedVersion, null, cancellationToken);

    /// <summary>Expert: a recommendation, signed over the challenge issued for it (<see cref="ActSignatureService.IssueForRecommendationAsync"/>) when <paramref name="signature"/> is given.</summary>
    public async Task<AiSystem> RecommendAsync(Actor actor, Guid systemId, Recommendation recommendation, string text, int expectedVersion, SignedAnswer? signature, CancellationToken cancellationToken = default)
    {
        var access = await systems.OpenAsync(actor, systemId, SystemPurpose.Workflow, cancellationToken);
        var assignment = access.RequireAssignment(declared: true);
        if (assignment.Recommendation is not null)
        {
            throw new RuleException("already-recommended", "You already recommended '{0}' on {1}; a recommendation cannot be given twice.",
                assignment.Recommendation.Value.ToString(), assignment.RecommendedAt!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        var transition = Check(access, WorkflowAction.Recommend, expectedVersion);
        RequireText("text", text);
        var signed = await acts.AcceptAsync(access, ChallengeUse.Recommendation, ActSignatureService.RecommendationContent(systemId, assignment.Id, recommendation, text), signature, cancellationToken);
        assignment.Recommendation = recommendation;
        assignment.RecommendationText = text.Trim();
        assignment.RecommendedAt = Now;
        assignment.Version++;
        var others = await db.ReviewAssignments.Where(a => a.SystemId == systemId && a.Active && a.Id != assignment.Id).ToListAsync(cancellationToken);
        var to = others.All(a => a.Recommendation is not null) ? SystemStatus.Recommended : SystemStatus.InReview;
        return await MoveAsync(access, transition, RecommendationNote.Format(recommendation, text), cancellationToken, to, signed);
    }

    /// <summary>Supervisor: register (with a register number), register with conditions and a deadline, or refuse with reasons.</summary>
    public Task<AiSystem> DecideAsync(Actor actor, Guid systemId, Decision decision, string reasons, string? conditions, DateOnly? deadline, int expectedVersion, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, systemId, new DecisionInput(decision, reasons, conditions, deadline), expectedVersion, cancellationToken);

    /// <summary>Supervisor: a decision as the page and the API parse it (<see cref="DecisionInput.Parse"/>).</summary>
    public Task<AiSystem> DecideAsync(Actor actor, Guid systemId, DecisionInput input, int expectedVersion, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, systemId, input, expectedVersion, null, cancellationToken);

    /// <summary>
    /// Supervisor: a decision, signed over the challenge issued for it (<see cref="ActSignatureService.IssueForDecisionAsync"/>) when
    /// <paramref name="signature"/> is given; the signature's SHA-256 goes into the decision's public log entry. Registering needs a
    /// verified organisation; a refusal does not.
    /// </summary>
    public async Task<AiSystem> DecideAsync(Actor actor, Guid systemId, DecisionInput input, int expectedVersion, SignedAnswer? signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (access, transition) = await OpenAsync(actor, systemId, input.Action, expectedVersion, cancellationToken);
        var system = access.System;
        input.Validate(DateOnly.FromDateTime(Now));
        if (input.Decision != Decision.Refuse)
        {
            OrganisationVerificationService.RequireVerified(system.Organisation!);
        }

        var signed = await acts.AcceptAsync(access, ChallengeUse.Decision, ActSignatureService.DecisionContent(systemId, system.Version, input), signature, cancellationToken);
        system.DecisionReason = string.IsNullOrWhiteSpace(input.Reasons) ? null : input.Reasons.Trim();
        if (input.Decision != Decision.Refuse)
        {
            system.RegisterNumber ??= await NextRegisterNumberAsync(cancellationToken);
            system.RegisteredAt = Now;
            system.PublishedAt ??= Now;
            var withConditions = input.Decision == Decision.RegisterWithConditions;
            system.Conditions = withConditions ? input.Conditions!.Trim() : null;
            system.ConditionsDeadline = withConditions ? input.Deadline : null;
        }

        var panel = await db.ReviewAssignments.Where(a => a.SystemId == systemId && a.Active).ToListAsync(cancellationToken);
        panel.ForEach(a => a.Active = false);
        writer.Notify(system.OrganisationId, null, systemId, NotificationKinds.Decided, transition.To!.Value.Code());
        return await MoveAsync(access, transition, input.Reasons, cancellationToken, signed: signed);
    }

    public Task<AiSystem> SuspendAsync(Actor actor, Guid systemId, string reason, int expectedVersion, CancellationToken cancellationToken = default) =>
        SupervisorStepAsync(actor, systemId, WorkflowAction.Suspend, reason, expectedVersion, cancellationToken);

    public Task<AiSystem> WithdrawAsync(Actor actor, Guid systemId, string reason, int expectedVersion, CancellationToken cancellationToken = default) =>
        SupervisorStepAsync(actor, systemId, WorkflowAction.Withdraw, reason, expectedVersion, cancellationToken);

    /// <summary>Supervisor: lift a suspension; the system returns to the status it had before.</summary>
    public async Task<AiSystem> ReinstateAsync(Actor actor, Guid systemId, string reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var (access, transition) = await OpenAsync(actor, systemId, WorkflowAction.Reinstate, expectedVersion, cancellationToken);
        RequireText("reason", reason);
        var before = await db.WorkflowEvents.Where(e => e.SystemId == systemId && e.Action == RegistrationWorkflow.Suspend)
            .OrderByDescending(e => e.Sequence).Select(e => (SystemStatus?)e.From).FirstOrDefaultAsync(cancellationToken) ?? SystemStatus.Registered;
        return await MoveAsync(access, transition, reason, cancellationToken, before);
    }

    /// <summary>Owner: take the system off the register (or discard a draft).</summary>
    public async Task<AiSystem> RemoveAsync(Actor actor, Guid systemId, string? reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var (access, transition) = await OpenAsync(actor, systemId, WorkflowAction.Remove, expectedVersion, cancellationToken);
        return await MoveAsync(access, transition, reason, cancellationToken);
    }

    /// <summary>The review checklist from the active KZ pack.</summary>
    public Checklist Checklist() =>
        catalog.Active.Packs.SelectMany(p => p.Pack.Checklists).FirstOrDefault(c => c.Id == ExpertChecklist)
        ?? throw new InvalidOperationException($"the active law packs have no checklist '{ExpertChecklist}'");

    public async Task<IReadOnlyList<WorkflowEvent>> EventsAsync(Guid systemId, bool publicOnly, CancellationToken cancellationToken = default) =>
        await db.WorkflowEvents.AsNoTracking().Where(e => e.SystemId == systemId && (!publicOnly || e.IsPublic)).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);

    private async Task<AiSystem> SupervisorStepAsync(Actor actor, Guid systemId, WorkflowAction action, string reason, int expectedVersion, CancellationToken cancellationToken)
    {
        var (access, transition) = await OpenAsync(actor, systemId, action, expectedVersion, cancellationToken);
        RequireText("reason", reason);
        writer.Notify(access.System.OrganisationId, null, systemId, NotificationKinds.Decided, transition.To!.Value.Code());
        return await MoveAsync(access, transition, reason, cancellationToken);
    }

    /// <summary>Opens the system for a workflow step and checks it (<see cref="Check"/>).</summary>
    private async Task<(SystemAccess Access, Transition Transition)> OpenAsync(Actor actor, Guid systemId, WorkflowAction action, int expectedVersion, CancellationToken cancellationToken)
    {
        var access = await systems.OpenAsync(actor, systemId, SystemPurpose.Workflow, cancellationToken);
        return (access, Check(access, action, expectedVersion));
    }

    /// <summary>Checks a step against the table: the actor's capacity, the status it starts from, and the version, in that order.</summary>
    private static Transition Check(SystemAccess access, WorkflowAction action, int expectedVersion)
    {
        RequireWorkflowVisible(access);
        var transition = RegistrationWorkflow.Get(action);
        if (!access.CanActAs(transition.By))
        {
            throw new ForbiddenException("capacity", "Only {0} may {1} this system.", CapacityName(transition.By), transition.Code);
        }

        if (!transition.From.Contains(access.System.Status))
        {
            throw new RuleException("transition", "A system that is {0} cannot be {1}: allowed from {2}.", access.System.Status.Code(), transition.Code,
                string.Join(", ", transition.From.Select(s => s.Code())));
        }

        if (access.System.Version != expectedVersion)
        {
            throw new ConcurrencyException("system", expectedVersion, access.System.Version);
        }

        return transition;
    }

    /// <summary>A workflow step needs the active panel (or the organisation's, the supervisor's or an admin's view), whatever the handle was opened for.</summary>
    private static void RequireWorkflowVisible(SystemAccess access)
    {
        if (access.Purpose != SystemPurpose.Workflow && access.ActiveAssignment is null && !access.Actor.CanReadOrganisation(access.System.OrganisationId))
        {
            throw new NotFoundException("system", access.Id);
        }
    }

    private static string CapacityName(Capacity capacity) => capacity switch
    {
        Capacity.Owner => "the owning organisation's admins and editors",
        Capacity.Supervisor => "the supervisory body",
        Capacity.Expert => "an expert assigned to its review",
        _ => "Senim itself",
    };

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

    /// <summary>
    /// Takes a checked transition: the status it leads to (from the table, or <paramref name="to"/> where the table
    /// says it depends on the case), the event in the actor's capacity, and the new version named after the action,
    /// written as one change.
    /// </summary>
    private async Task<AiSystem> MoveAsync(SystemAccess access, Transition transition, string? reason, CancellationToken cancellationToken, SystemStatus? to = null, ActSignature? signed = null)
    {
        var system = access.System;
        var expected = system.Version;
        var from = system.Status;
        system.Status = transition.To ?? to ?? throw new InvalidOperationException($"'{transition.Code}' needs the status it leads to");
        // Removing a draft (or anything else never public) is not a public event: it would name a system the public never saw.
        var e = AddEvent(system, from, transition.Action, access.Actor, transition.By, reason, transition.IsPublic && (SystemStatuses.IsPublic(from) || SystemStatuses.IsPublic(system.Status)));
        if (system.Status != from)
        {
            StartDeadline(system);
        }

        if (transition.Action is WorkflowAction.Publish or WorkflowAction.Register or WorkflowAction.RegisterWithConditions)
        {
            writer.Count(StatMeasures.Listings, 0, StatMeasures.Key("tier", system.Tier ?? "none"), StatMeasures.Key("sector", system.Sector),
                StatMeasures.Key("route", transition.Action == WorkflowAction.Publish ? "notification" : "registration"));
        }

        if (signed is not null)
        {
            // The signature is kept with the act; its hash goes into the event (and so into a public event's log entry).
            signed.EventId = e.Id;
            e.SignatureSha256 = signed.CmsSha256;
            db.ActSignatures.Add(signed);
        }

        await writer.SaveVersionAsync(system, transition.Code, access.Actor, expected, cancellationToken);
        return system;
    }

    // A new status starts the clock of the step it waits on (or stops the last one); the due instant is stored so a
    // later pack or calendar never moves a running deadline.
    private void StartDeadline(AiSystem system)
    {
        var id = RegistrationWorkflow.DeadlineOf(system.Status);
        var due = id is null ? null : clock.Current.For(id, new DateTimeOffset(Now, TimeSpan.Zero));
        system.StepDeadline = id;
        system.StepDueDate = due?.DueDate;
        system.StepDueAt = due?.DueAt.UtcDateTime;
        system.StepOverdueNotifiedAt = null;
    }

    private WorkflowEvent AddEvent(AiSystem system, SystemStatus from, WorkflowAction action, Actor actor, Capacity capacity, string? reason, bool isPublic)
    {
        var sequence = db.WorkflowEvents.Local.Where(e => e.SystemId == system.Id).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        sequence = Math.Max(sequence, db.WorkflowEvents.Where(e => e.SystemId == system.Id).Select(e => (int?)e.Sequence).Max() ?? 0);
        var e = new WorkflowEvent
        {
            Id = Guid.NewGuid(),
            SystemId = system.Id,
            Sequence = sequence + 1,
            From = from,
            To = system.Status,
            Action = action.Code(),
            ActorId = actor.UserId == Guid.Empty ? null : actor.UserId,
            ActorName = actor.Name,
            ActorRole = capacity.Code(),
            At = Now,
            // A recommendation's event prefixes the expert's text (at most the limit itself) with the recommendation:
            // the event keeps what fits; the assignment keeps the whole text.
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, TextLimits.Reason)],
            IsPublic = isPublic,
        };
        db.WorkflowEvents.Add(e);
        return e;
    }

    private static void RequireText(string field, string? text)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "required", "is required");
        }
        else if (text.Length > TextLimits.Reason)
        {
            errors.Add(field, "too-long", "is {0} characters long; at most {1} are allowed", text.Length, TextLimits.Reason);
        }

        errors.ThrowIfAny();
    }

    /// <summary>KZ-AI-YYYY-NNNNNN: the year's counter, advanced under optimistic concurrency.</summary>
    private async Task<string> NextRegisterNumberAsync(CancellationToken cancellationToken)
    {
        var year = Now.Year;
        var counter = await db.RegisterCounters.ForYearAsync(year, cancellationToken);
        return RegisterCounter.Format(year, counter.Next++);
    }
}
