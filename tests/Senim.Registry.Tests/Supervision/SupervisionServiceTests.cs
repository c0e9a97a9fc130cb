using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Supervision;

public class SupervisionServiceTests
{
    private static Task<T> Supervision<T>(World world, Func<SupervisionService, Task<T>> action) =>
        world.Registry.RunAsync(sp => action(sp.GetRequiredService<SupervisionService>()));

    /// <summary>The expert candidates as the API asks for them: the supervisory body only, then the system opened once.</summary>
    private static Task<IReadOnlyList<ExpertCandidate>> Experts(World world, Actor actor, Guid systemId) => world.Registry.RunAsync(async sp =>
    {
        SupervisionService.RequireSupervisor(actor);
        return await sp.GetRequiredService<SupervisionService>().ExpertsAsync(await sp.OpenAsync(actor, systemId));
    });

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Each_work_list_holds_the_systems_in_its_stage(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var submitted = await world.HighRiskAsync(SystemStatus.Submitted);
        registry.Time.Advance(TimeSpan.FromDays(3));
        var inReview = await world.HighRiskAsync(SystemStatus.InReview);
        registry.Time.Advance(TimeSpan.FromMinutes(1));
        var changes = await world.HighRiskAsync(SystemStatus.ChangesRequested);
        registry.Time.Advance(TimeSpan.FromMinutes(1));
        var recommended = await world.HighRiskAsync(SystemStatus.Recommended);
        var conditional = await world.HighRiskAsync(SystemStatus.RegisteredWithConditions);
        var suspended = await world.HighRiskAsync(SystemStatus.Suspended);
        await world.HighRiskAsync(SystemStatus.Registered);
        await world.HighRiskAsync(SystemStatus.Draft);
        registry.Time.Advance(TimeSpan.FromDays(2));

        async Task<IReadOnlyList<SupervisionRow>> List(SupervisionList list) => (await Supervision(world, s => s.ListAsync(world.Supervisor, list, 1, 50))).Items;
        Assert.Equal([submitted.Id], (await List(SupervisionList.AwaitingExperts)).Select(r => r.SystemId));
        Assert.Equal([inReview.Id, changes.Id], (await List(SupervisionList.InReview)).Select(r => r.SystemId));
        Assert.Equal([recommended.Id], (await List(SupervisionList.AwaitingDecision)).Select(r => r.SystemId));
        Assert.Equal([suspended.Id], (await List(SupervisionList.Suspended)).Select(r => r.SystemId));
        Assert.Empty(await List(SupervisionList.ConditionsOverdue));

        var review = (await List(SupervisionList.InReview))[0];
        Assert.Equal(1, review.Experts);
        Assert.Equal(0, review.Recommendations);
        Assert.Equal(registry.Time.GetUtcNow().UtcDateTime.AddDays(-2), review.ReviewStarted!.Value, TimeSpan.FromMinutes(5));
        var decision = (await List(SupervisionList.AwaitingDecision))[0];
        Assert.Equal(1, decision.Recommendations);

        // The conditions' deadline (2027-06-01 in the test world) passes.
        registry.Time.Advance(TimeSpan.FromDays(200));
        var overdue = Assert.Single(await List(SupervisionList.ConditionsOverdue));
        Assert.Equal(conditional.Id, overdue.SystemId);
        Assert.Equal(new DateOnly(2027, 6, 1), overdue.ConditionsDeadline);
        Assert.NotNull(overdue.RegisterNumber);

        var counts = await Supervision(world, s => s.CountsAsync(world.Supervisor));
        Assert.Equal(1, counts[SupervisionList.AwaitingExperts]);
        Assert.Equal(2, counts[SupervisionList.InReview]);
        Assert.Equal(1, counts[SupervisionList.ConditionsOverdue]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Expert_candidates_are_marked_when_they_belong_to_the_organisation(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.InReview);
        var candidates = await Experts(world, world.Supervisor, system.Id);
        Assert.Equal(3, candidates.Count);
        Assert.True(candidates.Single(c => c.Id == world.InsideExpert.UserId).Conflicted);
        var assigned = candidates.Single(c => c.Id == world.Expert.UserId);
        Assert.False(assigned.Conflicted);
        Assert.True(assigned.Assigned);
        Assert.Equal(1, assigned.ActiveAssignments);
        Assert.False(candidates.Single(c => c.Id == world.Expert2.UserId).Assigned);
        Assert.Equal(world.InsideExpert.UserId, candidates[^1].Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Only_the_supervisor_sees_the_work_lists(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        foreach (var actor in new[] { world.Owner, world.Expert, world.Admin, world.Other, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Supervision(world, s => s.CountsAsync(actor)));
            await Assert.ThrowsAsync<ForbiddenException>(() => Supervision(world, s => s.ListAsync(actor, SupervisionList.AwaitingExperts, 1, 20)));
            await Assert.ThrowsAsync<ForbiddenException>(() => Experts(world, actor, system.Id));
        }

        // A handle opened by someone who may see the system is not enough: the candidates are the supervisory body's.
        await Assert.ThrowsAsync<ForbiddenException>(() => world.Registry.RunAsync(async sp =>
            await sp.GetRequiredService<SupervisionService>().ExpertsAsync(await sp.OpenAsync(world.Owner, system.Id))));

        var token = new Actor(world.Supervisor.UserId, "supervisor", [PlatformRoles.Supervisor], new Dictionary<Guid, MemberRole>(), [Scopes.Read]);
        await Assert.ThrowsAsync<ForbiddenException>(() => Supervision(world, s => s.CountsAsync(token)));
    }
}
