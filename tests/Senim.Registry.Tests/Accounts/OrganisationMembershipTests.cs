using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Accounts;

public class OrganisationMembershipTests
{
    private static Task<T> Orgs<T>(TestRegistry registry, Func<OrganisationService, Task<T>> action) =>
        registry.RunAsync(sp => action(sp.GetRequiredService<OrganisationService>()));

    private static Task<Dictionary<string, MemberRole>> MembersAsync(TestRegistry registry, Guid organisationId) =>
        registry.Db(db => db.Memberships.Where(m => m.OrganisationId == organisationId).Include(m => m.User).ToDictionaryAsync(m => m.User!.Email!, m => m.Role));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Roles_change_but_an_organisation_always_keeps_an_admin(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var demote = await Assert.ThrowsAsync<RuleException>(() => Orgs(registry, o => o.SetMemberRoleAsync(world.Owner, world.Org.Id, world.Owner.UserId, MemberRole.Editor)));
        Assert.Equal("last-admin", demote.Key);
        Assert.Equal("last-admin", (await Assert.ThrowsAsync<RuleException>(() => Orgs(registry, async o => { await o.RemoveMemberAsync(world.Owner, world.Org.Id, world.Owner.UserId); return 0; }))).Key);

        await Orgs(registry, o => o.SetMemberRoleAsync(world.Owner, world.Org.Id, world.Editor.UserId, MemberRole.Admin));
        Assert.Equal(MemberRole.Admin, (await MembersAsync(registry, world.Org.Id))["editor@org.example"]);
        var editorAdmin = await registry.ActorAsync(world.Editor.UserId);
        Assert.True(editorAdmin.IsOrganisationAdmin(world.Org.Id));

        // Editors cannot change roles; other organisations see nothing.
        await Assert.ThrowsAsync<ForbiddenException>(() => Orgs(registry, o => o.SetMemberRoleAsync(world.InsideExpert, world.Org.Id, world.InsideExpert.UserId, MemberRole.Admin)));
        await Assert.ThrowsAsync<NotFoundException>(() => Orgs(registry, o => o.SetMemberRoleAsync(world.Other, world.Org.Id, world.Other.UserId, MemberRole.Admin)));
        await Assert.ThrowsAsync<NotFoundException>(() => Orgs(registry, o => o.SetMemberRoleAsync(world.Owner, world.Org.Id, world.Other.UserId, MemberRole.Admin)));
        Assert.Equal(MemberRole.Editor, (await MembersAsync(registry, world.Org.Id))["insider@org.example"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Two_admins_removing_each_other_at_once_leave_one_admin(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        await Orgs(registry, o => o.SetMemberRoleAsync(world.Owner, world.Org.Id, world.Editor.UserId, MemberRole.Admin));
        var owner = await registry.ActorAsync(world.Owner.UserId);
        var editor = await registry.ActorAsync(world.Editor.UserId);

        var results = await Task.WhenAll(
            Attempt(() => Orgs(registry, async o => { await o.RemoveMemberAsync(owner, world.Org.Id, editor.UserId); return 0; })),
            Attempt(() => Orgs(registry, async o => { await o.RemoveMemberAsync(editor, world.Org.Id, owner.UserId); return 0; })));
        Assert.Equal(1, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.True(r is ConcurrencyException or RuleException { Key: "last-admin" } or NotFoundException or ForbiddenException, r!.GetType().Name));
        Assert.Equal(1, (await MembersAsync(registry, world.Org.Id)).Count(m => m.Value == MemberRole.Admin));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_organisation_list_pages_and_only_supervisors_and_admins_see_all(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var mine = await Orgs(registry, o => o.ListPageAsync(world.Owner, all: true, 1, 20));
        Assert.Equal([world.Org.Id], mine.Items.Select(o => o.Id));
        var all = await Orgs(registry, o => o.ListPageAsync(world.Supervisor, all: true, 1, 1));
        Assert.Equal(2, all.Total);
        Assert.Single(all.Items);
        Assert.Equal(2, all.Pages);
        Assert.Empty((await Orgs(registry, o => o.ListPageAsync(world.Supervisor, all: false, 1, 20))).Items);
        await Assert.ThrowsAsync<ValidationException>(() => Orgs(registry, o => o.ListPageAsync(world.Owner, false, 0, 20)));
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (RegistryException ex)
        {
            return ex;
        }
    }
}
