using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>
/// The same account, organisation, token, admin and home flows through the HTTP pipeline on PostgreSQL
/// (skipped when ./scripts/test.sh has not started a cluster).
/// </summary>
public class PostgresAccountsTests
{
    [Fact]
    public async Task Accounts_organisations_tokens_roles_and_homes_work_on_postgresql()
    {
        await using var factory = new PostgresFactory();
        await factory.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;

        // Sign-up through the form, then a token made on the page.
        var client = factory.CreateClient();
        var home = await Browser.Submit(client, await Browser.Get(client, "/account/sign-up"), "", [
            new("display_name", "Постгрес Қолданушы"), new("email", "pg.user@test.kz"), new("password", "Long-password-1"),
            new("confirm_password", "Long-password-1"), new("language", "kk")]);
        Assert.Equal("/home", new Uri(home.Document.Url).AbsolutePath);
        // The address is confirmed from the mail (the folder drop), as a person does before acting for an organisation.
        var mail = await Mailbox.WaitAsync(factory.MailFolder, "pg.user@test.kz", "/account/confirm-email");
        Assert.NotNull((await Browser.Get(client, Mailbox.Link(mail, "/account/confirm-email"))).Document.QuerySelector("#confirmed"));
        var tokens = await Browser.Get(client, "/account/tokens");
        var created = await SubmitAsync(client, tokens, "form[action*='handler=Create']", [new("name", "pg"), new("scopes", "read"), new("scopes", "write"), new("days", "10")]);
        var secret = TextOf(created, "#token-secret");
        var api = Api(factory, secret);

        // Organisation: create, stale update refused with nothing saved, others invisible.
        var org = await api.PostAsync("/api/v1/organisations", Json("""{"bin":"404040404041","name":"PG LLP","size":"large","contact_email":"pg@test.kz"}"""), ct);
        Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        var id = (await ReadJsonAsync(org)).GetProperty("id").GetGuid();
        using (var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/organisations/{id}") { Content = Json("""{"bin":"404040404041","name":"Stale","size":"large","contact_email":"pg@test.kz"}""") })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "W/\"v0\"");
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.SendAsync(stale, ct)).StatusCode);
        }

        Assert.Equal("PG LLP", await Db(factory, db => db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync()));
        var bank = await Db(factory, db => db.Organisations.Where(o => o.Bin == "990140000017" && o.Name == "Demo Bank JSC").Select(o => o.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/organisations/{bank}", ct)).StatusCode);
        var me = await Db(factory, db => db.Users.Where(u => u.Email == "pg.user@test.kz").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync($"/api/v1/organisations/{id}/members/{me}", ct)).StatusCode);

        // Platform roles by an admin only.
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsync($"/api/v1/admin/users/{me}/roles", Json("""{"roles":["admin"]}"""), ct)).StatusCode);
        var admin = Api(factory, await TokenAsync(factory, "admin@demo.senim.kz", ["read", "admin"]));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/v1/admin/users/{me}/roles", Json("""{"roles":["supervisor"]}"""), ct)).StatusCode);
        var found = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/users?q=Постгрес", ct));
        Assert.Equal(1, found.GetProperty("total").GetInt32());

        // Homes: the new supervisor's token lacks the supervise scope; a full one sees the worklists.
        var ownHome = await ReadJsonAsync(await api.GetAsync("/api/v1/home", ct));
        Assert.Equal("PG LLP", ownHome.GetProperty("organisations")[0].GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ownHome.GetProperty("supervision").ValueKind);
        var supervisor = await ReadJsonAsync(await Api(factory, await TokenAsync(factory, "supervisor@demo.senim.kz", ["read", "supervise"])).GetAsync("/api/v1/home", ct));
        Assert.Equal(1, supervisor.GetProperty("supervision").GetProperty("awaiting_experts").GetArrayLength());
        var expert = await ReadJsonAsync(await Api(factory, await TokenAsync(factory, "expert1@demo.senim.kz", ["read", "review"])).GetAsync("/api/v1/home", ct));
        Assert.NotEqual(0, expert.GetProperty("expert_queue").GetArrayLength());

        // A token limited to a deleted organisation says so.
        var limited = await TokenAsync(factory, "pg.user@test.kz", ["read"], id);
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/organisations/{id}"))
        {
            delete.Headers.TryAddWithoutValidation("If-Match", org.Headers.ETag!.ToString());
            Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(delete, ct)).StatusCode);
        }

        var refused = await Api(factory, limited).GetAsync("/api/v1/me", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("The token belongs to an organisation that was deleted.", (await ReadJsonAsync(refused)).GetProperty("detail").GetString());

        // Wrong passwords make the next attempts wait, and lock nothing, on PostgreSQL too.
        var guessing = factory.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            await SignInAsync(guessing, "pg.user@test.kz", "Wrong-password-9");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(guessing, "pg.user@test.kz", "Long-password-1")).Status);
        Assert.Null(await Db(factory, db => db.Users.Where(u => u.Email == "pg.user@test.kz").Select(u => u.LockoutEnd).SingleAsync()));
    }
}
