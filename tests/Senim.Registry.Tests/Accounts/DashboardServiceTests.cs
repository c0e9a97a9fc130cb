using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Accounts;

public class DashboardServiceTests
{
    private static Task<Dashboard> HomeAsync(TestRegistry registry, Actor actor) =>
        registry.RunAsync(sp => sp.GetRequiredService<DashboardService>().HomeAsync(actor));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Owners_see_their_organisations_systems_change_requests_and_due_reviews_and_nothing_of_others(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var changes = await world.HighRiskAsync(SystemStatus.ChangesRequested);
        var others = await registry.SystemAsync(world.Other, world.OtherOrg.Id, "spam-filter");

        var home = await HomeAsync(registry, world.Owner);
        var org = Assert.Single(home.Organisations);
        Assert.Equal(world.Org.Id, org.Organisation.Id);
        Assert.Equal(MemberRole.Admin, org.Role);
        Assert.Contains(org.Systems, s => s.Id == changes.Id);
        Assert.DoesNotContain(org.Systems, s => s.Id == others.Id);
        Assert.Equal(org.Systems.Count, org.SystemCount);
        var request = Assert.Single(org.ChangeRequests);
        Assert.Equal(changes.Id, request.System.Id);
        Assert.Equal("Please add the bias test.", request.Message);
        Assert.Contains(home.Notifications, n => n.Kind == "notification.changes-requested" && n.SystemId == changes.Id);
        Assert.Null(home.ExpertQueue);
        Assert.Null(home.Supervision);
        Assert.Empty(org.Due);

        // The documents were reviewed a month ago with the next review in 11 months: due within 30 days after 10.5 months, overdue after 11.
        registry.Time.Advance(TimeSpan.FromDays(320));
        var due = Assert.Single((await HomeAsync(registry, world.Editor)).Organisations.Single().Due, d => d.System.Id == changes.Id);
        Assert.False(due.Overdue);
        registry.Time.Advance(TimeSpan.FromDays(20));
        Assert.True((await HomeAsync(registry, world.Owner)).Organisations.Single().Due.Single(d => d.System.Id == changes.Id).Overdue);

        var other = await HomeAsync(registry, world.Other);
        Assert.DoesNotContain(other.Organisations.SelectMany(o => o.Systems), s => s.Id == changes.Id);
        Assert.DoesNotContain(other.Organisations.SelectMany(o => o.Due), d => d.System.Id == changes.Id);
        Assert.DoesNotContain(other.Notifications, n => n.SystemId == changes.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_experts_queue_says_what_is_needed_next(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        system = await world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId, world.Expert2.UserId], system.Version));

        async Task<QueueItem> Next(Actor expert) => Assert.Single((await HomeAsync(registry, expert)).ExpertQueue!);
        Assert.Equal(ReviewStep.Declare, (await Next(world.Expert)).Next);
        Assert.Contains((await HomeAsync(registry, world.Expert)).Notifications, n => n.Kind == "notification.assigned");

        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert, system.Id));
        var filling = await Next(world.Expert);
        Assert.Equal(ReviewStep.Checklist, filling.Next);
        Assert.Equal(0, filling.ChecklistDone);
        Assert.True(filling.ChecklistTotal > 0);

        var items = await registry.RunAsync(sp => Task.FromResult(sp.GetRequiredService<WorkflowService>().Checklist().Items));
        foreach (var item in items)
        {
            await world.Workflow(w => w.RemarkAsync(world.Expert, system.Id, item.Id, ChecklistVerdict.Satisfied, null));
        }

        Assert.Equal(ReviewStep.Recommend, (await Next(world.Expert)).Next);
        system = await registry.GetAsync(world.Owner, system.Id);
        system = await world.Workflow(w => w.RecommendAsync(world.Expert, system.Id, Recommendation.Register, "Fine.", system.Version));
        Assert.Equal(ReviewStep.WaitingForOthers, (await Next(world.Expert)).Next);
        Assert.Equal(ReviewStep.Declare, (await Next(world.Expert2)).Next);

        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert2, system.Id));
        system = await world.Workflow(w => w.RecommendAsync(world.Expert2, system.Id, Recommendation.Register, "Agreed.", system.Version));
        Assert.Equal(SystemStatus.Recommended, system.Status);
        Assert.Equal(ReviewStep.WaitingForDecision, (await Next(world.Expert)).Next);

        await world.Workflow(w => w.DecideAsync(world.Supervisor, system.Id, Decision.Register, "Registered.", null, null, system.Version));
        Assert.Empty((await HomeAsync(registry, world.Expert)).ExpertQueue!);
        Assert.Null((await HomeAsync(registry, world.Owner)).ExpertQueue);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_supervisor_sees_submissions_decisions_due_overdue_conditions_and_long_reviews(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var submitted = await world.HighRiskAsync(SystemStatus.Submitted);
        var recommended = await world.HighRiskAsync(SystemStatus.Recommended);
        var conditions = await world.HighRiskAsync(SystemStatus.RegisteredWithConditions);
        var reviewing = await world.HighRiskAsync(SystemStatus.InReview);

        var now = (await HomeAsync(registry, world.Supervisor)).Supervision!;
        Assert.Equal([submitted.Id], now.AwaitingExperts.Select(w => w.System.Id));
        Assert.Equal("Org A", now.AwaitingExperts[0].OrganisationName);
        Assert.Equal([recommended.Id], now.AwaitingDecision.Select(w => w.System.Id));
        Assert.Empty(now.OverdueConditions);
        Assert.Empty(now.LongInReview);

        // World registers with conditions due 2027-06-01; the clock starts on 2026-11-25.
        registry.Time.Advance(TimeSpan.FromDays(200));
        var later = (await HomeAsync(registry, world.Supervisor)).Supervision!;
        var overdue = Assert.Single(later.OverdueConditions);
        Assert.Equal(conditions.Id, overdue.System.Id);
        Assert.Equal(new DateOnly(2027, 6, 1), overdue.Deadline);
        Assert.True(overdue.Days > 0);
        var slow = Assert.Single(later.LongInReview);
        Assert.Equal(reviewing.Id, slow.System.Id);
        Assert.True(slow.Days >= 200);
        Assert.Equal(200, later.AwaitingExperts.Single().Days);

        Assert.Null((await HomeAsync(registry, world.Owner)).Supervision);
        Assert.Null((await HomeAsync(registry, world.Expert)).Supervision);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_token_limited_to_one_organisation_or_without_read_sees_only_that(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var (second, owner) = await registry.OrganisationAsync(world.Owner, "333333333330", "Org C");
        Assert.Equal(2, (await HomeAsync(registry, owner)).Organisations.Count);

        var limited = new Actor(owner.UserId, owner.Name, [], owner.Memberships, [Scopes.Read], second.Id);
        Assert.Equal([second.Id], (await HomeAsync(registry, limited)).Organisations.Select(o => o.Organisation.Id));

        var writeOnly = new Actor(owner.UserId, owner.Name, [], owner.Memberships, [Scopes.Write]);
        var home = await HomeAsync(registry, writeOnly);
        Assert.Empty(home.Organisations);
        Assert.Empty(home.Notifications);

        await Assert.ThrowsAsync<ForbiddenException>(() => HomeAsync(registry, Actor.Anonymous));
    }
}
