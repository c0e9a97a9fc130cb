using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>Platform roles are granted by platform admins only, on the page and through the API.</summary>
public class AdminUsersTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Fact]
    public async Task Only_admins_open_the_page_and_call_the_api()
    {
        var owner = await SignedInAsync(factory, "owner@demo.senim.kz");
        var denied = await Browser.Get(owner, "/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("/account/denied", new Uri(denied.Document.Url).AbsolutePath);
        Assert.Equal("Access denied", TextOf(denied, "h1"));

        var ownerId = await Db(factory, db => db.Users.Where(u => u.Email == "owner@demo.senim.kz").Select(u => u.Id).SingleAsync());
        var before = await Db(factory, db => db.UserRoles.CountAsync());
        var self = await owner.PutAsync($"/api/v1/admin/users/{ownerId}/roles", Json("""{"roles":["admin"]}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal("not-platform-admin", (await ReadJsonAsync(self)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/api/v1/admin/users", TestContext.Current.CancellationToken)).StatusCode);
        var supervisor = Api(factory, await TokenAsync(factory, "supervisor@demo.senim.kz", ["read", "supervise"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/v1/admin/users", TestContext.Current.CancellationToken)).StatusCode);

        // An admin's token without the admin scope is not enough either.
        var adminReadOnly = Api(factory, await TokenAsync(factory, "admin@demo.senim.kz", ["read"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await adminReadOnly.PutAsync($"/api/v1/admin/users/{ownerId}/roles", Json("""{"roles":["admin"]}"""), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(before, await Db(factory, db => db.UserRoles.CountAsync()));
    }

    [Fact]
    public async Task An_admin_grants_a_role_through_the_api_and_the_user_has_it_at_once()
    {
        var target = await NewUserAsync(factory, "future.expert@test.kz");
        var admin = Api(factory, await TokenAsync(factory, "admin@demo.senim.kz", ["read", "admin"]));
        var found = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/users?q=future.expert", TestContext.Current.CancellationToken));
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(target.Id, found.GetProperty("items")[0].GetProperty("id").GetGuid());

        var granted = await admin.PutAsync($"/api/v1/admin/users/{target.Id}/roles", Json("""{"roles":["expert"]}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(["expert"], (await ReadJsonAsync(granted)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var me = await ReadJsonAsync(await Api(factory, await TokenAsync(factory, "future.expert@test.kz", ["read", "review"])).GetAsync("/api/v1/me", TestContext.Current.CancellationToken));
        Assert.Equal(["expert"], me.GetProperty("platform_roles").EnumerateArray().Select(r => r.GetString()));

        foreach (var bad in new[] { """{"roles":["god"]}""", """{"roles":"expert"}""", "{}", "{" })
        {
            var response = await admin.PutAsync($"/api/v1/admin/users/{target.Id}/roles", Json(bad), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync($"/api/v1/admin/users/{Guid.NewGuid()}/roles", Json("""{"roles":[]}"""), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(1, await Db(factory, db => db.UserRoles.CountAsync(r => r.UserId == target.Id)));
    }

    [Fact]
    public async Task An_admin_grants_roles_and_locks_accounts_on_the_page()
    {
        var target = await NewUserAsync(factory, "page.target@test.kz");
        var admin = await SignedInAsync(factory, "admin@demo.senim.kz");
        var list = await Browser.Get(admin, "/admin/users?q=page.target");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Users found: 1", list.Text, StringComparison.Ordinal);
        var roles = $"form[action*='handler=Roles'][action*='{target.Id}']";

        var saved = await SubmitAsync(admin, list, roles, [new("roles", "supervisor"), new("roles", "expert")]);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("The roles of page.target@test.kz are saved.", saved.Text, StringComparison.Ordinal);
        Assert.NotNull(saved.Document.QuerySelector($"#r-{target.Id}-supervisor[checked]"));
        Assert.Equal(2, await Db(factory, db => db.UserRoles.CountAsync(r => r.UserId == target.Id)));

        var locked = await SubmitAsync(admin, saved, $"form[action*='handler=Lock'][action*='{target.Id}']");
        Assert.Contains("The account of page.target@test.kz is locked", locked.Text, StringComparison.Ordinal);
        var signIn = await SignInAsync(factory.CreateClient(), "page.target@test.kz");
        Assert.Equal(HttpStatusCode.Forbidden, signIn.Status);
        Assert.Equal("A platform admin has locked this account. Contact the admin to get access back.", TextOf(signIn, "#problem p"));

        await SubmitAsync(admin, locked, $"form[action*='handler=Unlock'][action*='{target.Id}']");
        Assert.Equal("/home", new Uri((await SignInAsync(factory.CreateClient(), "page.target@test.kz")).Document.Url).AbsolutePath);

        // The admin cannot take away their own admin role: refused on the page, roles unchanged.
        var adminId = await Db(factory, db => db.Users.Where(u => u.Email == "admin@demo.senim.kz").Select(u => u.Id).SingleAsync());
        var mine = await Browser.Get(admin, "/admin/users?q=admin@demo");
        var refused = await SubmitAsync(admin, mine, $"form[action*='handler=Roles'][action*='{adminId}']", [new("roles", "expert")]);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("You cannot take away your own admin role", TextOf(refused, "#problem"), StringComparison.Ordinal);
        Assert.Equal(1, await Db(factory, db => db.UserRoles.CountAsync(r => r.UserId == adminId)));
    }
}
