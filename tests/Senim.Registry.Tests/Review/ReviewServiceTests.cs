using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Registry.Workflow;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Review;

public class ReviewServiceTests
{
    private static Task<T> Review<T>(World world, Func<ReviewService, Task<T>> action) =>
        world.Registry.RunAsync(sp => action(sp.GetRequiredService<ReviewService>()));

    /// <summary>Opens the system for the actor, then calls the review service with the handle, in one scope.</summary>
    private static Task<T> Review<T>(World world, Actor actor, Guid systemId, Func<ReviewService, SystemAccess, Task<T>> action) =>
        world.Registry.RunAsync(async sp => await action(sp.GetRequiredService<ReviewService>(), await sp.OpenAsync(actor, systemId)));

    private static Task<ExpertQueueRow> QueueRow(World world, Actor expert, Guid systemId) =>
        Review(world, async r => (await r.QueueAsync(expert, 1, 100)).Items.Single(i => i.SystemId == systemId));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_queue_says_what_the_expert_does_next_through_a_whole_round(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        system = await world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId, world.Expert2.UserId], system.Version));

        var row = await QueueRow(world, world.Expert, system.Id);
        Assert.Equal(ReviewStep.Declare, row.Next);
        Assert.Equal("Org A", row.OrganisationName);

        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert, system.Id));
        row = await QueueRow(world, world.Expert, system.Id);
        Assert.Equal(ReviewStep.Checklist, row.Next);
        Assert.Equal(0, row.ItemsDone);
        var items = registry.Law.Packs.SelectMany(p => p.Pack.Checklists).Single(c => c.Id == WorkflowService.ExpertChecklist).Items;
        Assert.Equal(items.Count, row.ItemsTotal);

        var first = items[0].Id;
        await Review(world, world.Expert, system.Id, (r, a) => r.SaveChecklistAsync(a, [.. items.Select(i => new RemarkInput(i.Id, i.Id == first ? ChecklistVerdict.Issue : ChecklistVerdict.Satisfied, i.Id == first ? "The rationale is one line." : null))]));
        row = await QueueRow(world, world.Expert, system.Id);
        Assert.Equal(ReviewStep.Recommend, row.Next);
        Assert.Equal(items.Count, row.ItemsDone);

        system = await world.Workflow(w => w.RequestChangesAsync(world.Expert, system.Id, "Explain the failure scenarios.", system.Version));
        Assert.Equal(ReviewStep.WaitingForOwner, (await QueueRow(world, world.Expert, system.Id)).Next);

        // The owner sees exactly what was asked, with the flagged item.
        var requests = await Review(world, world.Owner, system.Id, (r, a) => r.ChangeRequestsAsync(a));
        var request = Assert.Single(requests);
        Assert.Equal("Explain the failure scenarios.", request.Request.Message);
        Assert.Equal("expert", request.ExpertName);
        var flagged = Assert.Single(request.Items);
        Assert.Equal(first, flagged.Item);
        Assert.Equal("The rationale is one line.", flagged.Remark);
        var notification = Assert.Single(await registry.Db(db => db.Notifications.Where(n => n.Kind == "notification.changes-requested").ToListAsync()));
        Assert.Equal(world.Org.Id, notification.OrganisationId);
        Assert.Equal(system.Id, notification.SystemId);

        system = await world.Workflow(w => w.ResubmitAsync(world.Owner, system.Id, system.Version, "Added the scenarios."));
        system = await world.Workflow(w => w.RecommendAsync(world.Expert, system.Id, Recommendation.Register, "Satisfied now.", system.Version));
        Assert.Equal(SystemStatus.InReview, system.Status);
        row = await QueueRow(world, world.Expert, system.Id);
        Assert.Equal(ReviewStep.WaitingForOthers, row.Next);
        Assert.Equal(Recommendation.Register, row.Recommendation);

        // The second expert has not started: still asked to declare first.
        Assert.Equal(ReviewStep.Declare, (await QueueRow(world, world.Expert2, system.Id)).Next);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Only_experts_have_a_queue_and_it_holds_only_their_own_assignments(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.InReview);

        await Assert.ThrowsAsync<ForbiddenException>(() => Review(world, r => r.QueueAsync(world.Supervisor, 1, 20)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Review(world, r => r.QueueAsync(world.Owner, 1, 20)));
        Assert.Empty((await Review(world, r => r.QueueAsync(world.Expert2, 1, 20))).Items);
        Assert.Equal(system.Id, Assert.Single((await Review(world, r => r.QueueAsync(world.Expert, 1, 20))).Items).SystemId);
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Review(world, r => r.QueueAsync(world.Expert, 0, 500)));
        Assert.Equal(["page", "page_size"], invalid.Errors.Select(e => e.Field));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Saving_the_checklist_is_all_or_nothing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.InReview);
        var items = (await Review(world, r => Task.FromResult(r.Checklist()))).Items;

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Review(world, world.Expert, system.Id, (r, a) => r.SaveChecklistAsync(a,
        [
            new RemarkInput(items[0].Id, ChecklistVerdict.Satisfied, "Fine."),
            new RemarkInput(items[1].Id, ChecklistVerdict.Issue, "  "),
            new RemarkInput("no-such-item", ChecklistVerdict.NotApplicable, null),
            new RemarkInput(items[2].Id, ChecklistVerdict.NotApplicable, new string('x', 5001)),
        ])));
        Assert.Equal(
            ["remark." + items[1].Id, "item.no-such-item", "remark." + items[2].Id],
            invalid.Errors.Select(e => e.Field));
        Assert.Equal(["remark-required", "item-unknown", "too-long"], invalid.Errors.Select(e => e.Key));
        Assert.Equal(0, await registry.CountAsync<ChecklistRemark>());

        Assert.Equal(2, await Review(world, world.Expert, system.Id, (r, a) => r.SaveChecklistAsync(a,
            [new RemarkInput(items[0].Id, ChecklistVerdict.Satisfied, " Fine. "), new RemarkInput(items[1].Id, ChecklistVerdict.Issue, "Missing the log retention period.")])));
        var mine = await Review(world, world.Expert, system.Id, (r, a) => r.MineAsync(a));
        Assert.Equal("Fine.", mine!.RemarkOn(items[0].Id)!.Remark);
        Assert.Equal(ChecklistVerdict.Issue, mine.RemarkOn(items[1].Id)!.Verdict);

        // Saving an item again replaces its verdict rather than adding a second one.
        await Review(world, world.Expert, system.Id, (r, a) => r.SaveChecklistAsync(a, [new RemarkInput(items[1].Id, ChecklistVerdict.Satisfied, null)]));
        Assert.Equal(2, await registry.CountAsync<ChecklistRemark>());
        await Assert.ThrowsAsync<ValidationException>(() => Review(world, world.Expert, system.Id, (r, a) => r.SaveChecklistAsync(a,
            [new RemarkInput(items[0].Id, ChecklistVerdict.Satisfied, null), new RemarkInput(items[0].Id, ChecklistVerdict.Issue, "x")])));
        await Assert.ThrowsAsync<ValidationException>(() => Review(world, world.Expert, system.Id, (r, a) => r.SaveChecklistAsync(a, [])));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_checklist_waits_for_the_declaration_and_conflicted_experts_are_refused_at_both_steps(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        var item = world.Registry.Law.Packs.SelectMany(p => p.Pack.Checklists).Single(c => c.Id == WorkflowService.ExpertChecklist).Items[0].Id;

        // Assignment: an expert from the submitting organisation is refused, and nothing is assigned.
        var conflict = await Assert.ThrowsAsync<RuleException>(() => world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId, world.InsideExpert.UserId], system.Version)));
        Assert.Equal("expert-conflict", conflict.Key);
        Assert.Equal("insider", conflict.Args[0]);
        Assert.Equal(0, await registry.CountAsync<ReviewAssignment>());
        Assert.Equal(SystemStatus.Submitted, (await registry.GetAsync(world.Owner, system.Id)).Status);

        system = await world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId, world.Expert2.UserId], system.Version));
        var early = await Assert.ThrowsAsync<RuleException>(() => Review(world, world.Expert, system.Id, (r, a) => r.SaveChecklistAsync(a, [new RemarkInput(item, ChecklistVerdict.Satisfied, null)])));
        Assert.Equal("declare-first", early.Key);
        Assert.Equal(0, await registry.CountAsync<ChecklistRemark>());

        // Declaration: an expert who joined the organisation after being assigned cannot declare.
        await registry.MemberAsync(world.Owner, world.Org.Id, "expert2@review.example", MemberRole.Editor);
        var expert2 = await registry.ActorAsync(world.Expert2.UserId);
        var declared = await Assert.ThrowsAsync<RuleException>(() => world.Workflow(w => w.DeclareNoConflictAsync(expert2, system.Id)));
        Assert.Equal("expert-conflict", declared.Key);
        Assert.Null((await Review(world, expert2, system.Id, (r, a) => r.MineAsync(a)))!.Assignment.NoConflictDeclaredAt);

        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert, system.Id));
        var twice = await Assert.ThrowsAsync<RuleException>(() => world.Workflow(w => w.DeclareNoConflictAsync(world.Expert, system.Id)));
        Assert.Equal("already-declared", twice.Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Approving_twice_is_refused_with_the_first_recommendation_named(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        system = await world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId, world.Expert2.UserId], system.Version));
        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert, system.Id));
        system = await world.Workflow(w => w.RecommendAsync(world.Expert, system.Id, Recommendation.Register, "Fine.", system.Version));

        var again = await Assert.ThrowsAsync<RuleException>(() => world.Workflow(w => w.RecommendAsync(world.Expert, system.Id, Recommendation.Refuse, "Changed my mind.", system.Version)));
        Assert.Equal("already-recommended", again.Key);
        Assert.Equal("Register", again.Args[0]);
        var mine = await Review(world, world.Expert, system.Id, (r, a) => r.MineAsync(a));
        Assert.Equal(Recommendation.Register, mine!.Assignment.Recommendation);
        Assert.Equal("Fine.", mine.Assignment.RecommendationText);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_supervisor_sees_every_experts_review_side_by_side_and_nobody_else_does(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        system = await world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId, world.Expert2.UserId], system.Version));
        foreach (var expert in new[] { world.Expert, world.Expert2 })
        {
            await world.Workflow(w => w.DeclareNoConflictAsync(expert, system.Id));
            var item = (await Review(world, r => Task.FromResult(r.Checklist()))).Items[0].Id;
            await Review(world, expert, system.Id, (r, a) => r.SaveChecklistAsync(a, [new RemarkInput(item, ChecklistVerdict.Satisfied, expert == world.Expert ? "first" : "second")]));
            system = await registry.GetAsync(world.Owner, system.Id);
            system = await world.Workflow(w => w.RecommendAsync(expert, system.Id, expert == world.Expert ? Recommendation.Register : Recommendation.RegisterWithConditions, "Because.", system.Version));
        }

        Assert.Equal(SystemStatus.Recommended, system.Status);
        var panel = await Review(world, world.Supervisor, system.Id, (r, a) => r.PanelAsync(a));
        Assert.Equal(["expert", "expert2"], panel.Select(p => p.ExpertName).Order(StringComparer.Ordinal));
        Assert.Equal([Recommendation.Register, Recommendation.RegisterWithConditions], panel.Select(p => p.Assignment.Recommendation!.Value).Order());
        Assert.All(panel, p => Assert.Single(p.Remarks));

        await Assert.ThrowsAsync<ForbiddenException>(() => Review(world, world.Expert, system.Id, (r, a) => r.PanelAsync(a)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Review(world, world.Owner, system.Id, (r, a) => r.PanelAsync(a)));
        await Assert.ThrowsAsync<NotFoundException>(() => Review(world, world.Other, system.Id, (r, a) => r.PanelAsync(a)));
        await Assert.ThrowsAsync<NotFoundException>(() => Review(world, world.Other, system.Id, (r, a) => r.ChangeRequestsAsync(a)));
        Assert.Null(await Review(world, world.Supervisor, system.Id, (r, a) => r.MineAsync(a)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_decision_missing_its_reasons_conditions_or_deadline_changes_nothing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Recommended);
        var today = DateOnly.FromDateTime(registry.Time.GetUtcNow().UtcDateTime);

        var refuse = await Assert.ThrowsAsync<ValidationException>(() => world.Workflow(w => w.DecideAsync(world.Supervisor, system.Id, Decision.Refuse, " ", null, null, system.Version)));
        Assert.Equal("reasons", Assert.Single(refuse.Errors).Field);
        var conditions = await Assert.ThrowsAsync<ValidationException>(() => world.Workflow(w => w.DecideAsync(world.Supervisor, system.Id, Decision.RegisterWithConditions, "Ok.", "", null, system.Version)));
        Assert.Equal(["conditions", "deadline"], conditions.Errors.Select(e => e.Field));
        var past = await Assert.ThrowsAsync<ValidationException>(() => world.Workflow(w => w.DecideAsync(world.Supervisor, system.Id, Decision.RegisterWithConditions, "Ok.", "Audit.", today, system.Version)));
        Assert.Equal("deadline", Assert.Single(past.Errors).Field);

        var after = await registry.GetAsync(world.Supervisor, system.Id);
        Assert.Equal(SystemStatus.Recommended, after.Status);
        Assert.Equal(system.Version, after.Version);
        Assert.Null(after.RegisterNumber);
        Assert.Equal(0, await registry.Db(db => db.Notifications.CountAsync(n => n.Kind == "notification.decided")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Every_supervisor_action_by_anyone_else_is_forbidden(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var submitted = await world.HighRiskAsync(SystemStatus.Submitted);
        var recommended = await world.HighRiskAsync(SystemStatus.Recommended);
        var registered = await world.HighRiskAsync(SystemStatus.Registered);
        var suspended = await world.HighRiskAsync(SystemStatus.Suspended);
        foreach (var actor in new[] { world.Owner, world.Editor, world.Admin, world.Expert })
        {
            var expert = actor == world.Expert;
            await AssertRefused(expert, () => world.Workflow(w => w.AssignAsync(actor, submitted.Id, [world.Expert2.UserId], submitted.Version)));
            await AssertRefused(expert, () => world.Workflow(w => w.DecideAsync(actor, recommended.Id, Decision.Register, "Yes.", null, null, recommended.Version)));
            await AssertRefused(expert, () => world.Workflow(w => w.SuspendAsync(actor, registered.Id, "Because.", registered.Version)));
            await AssertRefused(expert, () => world.Workflow(w => w.WithdrawAsync(actor, registered.Id, "Because.", registered.Version)));
            await AssertRefused(expert, () => world.Workflow(w => w.ReinstateAsync(actor, suspended.Id, "Because.", suspended.Version)));
        }

        Assert.Equal(SystemStatus.Submitted, (await registry.GetAsync(world.Supervisor, submitted.Id)).Status);
        Assert.Equal(SystemStatus.Recommended, (await registry.GetAsync(world.Supervisor, recommended.Id)).Status);
        Assert.Equal(SystemStatus.Registered, (await registry.GetAsync(world.Supervisor, registered.Id)).Status);
        Assert.Equal(SystemStatus.Suspended, (await registry.GetAsync(world.Supervisor, suspended.Id)).Status);
    }

    // Owners and admins see the system and get 403; an expert not on its current panel may not even know it exists (404).
    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_recommendation_as_long_as_allowed_is_kept_whole_and_its_event_within_the_limit(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.InReview);
        var text = new string('x', TextLimits.Reason);
        await Assert.ThrowsAsync<ValidationException>(() => world.Workflow(w => w.RecommendAsync(world.Expert, system.Id, Recommendation.Register, text + "x", system.Version)));

        system = await world.Workflow(w => w.RecommendAsync(world.Expert, system.Id, Recommendation.RegisterWithConditions, text, system.Version));

        Assert.Equal(SystemStatus.Recommended, system.Status);
        var (assignment, recommended) = await registry.Db(async db => (
            await db.ReviewAssignments.SingleAsync(a => a.SystemId == system.Id && a.ExpertId == world.Expert.UserId),
            await db.WorkflowEvents.SingleAsync(e => e.SystemId == system.Id && e.Action == "recommend")));
        Assert.Equal(text, assignment.RecommendationText);
        Assert.Equal(TextLimits.Reason, recommended.Reason!.Length);
        Assert.StartsWith("RegisterWithConditions: xxx", recommended.Reason, StringComparison.Ordinal);
    }

    private static async Task AssertRefused(bool mayBeHidden, Func<Task> action)
    {
        var refused = await Assert.ThrowsAnyAsync<RegistryException>(action);
        Assert.True(refused is ForbiddenException || (mayBeHidden && refused is NotFoundException), refused.GetType().Name + ": " + refused.Message);
    }
}
