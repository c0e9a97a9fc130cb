using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;

namespace Senim.Registry.Tests.Support;

/// <summary>
/// A small register: two organisations, a supervisor, three experts (one of them a member of the
/// first organisation), a platform admin, and helpers that bring a high-risk system to any status.
/// </summary>
public sealed class World
{
    private World(TestRegistry registry) => Registry = registry;

    public TestRegistry Registry { get; }

    public Organisation Org { get; private set; } = null!;

    public Organisation OtherOrg { get; private set; } = null!;

    public Actor Owner { get; private set; } = null!;

    public Actor Editor { get; private set; } = null!;

    public Actor Other { get; private set; } = null!;

    public Actor Supervisor { get; private set; } = null!;

    public Actor Expert { get; private set; } = null!;

    public Actor Expert2 { get; private set; } = null!;

    /// <summary>An expert who is also a member of <see cref="Org"/>: conflicted.</summary>
    public Actor InsideExpert { get; private set; } = null!;

    public Actor Admin { get; private set; } = null!;

    public static readonly IReadOnlyDictionary<string, string[]> HighRisk = new Dictionary<string, string[]>
    {
        ["kz.risk.significant"] = ["users"],
        ["kz.infosec.critical_ict"] = ["no"],
        ["kz.infosec.state_resource"] = ["no"],
    };

    public static async Task<World> CreateAsync(TestRegistry registry)
    {
        var world = new World(registry);
        var owner = await registry.UserAsync("owner@org.example");
        (world.Org, world.Owner) = await registry.OrganisationAsync(owner, "111111111110", "Org A");
        var editor = await registry.UserAsync("editor@org.example");
        var insider = await registry.UserAsync("insider@org.example", PlatformRoles.Expert);
        await registry.MemberAsync(world.Owner, world.Org.Id, "editor@org.example", MemberRole.Editor);
        await registry.MemberAsync(world.Owner, world.Org.Id, "insider@org.example", MemberRole.Editor);
        world.Editor = await registry.ActorAsync(editor.UserId);
        world.InsideExpert = await registry.ActorAsync(insider.UserId);
        var other = await registry.UserAsync("other@other.example");
        (world.OtherOrg, world.Other) = await registry.OrganisationAsync(other, "222222222220", "Org B");
        world.Supervisor = await registry.UserAsync("supervisor@gov.example", PlatformRoles.Supervisor);
        world.Expert = await registry.UserAsync("expert@review.example", PlatformRoles.Expert);
        world.Expert2 = await registry.UserAsync("expert2@review.example", PlatformRoles.Expert);
        world.Admin = await registry.UserAsync("admin@senim.example", PlatformRoles.Admin);
        // The world starts with no notifications and no mail: the members' accepted invitations are its setting up, not its story.
        await registry.Db(async db => await db.Notifications.ExecuteDeleteAsync() + await db.OutboxMessages.ExecuteDeleteAsync());
        return world;
    }

    public Task<T> Workflow<T>(Func<WorkflowService, Task<T>> action) => Registry.RunAsync(sp => action(sp.GetRequiredService<WorkflowService>()));

    /// <summary>A high-risk system of <see cref="Org"/>, classified, documented, and brought to <paramref name="status"/>.</summary>
    public async Task<AiSystem> HighRiskAsync(SystemStatus status)
    {
        var s = await Registry.SystemAsync(Owner, Org.Id, "credit-scoring", HighRisk);
        Assert.Equal("high", s.Tier);
        if (status == SystemStatus.Draft)
        {
            return s;
        }

        if (status == SystemStatus.Removed)
        {
            return await Workflow(w => w.RemoveAsync(Owner, s.Id, "test", s.Version));
        }

        s = await Workflow(w => w.SubmitAsync(Owner, s.Id, s.Version, null));
        if (status == SystemStatus.Submitted)
        {
            return s;
        }

        s = await Workflow(w => w.AssignAsync(Supervisor, s.Id, [Expert.UserId], s.Version));
        await Workflow(w => w.DeclareNoConflictAsync(Expert, s.Id));
        if (status == SystemStatus.InReview)
        {
            return s;
        }

        if (status == SystemStatus.ChangesRequested)
        {
            return await Workflow(w => w.RequestChangesAsync(Expert, s.Id, "Please add the bias test.", s.Version));
        }

        s = await Workflow(w => w.RecommendAsync(Expert, s.Id, Recommendation.Register, "Fine.", s.Version));
        if (status == SystemStatus.Recommended)
        {
            return s;
        }

        if (status == SystemStatus.Refused)
        {
            return await Workflow(w => w.DecideAsync(Supervisor, s.Id, Decision.Refuse, "Not enough evidence.", null, null, s.Version));
        }

        if (status == SystemStatus.RegisteredWithConditions)
        {
            return await Workflow(w => w.DecideAsync(Supervisor, s.Id, Decision.RegisterWithConditions, "With conditions.", "Audit outputs yearly.", new DateOnly(2027, 6, 1), s.Version));
        }

        s = await Workflow(w => w.DecideAsync(Supervisor, s.Id, Decision.Register, "Registered.", null, null, s.Version));
        return status switch
        {
            SystemStatus.Registered => s,
            SystemStatus.Suspended => await Workflow(w => w.SuspendAsync(Supervisor, s.Id, "Investigating a complaint.", s.Version)),
            SystemStatus.Withdrawn => await Workflow(w => w.WithdrawAsync(Supervisor, s.Id, "Stopped operating.", s.Version)),
            _ => throw new ArgumentException($"use PublishedAsync for {status}", nameof(status)),
        };
    }

    /// <summary>A system of <see cref="Org"/> that is not high-risk, published by notification.</summary>
    public async Task<AiSystem> PublishedAsync()
    {
        var s = await Registry.SystemAsync(Owner, Org.Id, "spam-filter");
        Assert.Equal("minimal", s.Tier);
        return await Workflow(w => w.PublishAsync(Owner, s.Id, s.Version));
    }
}
