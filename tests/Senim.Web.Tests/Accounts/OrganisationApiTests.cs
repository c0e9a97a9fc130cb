using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>/api/v1/organisations through the real pipeline, with API tokens.</summary>
public class OrganisationApiTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_read_update_with_if_match_and_delete()
    {
        var api = Api(factory, await TokenAsync(factory, "retail@demo.senim.kz", ["read", "write"]));
        var created = await api.PostAsync("/api/v1/organisations", Json("""
            {"bin":"101010101013","name":"  Crud LLP ","size":"medium","contact_email":"crud@test.kz","contact_phone":"+7 700 000 00 00","address":null,"website":"https://crud.example"}
            """), None);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("W/\"v1\"", created.Headers.ETag!.ToString());
        var body = await ReadJsonAsync(created);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/organisations/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("Crud LLP", body.GetProperty("name").GetString());
        Assert.Equal("medium", body.GetProperty("size").GetString());
        Assert.Equal("admin", body.GetProperty("my_role").GetString());

        var read = await api.GetAsync($"/api/v1/organisations/{id}", None);
        Assert.Equal("W/\"v1\"", read.Headers.ETag!.ToString());

        var update = Json("""{"bin":"101010101013","name":"Crud Two LLP","size":"large","contact_email":"crud@test.kz"}""");
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await api.PutAsync($"/api/v1/organisations/{id}", update, None)).StatusCode);
        var saved = await Send(api, HttpMethod.Put, $"/api/v1/organisations/{id}", "W/\"v1\"", """{"bin":"101010101013","name":"Crud Two LLP","size":"large","contact_email":"crud@test.kz"}""");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("W/\"v2\"", saved.Headers.ETag!.ToString());
        Assert.Null((await ReadJsonAsync(saved)).GetProperty("website").GetString());

        // A stale If-Match is refused and nothing is saved.
        var stale = await Send(api, HttpMethod.Put, $"/api/v1/organisations/{id}", "W/\"v1\"", """{"bin":"101010101013","name":"Lost Update LLP","size":"small","contact_email":"crud@test.kz"}""");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await ReadJsonAsync(stale);
        Assert.Equal("stale", problem.GetProperty("code").GetString());
        Assert.Equal(2, problem.GetProperty("current_version").GetInt32());
        Assert.Equal("Crud Two LLP", await NameOf(id));

        // The version in the body works like If-Match for clients that cannot set headers; a stale one is a 409.
        var conflict = await api.PutAsync($"/api/v1/organisations/{id}", Json("""{"bin":"101010101013","name":"Body Version LLP","size":"small","contact_email":"crud@test.kz","version":1}"""), None);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Crud Two LLP", await NameOf(id));

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await api.DeleteAsync($"/api/v1/organisations/{id}", None)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Send(api, HttpMethod.Delete, $"/api/v1/organisations/{id}", "W/\"v1\"", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Send(api, HttpMethod.Delete, $"/api/v1/organisations/{id}", "W/\"v2\"", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/organisations/{id}", None)).StatusCode);
    }

    [Fact]
    public async Task Invalid_and_duplicate_input_is_a_400_that_names_each_field_and_stores_nothing()
    {
        var api = Api(factory, await TokenAsync(factory, "retail@demo.senim.kz", ["read", "write"]));
        var before = await Db(factory, db => db.Organisations.CountAsync());
        var invalid = await api.PostAsync("/api/v1/organisations", Json("""{"bin":"12345","name":"","size":"huge","contact_email":"nope","website":"ftp://x"}"""), None);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var fields = await ReadJsonAsync(invalid);
        Assert.Equal(["bin:bin-wrong-length", "contact_email:email-invalid", "name:required", "size:size-required", "website:url-invalid"],
            fields.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString() + ":" + e.GetProperty("code").GetString()).Order(StringComparer.Ordinal));

        var mistyped = await ReadJsonAsync(await api.PostAsync("/api/v1/organisations", Json("""{"bin":"990140000012","name":"Fake Bank","size":"large","contact_email":"fake@bank.kz"}"""), None));
        Assert.Equal("bin-check-digit", mistyped.GetProperty("errors")[0].GetProperty("code").GetString());

        foreach (var bad in new[] { "{", "[]", "null", """{"bin": 123}""", """{"bin":"101010101013","unknown":true}""", "\"text\"" })
        {
            var response = await api.PostAsync("/api/v1/organisations", Json(bad), None);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrEmpty((await ReadJsonAsync(response)).GetProperty("detail").GetString()));
        }

        var huge = await api.PostAsync("/api/v1/organisations", Json("{\"name\":\"" + new string('я', 40_000) + "\"}"), None);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var tooLong = await api.PostAsync("/api/v1/organisations", Json("{\"bin\":\"101010101013\",\"name\":\"" + new string('x', 301) + "\",\"size\":\"small\",\"contact_email\":\"a@b.kz\"}"), None);
        Assert.Equal("too-long", (await ReadJsonAsync(tooLong)).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(before, await Db(factory, db => db.Organisations.CountAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/organisations?page=0", None)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/organisations?page_size=abc", None)).StatusCode);

        // Demo Bank's BIN is verified, yet another record may claim it: unverified, it publishes nothing (docs/organisations.md).
        var claim = await api.PostAsync("/api/v1/organisations", Json("""{"bin":"990140000017","name":"Fake Bank","size":"large","contact_email":"fake@bank.kz"}"""), None);
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        Assert.Equal("unverified", (await ReadJsonAsync(claim)).GetProperty("verification").GetString());
    }

    [Fact]
    public async Task Other_organisations_are_invisible_and_only_their_admins_change_them()
    {
        var bank = await Db(factory, db => db.Organisations.Where(o => o.Bin == "990140000017" && o.Name == "Demo Bank JSC").Select(o => new { o.Id, o.Name, o.Version }).SingleAsync());
        var outsider = Api(factory, await TokenAsync(factory, "hospital@demo.senim.kz", ["read", "write"]));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/organisations/{bank.Id}", None)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/organisations/{bank.Id}/members", None)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(outsider, HttpMethod.Put, $"/api/v1/organisations/{bank.Id}", $"W/\"v{bank.Version}\"", """{"bin":"990140000017","name":"Hijacked","size":"small","contact_email":"x@y.kz"}""")).StatusCode);
        var mine = await ReadJsonAsync(await outsider.GetAsync("/api/v1/organisations", None));
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == bank.Id);

        var editor = Api(factory, await TokenAsync(factory, "editor@demo.senim.kz", ["read", "write"]));
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/api/v1/organisations/{bank.Id}", None)).StatusCode);
        var forbidden = await Send(editor, HttpMethod.Put, $"/api/v1/organisations/{bank.Id}", $"W/\"v{bank.Version}\"", """{"bin":"990140000017","name":"Editor Bank","size":"small","contact_email":"x@y.kz"}""");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("not-org-admin", (await ReadJsonAsync(forbidden)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(editor, HttpMethod.Delete, $"/api/v1/organisations/{bank.Id}", $"W/\"v{bank.Version}\"", null)).StatusCode);
        Assert.Equal(bank.Name, await NameOf(bank.Id));

        // A token limited to another organisation does not reach this one even for its admin.
        var hospitalId = await Db(factory, db => db.Organisations.Where(o => o.Bin == "080240000030").Select(o => o.Id).SingleAsync());
        await Db(factory, async db =>
        {
            var owner = await db.Users.SingleAsync(u => u.Email == "owner@demo.senim.kz");
            db.Memberships.Add(new Registry.Model.Membership { Id = Guid.NewGuid(), OrganisationId = hospitalId, UserId = owner.Id, Role = Registry.Model.MemberRole.Editor, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var limited = Api(factory, await TokenAsync(factory, "owner@demo.senim.kz", ["read", "write"], hospitalId));
        Assert.Equal(HttpStatusCode.NotFound, (await limited.GetAsync($"/api/v1/organisations/{bank.Id}", None)).StatusCode);
        Assert.Equal([hospitalId], (await ReadJsonAsync(await limited.GetAsync("/api/v1/organisations", None))).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));

        // Supervisors may list every organisation.
        var supervisor = Api(factory, await TokenAsync(factory, "supervisor@demo.senim.kz", ["read", "supervise"]));
        var all = await ReadJsonAsync(await supervisor.GetAsync("/api/v1/organisations?all=true&page_size=2", None));
        Assert.True(all.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        Assert.Equal(2, all.GetProperty("page_size").GetInt32());
    }

    [Fact]
    public async Task Members_join_by_invitation_are_promoted_and_removed_but_the_last_admin_stays()
    {
        await NewUserAsync(factory, "member.one@test.kz");
        var api = Api(factory, await TokenAsync(factory, "hospital@demo.senim.kz", ["read", "write"]));
        var hospital = await Db(factory, db => db.Organisations.Where(o => o.Bin == "080240000030").Select(o => o.Id).SingleAsync());
        var hospitalAdmin = await Db(factory, db => db.Users.Where(u => u.Email == "hospital@demo.senim.kz").Select(u => u.Id).SingleAsync());

        var lastAdmin = await api.DeleteAsync($"/api/v1/organisations/{hospital}/members/{hospitalAdmin}", None);
        Assert.Equal(HttpStatusCode.Conflict, lastAdmin.StatusCode);
        Assert.Equal("last-admin", (await ReadJsonAsync(lastAdmin)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutAsync($"/api/v1/organisations/{hospital}/members/{hospitalAdmin}", Json("""{"role":"editor"}"""), None)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await api.PostAsync($"/api/v1/organisations/{hospital}/members", Json("""{"email":"member.one@test.kz","role":"editor"}"""), None)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/v1/organisations/{hospital}/invitations", Json("""{"email":"member.one@test.kz","role":"owner"}"""), None)).StatusCode);

        // The answer is the same shape whether the address has an account or not; it never carries the link's secret.
        var unknown = await api.PostAsync($"/api/v1/organisations/{hospital}/invitations", Json("""{"email":"nobody@nowhere.kz","role":"editor"}"""), None);
        var invited = await api.PostAsync($"/api/v1/organisations/{hospital}/invitations", Json("""{"email":"Member.One@test.kz","role":"editor"}"""), None);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (unknown.StatusCode, invited.StatusCode));
        var invitation = await ReadJsonAsync(invited);
        var nobody = await ReadJsonAsync(unknown);
        Assert.Equal(invitation.EnumerateObject().Select(p => p.Name), nobody.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Member.One@test.kz", "editor", "pending"), (invitation.GetProperty("email").GetString(), invitation.GetProperty("role").GetString(), invitation.GetProperty("state").GetString()));
        Assert.False(await Db(factory, db => db.Memberships.AnyAsync(m => m.OrganisationId == hospital && m.User!.Email == "member.one@test.kz")));

        var mail = await Mailbox.WaitAsync(factory.MailFolder, "Member.One@test.kz", "/invitations/");
        var link = Mailbox.Link(mail, "/invitations/");
        Assert.DoesNotContain(link.Split("token=")[1], await invited.Content.ReadAsStringAsync(None), StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(link.Split("token=")[1]);
        var memberApi = Api(factory, await TokenAsync(factory, "member.one@test.kz", ["read", "write"]));
        var id = invitation.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await memberApi.PostAsync($"/api/v1/invitations/{id}/accept", Json($$"""{"token":"{{token}}x"}"""), None)).StatusCode);
        var joined = await memberApi.PostAsync($"/api/v1/invitations/{id}/accept", Json($$"""{"token":"{{token}}"}"""), None);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await memberApi.PostAsync($"/api/v1/invitations/{id}/accept", Json($$"""{"token":"{{token}}"}"""), None)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/organisations/{hospital}/invitations", Json("""{"email":"member.one@test.kz","role":"admin"}"""), None)).StatusCode);
        var member = (await ReadJsonAsync(await api.GetAsync($"/api/v1/organisations/{hospital}/members?page_size=100", None))).GetProperty("items").EnumerateArray()
            .Single(m => m.GetProperty("email").GetString() == "member.one@test.kz");

        var userId = member.GetProperty("user_id").GetGuid();
        var promoted = await ReadJsonAsync(await api.PutAsync($"/api/v1/organisations/{hospital}/members/{userId}", Json("""{"role":"admin"}"""), None));
        Assert.Equal("admin", promoted.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/organisations/{hospital}/members/{hospitalAdmin}", None)).StatusCode);

        var members = await ReadJsonAsync(await Api(factory, await TokenAsync(factory, "member.one@test.kz", ["read"])).GetAsync($"/api/v1/organisations/{hospital}/members", None));
        // Another test of this class makes owner@ an editor of the hospital; the tests' order depends on the assembly's path.
        var emails = members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("email").GetString()).ToList();
        Assert.Contains("member.one@test.kz", emails);
        Assert.DoesNotContain("hospital@demo.senim.kz", emails);
        Assert.Equal(1, emails.Count(e => e != "owner@demo.senim.kz"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/organisations/{hospital}", None)).StatusCode);
    }

    [Fact]
    public async Task Two_concurrent_updates_with_the_same_etag_save_exactly_one()
    {
        var api = Api(factory, await TokenAsync(factory, "retail@demo.senim.kz", ["read", "write"]));
        var created = await api.PostAsync("/api/v1/organisations", Json("""{"bin":"505050505054","name":"Race LLP","size":"small","contact_email":"race@test.kz"}"""), None);
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        var etag = created.Headers.ETag!.ToString();

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            Send(api, HttpMethod.Put, $"/api/v1/organisations/{id}", etag, $$"""{"bin":"505050505054","name":"Race {{i}}","size":"small","contact_email":"race@test.kz"}""")));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var winner = await ReadJsonAsync(results.Single(r => r.StatusCode == HttpStatusCode.OK));
        var stored = await Db(factory, db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal((winner.GetProperty("name").GetString(), 2), (stored.Name, stored.Version));
    }

    private Task<string> NameOf(Guid id) => Db(factory, db => db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync());

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string ifMatch, string? body)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is not null)
        {
            request.Content = Json(body);
        }

        return await client.SendAsync(request, None);
    }
}
