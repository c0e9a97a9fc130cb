using System.Net;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Senim.Law.Texts;
using Senim.Registry.Model;
using Senim.Registry.Workflow;
using Senim.Web.Infrastructure;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Texts;

/// <summary>
/// The case pages and a system's history speak the reader's language: workflow events, the capacity someone acted in
/// and an expert's recommendation are words, never the codes the register stores (submit, declare-no-conflict,
/// (owner), "Register: ...").
/// </summary>
public sealed partial class WordsNotCodesTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    public static TheoryData<string> Languages => ["kk", "ru"];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_supervisors_case_page_tells_the_history_in_words(string lang)
    {
        var page = await ProctoringAsync(Demo.Supervisor, lang, "/supervision/{0}");
        var events = page.Document.QuerySelectorAll("#history li[data-action]");
        // The demo took this system through submission, assignment, two declarations and two recommendations.
        Assert.Superset(new HashSet<string> { "submit", "assign", "declare-no-conflict", "recommend" }, events.Select(e => e.GetAttribute("data-action")!).ToHashSet());
        var texts = Texts(lang);
        foreach (var e in events)
        {
            NoCodes(e);
            var action = WorkflowCodes.ParseAction(e.GetAttribute("data-action"))!.Value;
            Assert.Equal(texts.Name(action), e.QuerySelector(".event")?.TextContent.Trim());
        }

        NoCodes(page.Document.QuerySelector("#panel")!);
        NoCodes(page.Document.QuerySelector("#actions")!);
    }

    [Fact]
    public async Task An_experts_recommendation_reads_as_words_on_the_russian_case_page()
    {
        var page = await ProctoringAsync(Demo.Supervisor, "ru", "/supervision/{0}");
        var recommendations = page.Document.QuerySelectorAll("#history li[data-action=recommend]");
        Assert.Equal(2, recommendations.Length);
        var register = Texts("ru").Name(Recommendation.Register);
        Assert.Equal("Зарегистрировать", register);
        foreach (var item in recommendations)
        {
            var reason = item.QuerySelector("p.prose")!.TextContent.Trim();
            Assert.StartsWith(register + ":", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("Register", reason, StringComparison.Ordinal);
        }

        Assert.All(page.Document.QuerySelectorAll("#panel .recommendation-row strong"), s => Assert.Equal(register, s.TextContent.Trim()));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_experts_case_page_names_the_recommendation_and_the_steps_in_words(string lang)
    {
        var page = await ProctoringAsync(Demo.Expert1, lang, "/review/{0}");
        var mine = page.Document.QuerySelector("#my-recommendation")!;
        Assert.Contains(Texts(lang).Name(Recommendation.Register), mine.TextContent, StringComparison.Ordinal);
        // Only what the page itself words: the record's own fields are the owner's free text.
        foreach (var section in new[] { "#my-review", "#checklist", "#recommendation" })
        {
            NoCodes(page.Document.QuerySelector(section)!);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_systems_history_names_every_version_in_words(string lang)
    {
        var page = await ProctoringAsync(Demo.BankOwner, lang, "/systems/{0}/history");
        var changes = page.Document.QuerySelectorAll("table.versions tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim()).ToList();
        Assert.True(changes.Count >= 4, $"{changes.Count} versions");
        var texts = Texts(lang);
        Assert.Contains(texts.Change("submit"), changes);
        Assert.Contains(texts.Change("created"), changes);
        NoCodes(page.Document.QuerySelector("table.versions")!);
        NoCodes(page.Document.QuerySelector(".compare-form")!);
    }

    [Fact]
    public async Task The_check_sees_a_raw_code_and_a_capacity_code()
    {
        var code = await BrowsingContext.New().OpenAsync(r => r.Content("<ol><li>Айгерім · <code>declare-no-conflict</code></li></ol>"), TestContext.Current.CancellationToken);
        Assert.Throws<Xunit.Sdk.DoesNotContainException>(() => NoCodes(code.Body!));
        var capacity = await BrowsingContext.New().OpenAsync(r => r.Content("<ol><li>Айгерім <span>(owner)</span> · Подана</li></ol>"), TestContext.Current.CancellationToken);
        Assert.Throws<Xunit.Sdk.DoesNotMatchException>(() => NoCodes(capacity.Body!));
        var words = await BrowsingContext.New().OpenAsync(r => r.Content("<ol><li>Айгерім <span>(организация-владелец)</span> · Подана на регистрацию</li></ol>"), TestContext.Current.CancellationToken);
        NoCodes(words.Body!);
    }

    /// <summary>A page about the demo's system that went through review (two experts recommended), as a reader in a language sees it.</summary>
    private async Task<Page> ProctoringAsync(string email, string lang, string path)
    {
        var system = await Demo.SystemAsync(factory, "Certification exam proctoring");
        var reader = await Demo.BrowserAsync(factory, email, lang);
        var page = await Browser.Get(reader, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, system.Id));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    private PageText Texts(string lang) =>
        factory.Services.GetRequiredService<PageText>().In(Senim.Law.Texts.Languages.TryParse(lang, out var language) ? language : Language.En);

    /// <summary>
    /// No stored workflow code, and no capacity code in parentheses, anywhere in the element's text. People's names
    /// (.actor, the history's "who" column) and what people wrote (.prose: reasons, remarks, the names an assignment
    /// lists) are not the page's words, so they are left out; the recommendation's own test reads its reason.
    /// </summary>
    private static void NoCodes(IElement element)
    {
        var copy = (IElement)element.Clone();
        foreach (var name in copy.QuerySelectorAll(".actor, .prose, table.versions td:nth-child(3)").ToList())
        {
            name.Remove();
        }

        var text = copy.TextContent;
        Assert.DoesNotMatch(Capacity(), text);
        foreach (var code in WorkflowCodes.Actions.Select(a => a.Code()).Where(c => c.Length > 0))
        {
            Assert.DoesNotContain(code, Words().Matches(text).Select(m => m.Value));
        }
    }

    [GeneratedRegex(@"\((owner|expert|supervisor|system)\)")]
    private static partial Regex Capacity();

    [GeneratedRegex(@"[a-z]+(?:-[a-z]+)*")]
    private static partial Regex Words();
}
