using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Tests.Shared;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Systems;

/// <summary>The concurrency guarantees once more on PostgreSQL, where writers really run in parallel (skipped without a cluster).</summary>
public class PostgresSystemsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<SystemsPostgresFactory> StartAsync()
    {
        if (TestDatabase.PostgresConnection is null)
        {
            Assert.Skip("PostgreSQL is not available here: ./scripts/test.sh starts a throwaway cluster and sets SENIM_TEST_POSTGRES.");
        }

        var factory = new SystemsPostgresFactory();
        await factory.InitializeAsync();
        return factory;
    }

    [Fact]
    public async Task Concurrent_puts_with_one_if_match_save_exactly_one_on_postgres()
    {
        await using var factory = await StartAsync();
        var owner = await factory.ApiAsync(SystemsApiTests.Owner);
        var editor = await factory.ApiAsync(SystemsApiTests.Editor);
        var (id, etag) = await SystemsApiTests.CreateAsync(factory, owner, "Гонка на PostgreSQL");
        var requests = Enumerable.Range(0, 8).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/systems/{id}") { Content = SystemsApiTests.Json(SystemsApiTests.Body(null, "Writer " + i)) };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return (i % 2 == 0 ? owner : editor).SendAsync(request, Cancel);
        });
        var responses = await Task.WhenAll(requests);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var winner = (await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("name_ru").GetString();
        var stored = await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel));
        Assert.Equal((2, winner), (stored.Version, stored.NameRu));
        Assert.Equal(2, await factory.Db(db => db.SystemVersions.CountAsync(v => v.SystemId == id, Cancel)));
    }

    [Fact]
    public async Task A_stale_page_edit_and_a_stale_document_save_change_nothing_on_postgres()
    {
        await using var factory = await StartAsync();
        var owner = await factory.ApiAsync(SystemsApiTests.Owner);
        var (id, etag) = await SystemsApiTests.CreateAsync(factory, owner, "Редакторы на PostgreSQL");
        var classify = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/systems/{id}/classification") { Content = SystemsApiTests.Json(SystemsApiTests.KzAnswers()) };
        classify.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(classify, Cancel)).StatusCode);

        var first = await factory.BrowserAsync(SystemsApiTests.Owner);
        var second = await factory.BrowserAsync(SystemsApiTests.Editor);
        var firstForm = await Browser.Get(first, $"/systems/{id}/edit");
        var secondForm = await Browser.Get(second, $"/systems/{id}/edit");
        Assert.Equal(HttpStatusCode.OK, (await Forms.SubmitAsync(second, secondForm, "form.record-form", null, [new("contact", "editor@bank.example")])).Status);
        var conflict = await Forms.SubmitAsync(first, firstForm, "form.record-form", null, [new("contact", "owner@bank.example")]);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("owner@bank.example", conflict.Document.GetElementById("contact")!.GetAttribute("value"));
        Assert.Equal("editor@bank.example", (await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel))).Contact);

        var url = $"/systems/{id}/documents/kz.doc.risk";
        var mine = await Browser.Get(first, url);
        var theirs = await Browser.Get(second, url);
        Assert.Equal(HttpStatusCode.OK, (await Forms.SubmitAsync(second, theirs, "form.document-form", "save", [new("section:identification", "Theirs.")])).Status);
        var stale = await Forms.SubmitAsync(first, mine, "form.document-form", "save", [new("section:identification", "Mine.")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal("Mine.", stale.Document.GetElementById("section-identification")!.TextContent);
        var stored = await factory.Db(db => db.Documents.AsNoTracking().SingleAsync(d => d.SystemId == id, Cancel));
        Assert.Equal(1, stored.Version);
        Assert.Contains("Theirs.", stored.SectionsJson, StringComparison.Ordinal);
    }
}
