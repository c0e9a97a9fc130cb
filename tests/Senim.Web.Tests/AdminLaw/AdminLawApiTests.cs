using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Web.Tests.Review;

namespace Senim.Web.Tests.AdminLaw;

/// <summary>Law-pack updates over the API: upload (multipart zip), impact, activation; refusals as 400 problems.</summary>
public class AdminLawApiTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;

    private static Task<HttpResponseMessage> Upload(HttpClient client, byte[] zip, string field = "file")
    {
        var form = new MultipartFormDataContent { { LawZips.Zip(zip), field, "law.zip" } };
        return client.PostAsync(new Uri("/api/v1/admin/law-sets", UriKind.Relative), form, Cancel);
    }

    private Task<int> LawSetsAsync() => Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().LawSets.CountAsync());

    private static async Task<JsonElement> BadRequest(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await JsonOf(response);
    }

    [Fact]
    public async Task Uploads_are_checked_staged_with_their_impact_and_activated()
    {
        var scoring = await Demo.ClassifiedAsync(factory, Demo.BankOwner, "credit-scoring", "API medium scoring");
        var affected = await LawZips.AffectedAsync(factory);
        Assert.Contains(scoring.Id, affected);
        var admin = await Demo.ApiAsync(factory, Demo.Admin, Scopes.Read, Scopes.Admin);
        var supervisor = await Demo.ApiAsync(factory, Demo.Supervisor, Scopes.Read, Scopes.Supervise);
        var adminWithoutScope = await Demo.ApiAsync(factory, Demo.Admin, Scopes.Read);

        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(supervisor, LawZips.HarmIsHighRisk())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(adminWithoutScope, LawZips.HarmIsHighRisk())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync(new Uri("/api/v1/admin/law-sets", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(new Uri("/api/v1/admin/law-sets", UriKind.Relative), Cancel)).StatusCode);

        var json = await admin.PostAsync(new Uri("/api/v1/admin/law-sets", UriKind.Relative), Demo.Json("{}"), Cancel);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("zip-empty", (await BadRequest(await Upload(admin, LawZips.HarmIsHighRisk(), field: "other"))).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("zip-invalid", (await BadRequest(await Upload(admin, "PK\u0003\u0004 but not really"u8.ToArray()))).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("zip-file-size", (await BadRequest(await Upload(admin, LawZips.Bomb()))).GetProperty("errors")[0].GetProperty("code").GetString());
        var tricks = await BadRequest(await Upload(admin, LawZips.Build([("../../etc/passwd.yaml", "a: 1"u8.ToArray()), ("law/kz/notes.txt", "hello"u8.ToArray())])));
        Assert.Equal(["zip-path", "zip-not-yaml"], tricks.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));

        var broken = await BadRequest(await Upload(admin, LawZips.Broken()));
        var errors = broken.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 2);
        Assert.All(errors, e =>
        {
            Assert.Equal("pack-error", e.GetProperty("code").GetString());
            Assert.Matches(@"^kz/rules\.yaml:\d+$", e.GetProperty("path").GetString());
        });
        Assert.Equal(1, await LawSetsAsync());

        var created = await Upload(admin, LawZips.HarmIsHighRisk());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var staged = await JsonOf(created);
        var id = staged.GetProperty("set").GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/admin/law-sets/{id}/impact", created.Headers.Location!.OriginalString);
        Assert.Equal("staged", staged.GetProperty("set").GetProperty("status").GetString());
        var kz = staged.GetProperty("diff").EnumerateArray().Single(d => d.GetProperty("pack_id").GetString() == "kz-230");
        Assert.Equal(("2026.12.2", "2027.1.0"), (kz.GetProperty("old_version").GetString(), kz.GetProperty("new_version").GetString()));
        Assert.Equal(affected.Count, staged.GetProperty("impact").GetProperty("changed").GetInt32());
        Assert.Equal(affected, staged.GetProperty("impact").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("system_id").GetGuid()).ToHashSet());

        var page = await JsonOf(await admin.GetAsync(new Uri($"/api/v1/admin/law-sets/{id}/impact?page_size=1&page=1", UriKind.Relative), Cancel));
        Assert.Equal((1, affected.Count), (page.GetProperty("items").GetArrayLength(), page.GetProperty("total").GetInt32()));
        await BadRequest(await admin.GetAsync(new Uri($"/api/v1/admin/law-sets/{id}/impact?page_size=101", UriKind.Relative), Cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/v1/admin/law-sets/{Guid.NewGuid()}/impact", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync(new Uri($"/api/v1/admin/law-sets/{id}/activate", UriKind.Relative), null, Cancel)).StatusCode);

        var activated = await admin.PostAsync(new Uri($"/api/v1/admin/law-sets/{id}/activate", UriKind.Relative), null, Cancel);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var result = await JsonOf(activated);
        Assert.True(result.GetProperty("activated").GetBoolean());
        Assert.Equal(affected.Count, result.GetProperty("reclassified").GetInt32());
        var again = await JsonOf(await admin.PostAsync(new Uri($"/api/v1/admin/law-sets/{id}/activate", UriKind.Relative), null, Cancel));
        Assert.False(again.GetProperty("activated").GetBoolean());
        Assert.Equal(0, again.GetProperty("reclassified").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync(new Uri($"/api/v1/admin/law-sets/{id}", UriKind.Relative), Cancel)).StatusCode);

        var sets = await JsonOf(await admin.GetAsync(new Uri("/api/v1/admin/law-sets", UriKind.Relative), Cancel));
        Assert.Equal(["active", "retired"], sets.EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        var health = await JsonOf(await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), Cancel));
        Assert.Contains(health.GetProperty("packs").EnumerateArray(), p => p.GetProperty("id").GetString() == "kz-230" && p.GetProperty("version").GetString() == "2027.1.0");
        Assert.Equal("high", (await Demo.ReloadAsync(factory, scoring.Id)).Tier);

        // The same folder again is refused: nothing new to stage.
        var same = await JsonOf(await Upload(admin, LawZips.HarmIsHighRisk()));
        Assert.Equal("law-unchanged", same.GetProperty("code").GetString());
        Assert.Equal(2, await LawSetsAsync());
    }
}
