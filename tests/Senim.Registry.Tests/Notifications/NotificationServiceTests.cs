using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Notifications;

public class NotificationServiceTests
{
    private static Task<T> Notifications<T>(World world, Func<NotificationService, Task<T>> action) =>
        world.Registry.RunAsync(sp => action(sp.GetRequiredService<NotificationService>()));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Readers_see_their_own_and_their_organisations_notifications_newest_first(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        system = await world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId], system.Version));
        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert, system.Id));
        registry.Time.Advance(TimeSpan.FromMinutes(5));
        system = await world.Workflow(w => w.RequestChangesAsync(world.Expert, system.Id, "Add the bias test.", system.Version));

        var expert = await Notifications(world, n => n.ListAsync(world.Expert, false, 1, 20));
        var assigned = Assert.Single(expert.Items);
        Assert.Equal("notification.assigned", assigned.Kind);
        Assert.True(assigned.Personal);
        Assert.Equal(system.Id, assigned.SystemId);
        Assert.Equal("credit-scoring", assigned.SystemNameRu);

        foreach (var member in new[] { world.Owner, world.Editor })
        {
            var item = Assert.Single((await Notifications(world, n => n.ListAsync(member, false, 1, 20))).Items);
            Assert.Equal("notification.changes-requested", item.Kind);
            Assert.Equal("Org A", item.OrganisationName);
            Assert.False(item.Personal);
        }

        Assert.Empty((await Notifications(world, n => n.ListAsync(world.Other, false, 1, 20))).Items);
        Assert.Empty((await Notifications(world, n => n.ListAsync(world.Supervisor, false, 1, 20))).Items);

        // The insider (an editor of Org A and an expert) sees the organisation's notification, newest first.
        system = await world.Workflow(w => w.ResubmitAsync(world.Owner, system.Id, system.Version, null));
        await world.Workflow(w => w.RecommendAsync(world.Expert, system.Id, Recommendation.Refuse, "No.", system.Version));
        system = await registry.GetAsync(world.Owner, system.Id);
        registry.Time.Advance(TimeSpan.FromMinutes(5));
        await world.Workflow(w => w.DecideAsync(world.Supervisor, system.Id, Decision.Refuse, "Not enough evidence.", null, null, system.Version));
        var owner = await Notifications(world, n => n.ListAsync(world.InsideExpert, false, 1, 20));
        Assert.Equal(["notification.decided", "notification.changes-requested"], owner.Items.Select(i => i.Kind));
        Assert.Equal(["refused"], owner.Items[0].Args);

        var token = new Actor(world.Owner.UserId, "owner", [], world.Owner.Memberships, [Scopes.Write]);
        await Assert.ThrowsAsync<ForbiddenException>(() => Notifications(world, n => n.ListAsync(token, false, 1, 20)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Notifications(world, n => n.ListAsync(Actor.Anonymous, false, 1, 20)));
        await Assert.ThrowsAsync<ValidationException>(() => Notifications(world, n => n.ListAsync(world.Owner, false, 1, 101)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Marking_read_touches_only_the_readers_notifications(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        await world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId, world.Expert2.UserId], system.Version));

        var mine = Assert.Single((await Notifications(world, n => n.ListAsync(world.Expert, false, 1, 20))).Items);
        var theirs = Assert.Single((await Notifications(world, n => n.ListAsync(world.Expert2, false, 1, 20))).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => Notifications(world, n => n.MarkReadAsync(world.Expert, theirs.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Notifications(world, n => n.MarkReadAsync(world.Owner, mine.Id)));

        var read = await Notifications(world, n => n.MarkReadAsync(world.Expert, mine.Id));
        Assert.NotNull(read.ReadAt);
        registry.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(read.ReadAt, (await Notifications(world, n => n.MarkReadAsync(world.Expert, mine.Id))).ReadAt);
        Assert.Equal(0, await Notifications(world, n => n.UnreadCountAsync(world.Expert)));
        Assert.Empty((await Notifications(world, n => n.ListAsync(world.Expert, true, 1, 20))).Items);

        Assert.Equal(1, await Notifications(world, n => n.UnreadCountAsync(world.Expert2)));
        Assert.Equal(0, await Notifications(world, n => n.MarkAllReadAsync(world.Owner)));
        Assert.Equal(1, await Notifications(world, n => n.UnreadCountAsync(world.Expert2)));
        Assert.Equal(1, await Notifications(world, n => n.MarkAllReadAsync(world.Expert2)));
        Assert.Equal(0, await Notifications(world, n => n.UnreadCountAsync(world.Expert2)));
    }
}
