using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Register;

/// <summary>
/// Records in the country's languages (ADR 0028) through HTTP on SQLite: the entry page in the reader's language with a
/// note when it falls back, the exports with every language, the organisation's names on the form and in the API.
/// </summary>
public sealed class RecordLanguagesTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Valid BINs (the state check digit) of this class's organisations: "8", ten digits of n, the check digit.</summary>
    private static string ValidBin(int n) => Enumerable.Range(0, 100)
        .Select(i => "8" + ((n * 100L) + i).ToString("0000000000", System.Globalization.CultureInfo.InvariantCulture))
        .SelectMany(stem => Enumerable.Range(0, 10).Select(d => stem + d.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .First(text => Senim.Signatures.Identifiers.Bin.TryParse(text, out _));

    [Fact]
    public Task The_entry_page_shows_the_reader_s_language_first_and_says_when_it_falls_back() => RecordLanguageChecks.FallbackIsToldAsync(factory);

    [Fact]
    public Task The_exports_and_the_api_carry_every_language() => RecordLanguageChecks.ExportsCarryEveryLanguageAsync(factory);

    [Fact]
    public async Task The_organisation_api_takes_names_per_language_and_the_older_single_name()
    {
        var api = Api(factory, await TokenAsync(factory, "retail@demo.senim.kz", ["read", "write"]));
        var both = await ReadJsonAsync(await api.PostAsync("/api/v1/organisations", Json($$"""
            {"bin":"{{ValidBin(1)}}","name_kk":"«Тіл» ЖШС","name_ru":"ТОО «Язык»","size":"small","contact_email":"til@test.kz"}
            """), Ct));
        Assert.Equal(("«Тіл» ЖШС", "ТОО «Язык»", null, "ТОО «Язык»"),
            (both.GetProperty("name_kk").GetString(), both.GetProperty("name_ru").GetString(), both.GetProperty("name_en").GetString(), both.GetProperty("name").GetString()));

        // The older field alone goes to the language its letters show.
        var single = await ReadJsonAsync(await api.PostAsync("/api/v1/organisations", Json($$"""
            {"bin":"{{ValidBin(2)}}","name":"«Сенім Тіл» ЖШС","size":"small","contact_email":"til@test.kz"}
            """), Ct));
        Assert.Equal(("«Сенім Тіл» ЖШС", null, null), (single.GetProperty("name_kk").GetString(), single.GetProperty("name_ru").GetString(), single.GetProperty("name_en").GetString()));

        var before = await Db(factory, db => db.Organisations.CountAsync(Ct));
        var none = await api.PostAsync("/api/v1/organisations", Json($$"""{"bin":"{{ValidBin(3)}}","name_kk":" ","name_ru":"","size":"small","contact_email":"til@test.kz"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(["name:required"], (await ReadJsonAsync(none)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString() + ":" + e.GetProperty("code").GetString()));
        var tooLong = await api.PostAsync("/api/v1/organisations", Json("{\"bin\":\"" + ValidBin(3) + "\",\"name_ru\":\"ТОО\",\"name_en\":\"" + new string('x', 301) + "\",\"size\":\"small\",\"contact_email\":\"a@b.kz\"}"), Ct);
        Assert.Equal(["name_en:too-long"], (await ReadJsonAsync(tooLong)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString() + ":" + e.GetProperty("code").GetString()));
        Assert.Equal(before, await Db(factory, db => db.Organisations.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_organisation_form_has_a_labelled_field_per_language_and_refuses_none()
    {
        var client = await SignedInAsync(factory, "hospital@demo.senim.kz");
        var page = await Browser.Get(client, "/organisations");
        foreach (var lang in new[] { "kk", "ru", "en" })
        {
            var input = page.Document.QuerySelector($"#f-names input[name='name_{lang}']")!;
            Assert.Equal(lang, input.GetAttribute("lang"));
            Assert.Equal("300", input.GetAttribute("maxlength"));
            Assert.NotNull(page.Document.QuerySelector($"label[for='{input.Id}']"));
        }

        const string form = "main form[method=post]:not(.inline-form)";
        var bin = ValidBin(4);
        var before = await Db(factory, db => db.Organisations.CountAsync(Ct));
        var refused = await SubmitAsync(client, page, form, [new("bin", bin), new("size", "small"), new("contact_email", "form@test.kz")]);
        Assert.NotNull(refused.Document.QuerySelector("#f-name-error"));
        Assert.Contains("invalid", refused.Document.QuerySelector("#f-names")!.ClassList);
        Assert.Equal(before, await Db(factory, db => db.Organisations.CountAsync(Ct)));

        await SubmitAsync(client, refused, form, [new("name_kk", "«Форма» ЖШС"), new("name_ru", "ТОО «Форма»")]);
        var stored = await Db(factory, db => db.Organisations.AsNoTracking().SingleAsync(o => o.Bin == bin, Ct));
        Assert.Equal(("«Форма» ЖШС", "ТОО «Форма»", (string?)null), (stored.NameKk, stored.NameRu, stored.NameEn));
    }
}

/// <summary>The checks of records in three languages, shared by the SQLite and PostgreSQL test classes.</summary>
public static class RecordLanguageChecks
{
    private static async Task<AiSystem> RussianOnlyAsync(SenimFactory factory, string name)
    {
        var existing = await Db(factory, db => db.Systems.AsNoTracking().FirstOrDefaultAsync(s => s.NameRu == name));
        if (existing is not null)
        {
            return existing;
        }

        var owner = await Review.Demo.ActorAsync(factory, "retail@demo.senim.kz");
        return await Review.Demo.RunAsync(factory, async sp =>
        {
            var library = sp.GetRequiredService<LawCatalog>().Active;
            var path = Path.Combine(RepoPaths.Root, "examples", "spam-filter.yaml");
            var answers = Senim.Law.Systems.SystemDescriptions.Read(path, await File.ReadAllBytesAsync(path), library, new DateOnly(2026, 11, 25)).Answers;
            var system = await sp.GetRequiredService<SystemService>().CreateAsync(owner, owner.Memberships.Keys.First(), new SystemInput(null, name, null, null, "Фильтрует спам в почте магазина.", null,
                null, "retail", OwnershipRole.Owner, null, UsageMode.Closed, null, null, null));
            system = (await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(owner, system.Id), answers, "all", system.Version)).System;
            return await sp.GetRequiredService<WorkflowService>().PublishAsync(owner, system.Id, system.Version);
        });
    }

    /// <summary>A system named only in Russian, of an organisation named in all three: the page says which texts fell back.</summary>
    public static async Task FallbackIsToldAsync(SenimFactory factory)
    {
        var system = await RussianOnlyAsync(factory, "Фильтр спама магазина");
        foreach (var (lang, note, organisation) in new[]
        {
            ("kk", "Орыс тілінде көрсетілген; қазақша атауы берілмеген", "«Демо Ритейл» ЖШС"),
            ("ru", null, "ТОО «Демо Ритейл»"),
            ("en", "Shown in Russian; no English name given", "Demo Retail LLP"),
        })
        {
            var page = await Browser.Get(RegisterChecks.Anonymous(factory, lang), $"/register/{system.Id}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var h1 = page.Document.QuerySelector("h1")!;
            Assert.Equal(("Фильтр спама магазина", "ru"), (h1.TextContent.Trim(), h1.GetAttribute("lang")));
            Assert.Equal("ru", page.Document.QuerySelector("p.lead")!.GetAttribute("lang"));
            Assert.Equal(note, page.Document.QuerySelector("#fallback-name")?.TextContent.Trim());
            Assert.Equal(note is not null, page.Document.QuerySelector("#fallback-purpose") is not null);
            // The organisation gave its name in every language: no note for it, its name in the reader's language.
            Assert.Null(page.Document.QuerySelector("#fallback-organisation"));
            var named = page.Document.QuerySelector("#organisation-name")!;
            Assert.Equal((organisation, lang), (named.TextContent.Trim(), named.GetAttribute("lang")));
        }
    }

    /// <summary>The CSV, the whole-register JSON and one entry carry the organisation's names in every language given.</summary>
    public static async Task ExportsCarryEveryLanguageAsync(SenimFactory factory)
    {
        var system = await RussianOnlyAsync(factory, "Фильтр спама магазина");
        var client = factory.CreateClient();
        var rows = Csv.Parse(await client.GetStringAsync($"/register/{system.Id}.csv"));
        var row = rows[1];
        string Column(string name) => row[Array.IndexOf(RegisterFormats.CsvColumns, name)];
        Assert.Equal(("", "Фильтр спама магазина", ""), (Column("name_kk"), Column("name_ru"), Column("name_en")));
        Assert.Equal(("Demo Retail LLP", "«Демо Ритейл» ЖШС", "ТОО «Демо Ритейл»", "Demo Retail LLP"),
            (Column("organisation_name"), Column("organisation_name_kk"), Column("organisation_name_ru"), Column("organisation_name_en")));

        var whole = JsonDocument.Parse(await client.GetStringAsync("/register.json")).RootElement.GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("id").GetGuid() == system.Id);
        var one = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/register/{system.Id}")).RootElement;
        foreach (var entry in new[] { whole, one })
        {
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("name").GetProperty("kk").ValueKind);
            Assert.Equal("Фильтр спама магазина", entry.GetProperty("name").GetProperty("ru").GetString());
            var names = entry.GetProperty("organisation").GetProperty("names");
            Assert.Equal(("«Демо Ритейл» ЖШС", "ТОО «Демо Ритейл»", "Demo Retail LLP"), (names.GetProperty("kk").GetString(), names.GetProperty("ru").GetString(), names.GetProperty("en").GetString()));
        }
    }
}
