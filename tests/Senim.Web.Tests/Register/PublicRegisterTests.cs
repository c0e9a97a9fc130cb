using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Model;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Register;

/// <summary>The public register through HTTP on SQLite: pages without scripts in three languages, the API, the exports.</summary>
public sealed class PublicRegisterTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Search_finds_the_entry_in_kazakh_russian_and_english() => RegisterChecks.SearchFindsTheEntryInEachLanguageAsync(factory);

    [Fact]
    public Task Drafts_submissions_and_reviews_have_no_public_url() => RegisterChecks.NonPublicSystemsAreInvisibleAsync(factory);

    [Fact]
    public Task The_csv_and_json_exports_list_the_same_public_entries() => RegisterChecks.ExportsAgreeAsync(factory);

    [Fact]
    public Task The_feed_is_atom() => RegisterChecks.FeedIsAtomAsync(factory);

    [Theory]
    [InlineData("kk", "ЖИ жүйелерінің тізілімі", "Тіркелді")]
    [InlineData("ru", "Реестр систем ИИ", "Зарегистрирована")]
    [InlineData("en", "Register of AI systems", "Registered")]
    public async Task The_list_speaks_the_reader_s_language_without_scripts(string lang, string title, string registered)
    {
        var page = await Browser.Get(RegisterChecks.Anonymous(factory, lang), "/register?status=registered");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        var item = Assert.Single(page.Document.QuerySelectorAll(".register-item"));
        Assert.StartsWith(registered, item.QuerySelector(".badge")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.All(page.Document.QuerySelectorAll("select, input[type=search]"), e => Assert.NotNull(page.Document.QuerySelector($"label[for='{e.Id}']")));
    }

    [Fact]
    public async Task An_entry_page_explains_the_classification_and_the_decision()
    {
        var id = await RegisterChecks.IdOfAsync(factory, RegisterChecks.ClaimDrafting);
        var page = await Browser.Get(RegisterChecks.Anonymous(factory, "en"), $"/register/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        Assert.Equal(RegisterChecks.ClaimDrafting, page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Matches(@"KZ-AI-\d{4}-\d{6}", page.Document.QuerySelector("#register-number")!.TextContent);
        Assert.Contains("independent audit of outputs", page.Document.QuerySelector("#conditions")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var kz = page.Document.QuerySelector(".pack-result[data-pack='kz-230']")!;
        var tier = kz.QuerySelectorAll(".conclusion").First(c => c.GetAttribute("data-id") == "kz.risk_tier");
        Assert.Equal("High risk", tier.QuerySelector(".value")!.TextContent.Trim());
        var because = tier.QuerySelectorAll(".trace li");
        Assert.NotEmpty(because);
        Assert.All(because, li => Assert.Matches(@"\(.*(Art|Article)", li.TextContent));
        Assert.NotEmpty(page.Document.QuerySelectorAll("ol.history li"));
        // How long the decision took, in working days from the submission (the demo's were on the same day or close).
        Assert.Matches(@"^\d+ working days \(submitted .+, decided .+\)$", page.Document.QuerySelector("#decision-time dd")!.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector($"a[href='/register/{id}.json']"));
    }

    [Theory]
    [InlineData("kk", "Сіздің құқықтарыңыз", "Түсініктеме сұрау")]
    [InlineData("ru", "Ваши права", "Запросить разъяснение")]
    [InlineData("en", "Your rights", "Ask for an explanation")]
    public async Task An_entry_page_tells_the_people_affected_their_rights_and_links_the_forms(string lang, string heading, string explain)
    {
        var id = await RegisterChecks.IdOfAsync(factory, RegisterChecks.ClaimDrafting);
        var page = await Browser.Get(RegisterChecks.Anonymous(factory, lang), $"/register/{id}");
        var rights = page.Document.QuerySelector("section.rights")!;
        Assert.Equal(heading, rights.QuerySelector("h2")!.TextContent.Trim());
        var explanation = rights.QuerySelector("li[data-id='kz.right.explanation']")!;
        var link = explanation.QuerySelector("a")!;
        Assert.Equal(explain, link.TextContent.Trim());
        Assert.Equal($"/requests/new?system={id}&kind=explanation-request", link.GetAttribute("href"));

        // A right no request serves is told, without a form; the content complaint is offered for every system.
        Assert.NotNull(rights.QuerySelector("li[data-id='kz.right.agreement']"));
        Assert.Null(rights.QuerySelector("li[data-id='kz.right.agreement'] a"));
        Assert.NotNull(rights.QuerySelector($"a[href='/requests/new?system={id}&kind=synthetic-content-complaint']"));
        Assert.Null(rights.QuerySelector("li[data-id='kz.o.risk_management']"));
    }

    [Fact]
    public async Task The_explanation_json_is_the_engine_s_result_in_the_asked_language()
    {
        var id = await RegisterChecks.IdOfAsync(factory, RegisterChecks.ClaimDrafting);
        var client = factory.CreateClient();
        var ru = await ReadJsonAsync(await client.GetAsync($"/register/{id}/classification.json?lang=ru", Ct));
        var kk = await ReadJsonAsync(await client.GetAsync($"/register/{id}/classification.json?lang=kk", Ct));
        Assert.Equal("senim.classification/1", ru.GetProperty("format").GetString());
        Assert.Equal("ru", ru.GetProperty("language").GetString());
        Assert.Equal("kk", kk.GetProperty("language").GetString());
        Assert.NotEqual(ru.ToString(), kk.ToString());
    }

    [Fact]
    public async Task The_entry_api_gives_an_etag_and_304_when_unchanged()
    {
        var id = await RegisterChecks.IdOfAsync(factory, RegisterChecks.ClaimDrafting);
        var client = factory.CreateClient();
        var response = await client.GetAsync($"/api/v1/register/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag!.ToString();
        var stored = await Db(factory, db => db.Systems.Where(s => s.Id == id).Select(s => s.PublicJson).SingleAsync());
        Assert.Equal($"W/\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stored!)).AsSpan(0, 8))}\"", etag);
        var body = await ReadJsonAsync(response);
        Assert.Equal("senim.register/1", body.GetProperty("format").GetString());
        Assert.Equal(id, body.GetProperty("id").GetGuid());

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/register/{id}");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, Ct)).StatusCode);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("sector=space", "sector")]
    [InlineData("tier=ultra", "tier")]
    [InlineData("status=draft", "status")]
    [InlineData("status=in-review", "status")]
    [InlineData("sort=random", "sort")]
    [InlineData("organisation=not-a-guid", "organisation")]
    public async Task Bad_search_parameters_get_400_naming_the_parameter(string query, string field)
    {
        var client = factory.CreateClient();
        var api = await client.GetAsync("/api/v1/register?" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        var problem = await ReadJsonAsync(api);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == field);

        if (field is "page_size" or "organisation")
        {
            return;
        }

        var page = await Browser.Get(RegisterChecks.Anonymous(factory, "en"), "/register?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(field, page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll(".register-item"));
    }

    [Fact]
    public async Task Pages_of_the_list_cover_every_entry_once()
    {
        var client = factory.CreateClient();
        var total = (await ReadJsonAsync(await client.GetAsync("/api/v1/register?page_size=100", Ct))).GetProperty("total").GetInt32();
        var seen = new List<Guid>();
        for (var p = 1; p <= (total + 1) / 2; p++)
        {
            var body = await ReadJsonAsync(await client.GetAsync($"/api/v1/register?sort=name&page_size=2&page={p}", Ct));
            Assert.Equal((total + 1) / 2, body.GetProperty("pages").GetInt32());
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());

        var html = await Browser.Get(client, "/register?sort=name&page=2");
        Assert.Equal(HttpStatusCode.OK, html.Status);
    }

    [Fact]
    public async Task The_cache_never_mixes_languages_or_serves_signed_in_readers_the_anonymous_page()
    {
        var id = await RegisterChecks.IdOfAsync(factory, RegisterChecks.ClaimDrafting);
        foreach (var lang in new[] { "kk", "ru", "en", "kk" })
        {
            var page = await Browser.Get(RegisterChecks.Anonymous(factory, lang), $"/register/{id}");
            Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
        }

        var signedIn = await SignedInAsync(factory, "owner@demo.senim.kz");
        var mine = await Browser.Get(signedIn, $"/register/{id}");
        Assert.NotNull(mine.Document.QuerySelector("form[action='/account/sign-out']"));
        var anonymous = await Browser.Get(factory.CreateClient(), $"/register/{id}");
        Assert.Null(anonymous.Document.QuerySelector("form[action='/account/sign-out']"));
    }

    [Fact]
    public async Task Csv_fields_that_look_like_formulas_are_defused()
    {
        var row = Registry.Services.RegisterFormats.CsvLine(new Registry.Services.RegisterRow(Guid.Empty, null, SystemStatus.Published, "=HYPERLINK(\"x\")", "+1", "-2", "@cmd", "a,b", "line\nbreak",
            "finance", null, Guid.Empty, "Org \"Q\"", "1", null, null, DateTime.UnixEpoch, 1), "https://x");
        var fields = Csv.Parse(row + "\r\n")[0];
        Assert.Equal("'=HYPERLINK(\"x\")", fields[4]);
        Assert.Equal("'+1", fields[5]);
        Assert.Equal("'-2", fields[6]);
        Assert.Equal("'@cmd", fields[7]);
        Assert.Equal("a,b", fields[8]);
        Assert.Equal("line\nbreak", fields[9]);
        Assert.Equal("Org \"Q\"", fields[11]);
        await Task.CompletedTask;
    }
}

/// <summary>The same checks on PostgreSQL (skipped when ./scripts/test.sh has not started a cluster).</summary>
public sealed class PublicRegisterPostgresTests
{
    [Fact]
    public async Task The_public_register_works_the_same_on_postgresql()
    {
        await using var factory = new PostgresFactory();
        await factory.InitializeAsync();
        await RegisterChecks.SearchFindsTheEntryInEachLanguageAsync(factory);
        await RegisterChecks.NonPublicSystemsAreInvisibleAsync(factory);
        await RegisterChecks.ExportsAgreeAsync(factory);
        await RegisterChecks.FeedIsAtomAsync(factory);
        await RecordLanguageChecks.FallbackIsToldAsync(factory);
        await RecordLanguageChecks.ExportsCarryEveryLanguageAsync(factory);
    }
}
