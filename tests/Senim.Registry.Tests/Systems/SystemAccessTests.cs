using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Systems;

/// <summary>
/// The handle a request opens once (<see cref="SystemService.OpenAsync"/>): who may open a system for what, and the
/// services that take the handle still refuse what its actor may not do.
/// </summary>
public class SystemAccessTests
{
    private static async Task<Type?> OpenAsync(TestRegistry registry, Actor actor, Guid systemId, SystemPurpose purpose)
    {
        try
        {
            await registry.RunAsync(sp => sp.OpenAsync(actor, systemId, purpose));
            return null;
        }
        catch (RegistryException ex)
        {
            return ex.GetType();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Who_may_open_a_system_for_what_is_as_before(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var inReview = await world.HighRiskAsync(SystemStatus.InReview);
        Type? Hidden = typeof(NotFoundException), Refused = typeof(ForbiddenException), Open = null;

        //                                              Read     Change   Workflow
        var expected = new (Actor Actor, Type? Read, Type? Change, Type? Workflow)[]
        {
            (world.Owner,      Open,    Open,    Open),
            (world.Editor,     Open,    Open,    Open),
            (world.Supervisor, Open,    Refused, Open),
            (world.Admin,      Open,    Refused, Open),
            (world.Expert,     Open,    Refused, Open),
            (world.Expert2,    Hidden,  Hidden,  Hidden),
            (world.Other,      Hidden,  Hidden,  Hidden),
            (Actor.Anonymous,  Hidden,  Hidden,  Hidden),
        };
        foreach (var (actor, read, change, workflow) in expected)
        {
            Assert.Equal((actor.Name, read), (actor.Name, await OpenAsync(registry, actor, inReview.Id, SystemPurpose.Read)));
            Assert.Equal((actor.Name, change), (actor.Name, await OpenAsync(registry, actor, inReview.Id, SystemPurpose.Change)));
            Assert.Equal((actor.Name, workflow), (actor.Name, await OpenAsync(registry, actor, inReview.Id, SystemPurpose.Workflow)));
        }

        Assert.Equal(Hidden, await OpenAsync(registry, world.Owner, Guid.NewGuid(), SystemPurpose.Read));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_handle_carries_the_row_and_what_the_actor_may_do(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var inReview = await world.HighRiskAsync(SystemStatus.InReview);

        var (owner, expert, supervisor) = await registry.RunAsync(async sp => (
            await sp.OpenAsync(world.Owner, inReview.Id),
            await sp.OpenAsync(world.Expert, inReview.Id),
            await sp.OpenAsync(world.Supervisor, inReview.Id)));
        Assert.Equal((inReview.Id, inReview.Version, "Org A"), (owner.System.Id, owner.System.Version, owner.System.Organisation!.Name));
        Assert.Equal((true, false, false), (owner.IsEditor, owner.CanChangeNow, owner.SeesPanel));
        Assert.Null(owner.ActiveAssignment);
        Assert.NotNull(expert.ActiveAssignment);
        Assert.NotNull(expert.ActiveAssignment!.NoConflictDeclaredAt);
        Assert.Equal((false, false), (expert.IsEditor, expert.SeesPanel));
        Assert.Equal((false, true), (supervisor.IsEditor, supervisor.SeesPanel));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_expert_whose_round_ended_no_longer_sees_the_system(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var registered = await world.HighRiskAsync(SystemStatus.Registered);

        // The assignment ended with the decision: reading it needs an active one (the public register shows the record).
        foreach (var purpose in Enum.GetValues<SystemPurpose>())
        {
            Assert.Equal(typeof(NotFoundException), await OpenAsync(registry, world.Expert, registered.Id, purpose));
        }

        var ended = await registry.RunAsync(sp => sp.GetRequiredService<RegistryDb>().ReviewAssignments.AsNoTracking().Where(a => a.SystemId == registered.Id && a.ExpertId == world.Expert.UserId).ToListAsync());
        Assert.NotEmpty(ended);
        Assert.All(ended, a => Assert.False(a.Active));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Services_taking_a_handle_refuse_what_its_actor_may_not_do(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var draft = await registry.SystemAsync(world.Owner, world.Org.Id, "spam-filter", fillDocuments: false);
        var answers = registry.Answers("spam-filter");

        // The supervisor may read the draft, so the handle opens; changing it is still refused.
        var classify = await Assert.ThrowsAsync<ForbiddenException>(() => registry.RunAsync(async sp =>
            await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(world.Supervisor, draft.Id), answers, "all", draft.Version)));
        Assert.Equal("not-editor", classify.Key);
        await Assert.ThrowsAsync<ForbiddenException>(() => registry.RunAsync(async sp =>
            await sp.GetRequiredService<SystemService>().UpdateAsync(await sp.OpenAsync(world.Admin, draft.Id), TestRegistry.Input("x"), draft.Version)));
        var document = await Assert.ThrowsAsync<ForbiddenException>(() => registry.RunAsync(async sp =>
            await sp.GetRequiredService<DocumentService>().SaveAsync(await sp.OpenAsync(world.Supervisor, draft.Id), "kz.doc.risk", new Dictionary<string, string?>(), null, null, 0)));
        Assert.Contains("documentation", document.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => registry.RunAsync(async sp =>
            await sp.GetRequiredService<ReviewService>().PanelAsync(await sp.OpenAsync(world.Owner, draft.Id))));

        // The version the owner read is checked before the status: a stale form is a conflict, not a refusal.
        var submitted = await world.HighRiskAsync(SystemStatus.Submitted);
        await Assert.ThrowsAsync<ConcurrencyException>(() => registry.RunAsync(async sp =>
            await sp.GetRequiredService<SystemService>().UpdateAsync(await sp.OpenAsync(world.Owner, submitted.Id), TestRegistry.Input("x"), submitted.Version - 1)));
        await Assert.ThrowsAsync<RuleException>(() => registry.RunAsync(async sp =>
            await sp.GetRequiredService<SystemService>().UpdateAsync(await sp.OpenAsync(world.Owner, submitted.Id), TestRegistry.Input("x"), submitted.Version)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_deleted_organisations_systems_open_for_nobody(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await registry.SystemAsync(world.Other, world.OtherOrg.Id, "spam-filter", fillDocuments: false);
        var organisation = await registry.Db(db => db.Organisations.SingleAsync(o => o.Id == world.OtherOrg.Id));
        await registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>().DeleteAsync(world.Admin, organisation.Id, organisation.Version));

        foreach (var purpose in Enum.GetValues<SystemPurpose>())
        {
            Assert.Equal(typeof(NotFoundException), await OpenAsync(registry, world.Other, system.Id, purpose));
            Assert.Equal(typeof(NotFoundException), await OpenAsync(registry, world.Supervisor, system.Id, purpose));
        }
    }
}
