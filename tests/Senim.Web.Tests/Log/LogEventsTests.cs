using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Workflow;
using Senim.Web.Features.Log;
using Senim.Web.Infrastructure;

namespace Senim.Web.Tests.Log;

/// <summary>The log's public events for citizens: the list on /log and its JSON twin /api/v1/log/events, on the demo register with 300 more systems.</summary>
public sealed class LogEventsTests(LogHostFixture host) : IClassFixture<LogHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, IDocument Page)> PageAsync(string path, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl + path));
        request.Headers.Add("Cookie", "senim-lang=" + language);
        using var response = await host.Client.SendAsync(request, Ct);
        return (response.StatusCode, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct)));
    }

    private async Task<JsonElement> ApiAsync(string query)
    {
        using var response = await host.Client.GetAsync(new Uri(host.BaseUrl + "/api/v1/log/events" + query), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static IReadOnlyList<long> Indices(IDocument page) =>
        [.. page.QuerySelectorAll("li.log-event").Select(li => long.Parse(li.GetAttribute("data-index")!, CultureInfo.InvariantCulture))];

    private async Task<T> DbAsync<T>(Func<RegistryDb, Task<T>> read)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RegistryDb>());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("kk")]
    public async Task The_log_page_lists_the_newest_public_events_in_words_above_the_technical_part(string language)
    {
        var texts = host.Factory.Services.GetRequiredService<UiText>();
        Assert.True(Senim.Law.Texts.Languages.TryParse(language, out var lang));
        var (status, page) = await PageAsync("/log", language);
        Assert.Equal(HttpStatusCode.OK, status);
        var section = page.QuerySelector("section.log-events")!;
        var technical = page.QuerySelector("h2.log-technical")!;
        Assert.True(section.CompareDocumentPosition(technical).HasFlag(DocumentPositions.Following), "the events come before the technical part");
        Assert.Equal(texts.Get("log.events", lang), section.QuerySelector("h2")!.TextContent.Trim());

        // The newest 20 entries, newest first, each saying what happened in words (never a workflow or entry code).
        var size = await DbAsync(db => db.LogEntries.LongCountAsync(Ct));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => size - 1 - i), Indices(page));
        var codes = RegistrationWorkflow.All.Select(t => t.Code).Concat(RegisterLogEntry.Kinds).ToHashSet();
        var words = LogEventTexts.Happened.Values.Select(k => texts.Get(k, lang)).ToHashSet();
        foreach (var item in page.QuerySelectorAll("li.log-event"))
        {
            var happened = item.QuerySelector(".badge.log-kind")!.TextContent.Trim();
            Assert.Contains(happened, words);
            Assert.DoesNotContain(happened, codes);
            Assert.DoesNotContain("decide-", item.TextContent, StringComparison.Ordinal);

            // Kazakhstan's time on the page, UTC in the machine-readable attribute.
            var time = item.QuerySelector("time")!;
            var utc = DateTime.Parse(time.GetAttribute("datetime")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty")).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), time.TextContent.Trim());

            // Links: the log entry (verify page) and its receipt, and the system's public entry when it is listed.
            var index = long.Parse(item.GetAttribute("data-index")!, CultureInfo.InvariantCulture);
            var hrefs = item.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
            Assert.Contains($"/log/verify?index={index}", hrefs);
            Assert.Contains($"/log/receipt/{index}", hrefs);
            var entry = await DbAsync(db => db.LogEntries.AsNoTracking().FirstAsync(e => e.Index == index, Ct));
            var listed = await DbAsync(db => db.Systems.AsNoTracking().Where(s => s.Id == entry.SystemId).Select(s => s.Listed).FirstAsync(Ct));
            Assert.Equal(listed, hrefs.Contains($"/register/{entry.SystemId}"));
        }

        Assert.Contains(texts.Format("log.events.times", lang, "UTC+5"), section.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("nav.pagination a[rel=next]"));
        Assert.Null(page.QuerySelector("nav.pagination a[rel=prev]"));
    }

    [Fact]
    public async Task A_decision_shows_its_published_reason_and_organisation()
    {
        var suspension = await DbAsync(db => db.LogEntries.AsNoTracking().Where(e => e.Kind == "suspension").OrderByDescending(e => e.Index).FirstAsync(Ct));
        var reason = await DbAsync(db => db.WorkflowEvents.AsNoTracking().Where(e => e.Id == suspension.EventId).Select(e => e.Reason).FirstAsync(Ct));
        var organisation = await DbAsync(db => db.Systems.AsNoTracking().Where(s => s.Id == suspension.SystemId).Select(s => s.Organisation!.Name).FirstAsync(Ct));
        var (_, page) = await PageAsync($"/log?kind=suspension&before={suspension.Index + 1}");
        var item = page.QuerySelector($"li.log-event[data-index='{suspension.Index}']")!;
        Assert.Contains(reason!, item.TextContent, StringComparison.Ordinal);
        Assert.Contains(organisation, item.TextContent, StringComparison.Ordinal);
        Assert.Equal("Suspended", item.QuerySelector(".badge.log-kind")!.TextContent.Trim());
    }

    [Fact]
    public async Task Older_and_newer_links_walk_the_whole_log_without_gaps_or_repeats()
    {
        var size = await DbAsync(db => db.LogEntries.LongCountAsync(Ct));
        var seen = new List<long>();
        var path = "/log";
        for (var pages = 0; path is not null; pages++)
        {
            Assert.True(pages < 100, "the older links never end");
            var (_, page) = await PageAsync(path);
            seen.AddRange(Indices(page));
            path = page.QuerySelector("nav.pagination a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(Enumerable.Range(0, (int)size).Select(i => size - 1 - i), seen);

        // And back again through the API's cursors, 100 at a time.
        var back = new List<long>();
        var json = await ApiAsync("?page_size=100&after=0");
        back.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt64()).Reverse());
        while (json.GetProperty("newer").ValueKind == JsonValueKind.Number)
        {
            json = await ApiAsync($"?page_size=100&after={json.GetProperty("newer").GetInt64()}");
            back.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt64()).Reverse());
        }

        Assert.Equal(Enumerable.Range(1, (int)size - 1).Select(i => (long)i), back);
    }

    [Fact]
    public async Task Search_finds_a_system_by_name_organisation_and_register_number()
    {
        var registered = await DbAsync(db => db.Systems.AsNoTracking().Include(s => s.Organisation)
            .Where(s => s.RegisterNumber != null && s.Organisation!.Name == "City Hospital No. 1").FirstAsync(Ct));
        var expected = await DbAsync(db => db.LogEntries.AsNoTracking().Where(e => e.SystemId == registered.Id).OrderByDescending(e => e.Index).Select(e => e.Index).ToListAsync(Ct));
        Assert.NotEmpty(expected);

        var (_, byNumber) = await PageAsync("/log?q=" + Uri.EscapeDataString(registered.RegisterNumber!));
        Assert.Equal(expected, Indices(byNumber));
        Assert.Equal($"Events found: {expected.Count}.", byNumber.QuerySelector(".result-count")!.TextContent.Trim());

        var (_, byName) = await PageAsync("/log?q=" + Uri.EscapeDataString(registered.NameEn!));
        Assert.Contains(expected[0], Indices(byName));

        // The organisation's name finds the events of its systems only.
        var hospital = await DbAsync(db => db.LogEntries.AsNoTracking().Where(e => db.Systems.Any(s => s.Id == e.SystemId && s.Organisation!.Name == "City Hospital No. 1"))
            .OrderByDescending(e => e.Index).Select(e => e.Index).Take(20).ToListAsync(Ct));
        var (_, byOrganisation) = await PageAsync("/log?q=city+hospital");
        Assert.Equal(hospital, Indices(byOrganisation));

        // Kind narrows too; nothing matching is said in words.
        var (_, none) = await PageAsync("/log?q=zzzqqqxxx");
        Assert.Empty(Indices(none));
        Assert.NotNull(none.QuerySelector("p.empty"));
        var json = await ApiAsync("?kind=registration&page_size=100");
        Assert.All(json.GetProperty("items").EnumerateArray(), i => Assert.Equal("registration", i.GetProperty("kind").GetString()));
        Assert.Equal(await DbAsync(db => db.LogEntries.CountAsync(e => e.Kind == "registration", Ct)), json.GetProperty("matches").GetInt64());
    }

    [Fact]
    public async Task The_json_twin_gives_codes_words_and_links()
    {
        var json = await ApiAsync("?page_size=3");
        Assert.Equal("senim.log-events/1", json.GetProperty("format").GetString());
        var size = await DbAsync(db => db.LogEntries.LongCountAsync(Ct));
        Assert.Equal(size, json.GetProperty("log_size").GetInt64());
        Assert.Equal(size - 3, json.GetProperty("older").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("newer").ValueKind);
        var item = json.GetProperty("items")[0];
        var index = item.GetProperty("index").GetInt64();
        Assert.Equal(size - 1, index);
        Assert.EndsWith("Z", item.GetProperty("at").GetString(), StringComparison.Ordinal);
        var kind = item.GetProperty("kind").GetString()!;
        Assert.Contains(kind, RegisterLogEntry.Kinds);
        var texts = host.Factory.Services.GetRequiredService<UiText>();
        Assert.Equal(texts.Get(LogEventTexts.KeyOf(kind), Senim.Law.Texts.Language.Kk), item.GetProperty("what").GetProperty("kk").GetString());
        Assert.Equal(host.BaseUrl + $"/log/receipt/{index}", item.GetProperty("receipt_url").GetString());
        Assert.Equal(host.BaseUrl + $"/log/verify?index={index}", item.GetProperty("entry_url").GetString());
        var system = item.GetProperty("system");
        Assert.Equal(host.BaseUrl + $"/register/{system.GetProperty("id").GetGuid()}", system.GetProperty("url").GetString());
        using var receipt = await host.Client.GetAsync(new Uri(item.GetProperty("receipt_url").GetString()!), Ct);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
    }

    [Theory]
    [InlineData("?kind=decide-register", "kind")]
    [InlineData("?before=abc", "before")]
    [InlineData("?before=5&after=2", "after")]
    [InlineData("?after=99999999999999999999", "after")]
    public async Task A_bad_search_is_explained_on_the_page_which_still_shows_the_log(string query, string field)
    {
        var (status, page) = await PageAsync("/log" + query, "ru");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var alert = page.QuerySelector("#errors[role=alert]")!;
        Assert.Contains(field, alert.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("li.log-event"));
        Assert.Contains(host.VerifierKey, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_the_register_logs_has_words_in_each_language()
    {
        var texts = host.Factory.Services.GetRequiredService<UiText>();
        var logged = RegistrationWorkflow.All.Where(t => t.IsPublic).Select(t => RegisterLogEntry.KindOf(t.Code)).Distinct().ToList();
        Assert.All(logged, kind => Assert.Contains(kind, RegisterLogEntry.Kinds));
        Assert.Equal(RegisterLogEntry.Kinds.Order(), LogEventTexts.Happened.Keys.Order());
        foreach (var key in LogEventTexts.Happened.Values.Append(LogEventTexts.Other))
        {
            Assert.True(texts.Has(key), key);
        }

        Assert.Equal(LogEventTexts.Other, LogEventTexts.KeyOf("decide-something-new"));
    }

    [Fact]
    public void Times_are_shown_in_Kazakhstan_time_with_its_history()
    {
        Assert.Equal("2026-11-25 14:03", LogTimes.Format(new DateTime(2026, 11, 25, 9, 3, 0, DateTimeKind.Utc)));
        Assert.Equal("2024-01-15 18:00", LogTimes.Format(new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("2026-11-25T09:03:00Z", LogTimes.Iso(new DateTime(2026, 11, 25, 9, 3, 0, DateTimeKind.Unspecified)));
        Assert.Equal("UTC+5", LogTimes.Offset(new DateTime(2026, 11, 25, 9, 3, 0, DateTimeKind.Utc)));
        Assert.Equal("2024-01-15 18:00 (UTC+6)", LogTimes.FormatWithOffset(new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
    }
}
