using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Accounts;

public class UserAdminServiceTests
{
    private static Task<T> Users<T>(TestRegistry registry, Func<UserAdminService, Task<T>> action) =>
        registry.RunAsync(sp => action(sp.GetRequiredService<UserAdminService>()));

    private static Task<List<string>> RolesAsync(TestRegistry registry, Guid userId) =>
        registry.RunAsync(async sp => (await sp.GetRequiredService<ActorService>().ForUserAsync(userId)).PlatformRoleNames.Order(StringComparer.Ordinal).ToList());

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Only_platform_admins_manage_users(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        foreach (var actor in new[] { world.Owner, world.Supervisor, world.Expert, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Users(registry, u => u.SearchAsync(actor, null)));
            await Assert.ThrowsAsync<ForbiddenException>(() => Users(registry, u => u.SetRolesAsync(actor, world.Owner.UserId, [PlatformRoles.Admin])));
            await Assert.ThrowsAsync<ForbiddenException>(() => Users(registry, u => u.LockAsync(actor, world.Other.UserId)));
        }

        // An admin acting through a token without the admin scope is not an admin.
        var token = new Actor(world.Admin.UserId, world.Admin.Name, [PlatformRoles.Admin], world.Admin.Memberships, [Scopes.Read, Scopes.Write]);
        await Assert.ThrowsAsync<ForbiddenException>(() => Users(registry, u => u.SetRolesAsync(token, world.Owner.UserId, [PlatformRoles.Admin])));
        Assert.Empty(await RolesAsync(registry, world.Owner.UserId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Admins_grant_and_revoke_roles_exactly_as_asked(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var summary = await Users(registry, u => u.SetRolesAsync(world.Admin, world.Owner.UserId, [PlatformRoles.Expert, PlatformRoles.Supervisor, PlatformRoles.Expert]));
        Assert.Equal([PlatformRoles.Supervisor, PlatformRoles.Expert], summary.Roles);
        Assert.Equal([PlatformRoles.Expert, PlatformRoles.Supervisor], await RolesAsync(registry, world.Owner.UserId));

        await Users(registry, u => u.SetRolesAsync(world.Admin, world.Owner.UserId, [PlatformRoles.Supervisor]));
        Assert.Equal([PlatformRoles.Supervisor], await RolesAsync(registry, world.Owner.UserId));

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Users(registry, u => u.SetRolesAsync(world.Admin, world.Owner.UserId, [PlatformRoles.Expert, "root"])));
        Assert.Equal("role-unknown", Assert.Single(invalid.Errors).Key);
        Assert.Equal([PlatformRoles.Supervisor], await RolesAsync(registry, world.Owner.UserId));

        await Assert.ThrowsAsync<NotFoundException>(() => Users(registry, u => u.SetRolesAsync(world.Admin, Guid.NewGuid(), [])));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_last_admin_keeps_the_role_and_nobody_demotes_or_locks_themselves(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var own = await Assert.ThrowsAsync<RuleException>(() => Users(registry, u => u.SetRolesAsync(world.Admin, world.Admin.UserId, [])));
        Assert.Equal("own-admin-role", own.Key);
        Assert.Equal("lock-self", (await Assert.ThrowsAsync<RuleException>(() => Users(registry, u => u.LockAsync(world.Admin, world.Admin.UserId)))).Key);

        await Users(registry, u => u.SetRolesAsync(world.Admin, world.Supervisor.UserId, [PlatformRoles.Supervisor, PlatformRoles.Admin]));
        var second = await registry.ActorAsync(world.Supervisor.UserId);
        await Users(registry, u => u.SetRolesAsync(second, world.Admin.UserId, []));
        Assert.Empty(await RolesAsync(registry, world.Admin.UserId));

        // Now the supervisor is the only admin: another (token-less) admin actor cannot exist to demote them, and they cannot demote themselves.
        var last = await Assert.ThrowsAsync<RuleException>(() => Users(registry, u => u.SetRolesAsync(second, second.UserId, [PlatformRoles.Supervisor])));
        Assert.Equal("own-admin-role", last.Key);
        Assert.Contains(PlatformRoles.Admin, await RolesAsync(registry, second.UserId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_last_platform_admin_cannot_lose_the_role(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        // System acts as an admin that is not a user: the rule is about the count, not about who asks.
        var last = await Assert.ThrowsAsync<RuleException>(() => Users(registry, u => u.SetRolesAsync(Actor.System, world.Admin.UserId, [])));
        Assert.Equal("last-platform-admin", last.Key);
        Assert.Contains(PlatformRoles.Admin, await RolesAsync(registry, world.Admin.UserId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_locked_account_cannot_use_its_tokens_until_unlocked(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var (_, plaintext) = await registry.RunAsync(sp => sp.GetRequiredService<TokenService>().CreateAsync(world.Owner, "ci", [Scopes.Read], null, 30));
        Task<TokenCheck> Check() => registry.RunAsync(sp => sp.GetRequiredService<TokenService>().AuthenticateAsync(plaintext));
        Assert.NotNull((await Check()).Actor);

        var locked = await Users(registry, u => u.LockAsync(world.Admin, world.Owner.UserId));
        Assert.True(locked.LockedByAdmin);
        Assert.Equal("The token's account is locked or deleted.", (await Check()).Failure);
        Assert.True(await registry.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<SenimUser>>();
            return await users.IsLockedOutAsync((await users.FindByIdAsync(world.Owner.UserId.ToString()))!);
        }));

        var unlocked = await Users(registry, u => u.UnlockAsync(world.Admin, world.Owner.UserId));
        Assert.Null(unlocked.LockedUntil);
        Assert.NotNull((await Check()).Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Search_finds_users_by_email_or_name_and_pages(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        await registry.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<SenimUser>>();
            var user = new SenimUser { Id = Guid.NewGuid(), UserName = "aigerim@test.kz", Email = "aigerim@test.kz", DisplayName = "Айгерім Сейітова" };
            Assert.True((await users.CreateAsync(user, "Test-password-1")).Succeeded);
        });

        Assert.Equal("aigerim@test.kz", Assert.Single((await Users(registry, u => u.SearchAsync(world.Admin, "AIGERIM"))).Items).Email);
        Assert.Equal("aigerim@test.kz", Assert.Single((await Users(registry, u => u.SearchAsync(world.Admin, "айгерім"))).Items).Email);
        Assert.Equal("aigerim@test.kz", Assert.Single((await Users(registry, u => u.SearchAsync(world.Admin, "Сейіт"))).Items).Email);

        var all = await registry.Db(db => db.Users.CountAsync());
        var page1 = await Users(registry, u => u.SearchAsync(world.Admin, null, 1, 3));
        var page2 = await Users(registry, u => u.SearchAsync(world.Admin, null, 2, 3));
        Assert.Equal(all, page1.Total);
        Assert.Equal(3, page1.Items.Count);
        Assert.Empty(page1.Items.Select(u => u.Id).Intersect(page2.Items.Select(u => u.Id)));
        var expert = (await Users(registry, u => u.SearchAsync(world.Admin, "expert@review"))).Items.Single();
        Assert.Equal([PlatformRoles.Expert], expert.Roles);

        var bad = await Assert.ThrowsAsync<ValidationException>(() => Users(registry, u => u.SearchAsync(world.Admin, null, 1, 101)));
        Assert.Equal("page-size-range", Assert.Single(bad.Errors).Key);
    }
}
