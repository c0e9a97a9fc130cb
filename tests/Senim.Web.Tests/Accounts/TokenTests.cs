using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>Personal API tokens: shown once, stored hashed, scoped, expiring, revocable, and dead with their organisation.</summary>
public class TokenTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Fact]
    public async Task A_token_made_on_the_page_is_shown_once_and_only_its_hash_is_stored()
    {
        var client = await SignedInAsync(factory, "editor@demo.senim.kz");
        var page = await Browser.Get(client, "/account/tokens");
        var bank = await Db(factory, db => db.Organisations.Where(o => o.Bin == "990140000017" && o.Name == "Demo Bank JSC").Select(o => o.Id).SingleAsync());
        var created = await SubmitAsync(client, page, "form[action*='handler=Create']", [
            new("name", "CI pipeline"), new("scopes", "read"), new("scopes", "write"), new("organisation", bank.ToString()), new("days", "30")]);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var secret = TextOf(created, "#token-secret");
        Assert.StartsWith("senim_", secret, StringComparison.Ordinal);
        Assert.Contains("shown this once only", created.Text, StringComparison.Ordinal);

        var stored = await Db(factory, db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Name == "CI pipeline"));
        var secretPart = secret.Split('_', 3)[2];
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.DoesNotContain(secretPart, stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secretPart))), stored.SecretHash);
        Assert.Equal("read write", stored.Scopes);
        Assert.Equal(bank, stored.OrganisationId);
        Assert.False(await Db(factory, db => db.ApiTokens.AnyAsync(t => t.SecretHash.Contains(secretPart) || t.Name.Contains(secretPart))));

        var list = await Browser.Get(client, "/account/tokens");
        Assert.DoesNotContain(secretPart, list.Text, StringComparison.Ordinal);
        Assert.Contains("CI pipeline", TextOf(list, "#tokens"), StringComparison.Ordinal);
        Assert.Contains("Demo Bank JSC", TextOf(list, "#tokens"), StringComparison.Ordinal);

        // The token works, limited to its organisation and scopes.
        var me = await ReadJsonAsync(await Api(factory, secret).GetAsync("/api/v1/me", TestContext.Current.CancellationToken));
        Assert.Equal("editor@demo.senim.kz", me.GetProperty("email").GetString());
        Assert.Equal(["read", "write"], me.GetProperty("token").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(bank, me.GetProperty("token").GetProperty("organisation_id").GetGuid());
    }

    [Fact]
    public async Task A_refused_token_form_keeps_the_input_and_creates_nothing()
    {
        var client = await SignedInAsync(factory, "hospital@demo.senim.kz");
        var before = await Db(factory, db => db.ApiTokens.CountAsync());
        var page = await Browser.Get(client, "/account/tokens");
        var refused = await SubmitAsync(client, page, "form[action*='handler=Create']", [new("name", "Too long"), new("scopes", "read"), new("days", "4000")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("a token lives between 1 and 366 days", TextOf(refused, "#f-days-error"));
        Assert.Equal("Too long", refused.Document.QuerySelector("#f-name")!.GetAttribute("value"));
        Assert.Null(refused.Document.QuerySelector("#token-secret"));
        var noScopes = await SubmitAsync(client, page, "form[action*='handler=Create']", [new("name", "No scopes"), new("scopes", ""), new("days", "abc")]);
        Assert.Equal(HttpStatusCode.BadRequest, noScopes.Status);
        Assert.Equal(before, await Db(factory, db => db.ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task Scopes_are_enforced_and_a_token_cannot_mint_another()
    {
        var readOnly = Api(factory, await TokenAsync(factory, "retail@demo.senim.kz", ["read"]));
        var organisations = await Db(factory, db => db.Organisations.CountAsync());
        var create = await readOnly.PostAsync("/api/v1/organisations", Json("""{"bin":"123456789013","name":"Read Only LLP","size":"small","contact_email":"a@b.kz"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("application/problem+json", create.Content.Headers.ContentType?.MediaType);
        Assert.Equal(organisations, await Db(factory, db => db.Organisations.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/v1/organisations", TestContext.Current.CancellationToken)).StatusCode);

        var tokens = await Db(factory, db => db.ApiTokens.CountAsync());
        var mint = await Api(factory, await TokenAsync(factory, "retail@demo.senim.kz", ["read", "write", "admin"]))
            .PostAsync("/api/v1/tokens", Json("""{"name":"child","scopes":["read"],"days":5}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, mint.StatusCode);
        var problem = await ReadJsonAsync(mint);
        Assert.Equal("token-from-session", problem.GetProperty("code").GetString());
        Assert.Equal(tokens + 1, await Db(factory, db => db.ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task A_read_only_token_cannot_revoke_a_token_and_a_write_token_can()
    {
        await NewUserAsync(factory, "revoker@test.kz");
        var victim = await TokenAsync(factory, "revoker@test.kz", ["read", "write"]);
        var victimId = victim.Split('_')[1];
        var reader = Api(factory, await TokenAsync(factory, "revoker@test.kz", ["read"]));
        var refused = await reader.DeleteAsync(new Uri($"/api/v1/tokens/{Guid.ParseExact(victimId, "N")}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("revoke-read-only", (await ReadJsonAsync(refused)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Api(factory, victim).GetAsync(new Uri("/api/v1/me", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        var writer = Api(factory, await TokenAsync(factory, "revoker@test.kz", ["read", "write"]));
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(new Uri($"/api/v1/tokens/{Guid.ParseExact(victimId, "N")}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api(factory, victim).GetAsync(new Uri("/api/v1/me", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Expired_revoked_and_deleted_organisation_tokens_get_401_saying_why()
    {
        var expired = await TokenAsync(factory, "owner@demo.senim.kz", ["read"]);
        var id = Guid.ParseExact(expired.Split('_')[1], "N");
        await Db(factory, async db =>
        {
            var token = await db.ApiTokens.SingleAsync(t => t.Id == id);
            token.ExpiresAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync();
        });
        await AssertRefused(expired, "The token expired on 2026-01-02.");

        // Revoked through the API by a browser session; the cookie-less token stops at once.
        var revoked = await TokenAsync(factory, "owner@demo.senim.kz", ["read"]);
        Assert.Equal(HttpStatusCode.OK, (await Api(factory, revoked).GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
        var session = await SignedInAsync(factory, "owner@demo.senim.kz");
        var revokedId = Guid.ParseExact(revoked.Split('_')[1], "N");
        Assert.Equal(HttpStatusCode.NoContent, (await session.DeleteAsync($"/api/v1/tokens/{revokedId}", TestContext.Current.CancellationToken)).StatusCode);
        await AssertRefused(revoked, "The token was revoked.");
        var listed = await ReadJsonAsync(await session.GetAsync("/api/v1/tokens?page_size=100", TestContext.Current.CancellationToken));
        Assert.Equal("revoked", listed.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == revokedId).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await session.DeleteAsync($"/api/v1/tokens/{Guid.NewGuid()}", TestContext.Current.CancellationToken)).StatusCode);

        // A token limited to an organisation dies with it.
        var admin = Api(factory, await TokenAsync(factory, "owner@demo.senim.kz", ["read", "write"]));
        var created = await admin.PostAsync("/api/v1/organisations", Json("""{"bin":"777777777770","name":"Short-lived LLP","size":"small","contact_email":"x@short.kz"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var orgId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        var limited = await TokenAsync(factory, "owner@demo.senim.kz", ["read"], orgId);
        Assert.Equal(HttpStatusCode.OK, (await Api(factory, limited).GetAsync($"/api/v1/organisations/{orgId}", TestContext.Current.CancellationToken)).StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/organisations/{orgId}");
        delete.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(delete, TestContext.Current.CancellationToken)).StatusCode);
        await AssertRefused(limited, "The token belongs to an organisation that was deleted.");

        await AssertRefused("senim_nonsense", "The token is malformed.");
        await AssertRefused("senim_" + Guid.NewGuid().ToString("N") + "_guess", "The token is not valid.");
    }

    [Fact]
    public async Task The_token_api_refuses_bad_bodies_with_problems_and_creates_nothing()
    {
        var session = await SignedInAsync(factory, "hospital@demo.senim.kz");
        var before = await Db(factory, db => db.ApiTokens.CountAsync());
        var malformed = await session.PostAsync("/api/v1/tokens", Json("""{"name": "x", "scopes": ["read"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        var unknown = await ReadJsonAsync(await session.PostAsync("/api/v1/tokens", Json("""{"name":"x","scopes":["read"],"days":5,"secret":"mine"}"""), TestContext.Current.CancellationToken));
        Assert.Equal(400, unknown.GetProperty("status").GetInt32());
        Assert.Equal("secret", unknown.GetProperty("errors")[0].GetProperty("path").GetString());
        var wrongType = await session.PostAsync("/api/v1/tokens", Json("""{"name":"x","scopes":"read","days":5}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var invalid = await ReadJsonAsync(await session.PostAsync("/api/v1/tokens", Json("""{"name":"","scopes":["root"],"days":0}"""), TestContext.Current.CancellationToken));
        Assert.Equal(["days", "name", "scopes"], invalid.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        var huge = await session.PostAsync("/api/v1/tokens", Json("{\"name\":\"" + new string('x', 70_000) + "\",\"scopes\":[\"read\"],\"days\":5}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var form = await session.PostAsync("/api/v1/tokens", new FormUrlEncodedContent([new("name", "x")]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(before, await Db(factory, db => db.ApiTokens.CountAsync()));

        var ok = await session.PostAsJsonAsync("/api/v1/tokens", new { name = "cli", scopes = new[] { "read" }, days = 7 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var body = await ReadJsonAsync(ok);
        Assert.StartsWith("senim_", body.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", body.GetProperty("token").GetProperty("state").GetString());
        Assert.Equal(ok.Headers.Location!.OriginalString, "/api/v1/tokens/" + body.GetProperty("token").GetProperty("id").GetGuid());
        var one = await ReadJsonAsync(await session.GetAsync(ok.Headers.Location, TestContext.Current.CancellationToken));
        Assert.False(one.TryGetProperty("secret", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await session.GetAsync("/api/v1/tokens?page_size=101", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task AssertRefused(string token, string message)
    {
        var response = await Api(factory, token).GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }
}
