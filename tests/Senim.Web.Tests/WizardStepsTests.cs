using System.Text.RegularExpressions;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests;

/// <summary>
/// "Step N of M" is counted the same way on every page: M is the steps that apply or may still apply, so the first
/// page already counts what may follow, M never grows as answers come in, and the last step is step M of M. A
/// follow-up question that an answer brings onto the same page is announced, with the same step number.
/// </summary>
public sealed partial class WizardStepsTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static readonly Dictionary<string, string> Chatbot = new()
    {
        ["kz.scope.informatization_object"] = "yes",
        ["kz.scope.model"] = "yes",
        ["kz.scope.features"] = "nlp,generation",
        ["kz.role"] = "owner",
        ["kz.risk.efficiency"] = "yes",
        ["kz.autonomy.control"] = "human_can_override",
        ["kz.mode.access"] = "closed",
        ["kz.t.users"] = "yes",
        ["kz.gov.risk_review_done"] = "yes",
        ["kz.gov.last_risk_review"] = "2026-03-01",
    };

    private HttpClient Client()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=en");
        return client;
    }

    [Theory]
    [InlineData("kz")]
    [InlineData("all")]
    public async Task The_first_page_counts_the_steps_that_may_follow_and_the_count_never_grows(string law)
    {
        var client = Client();
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new("law", law), new("at", "2026-11-25")]);
        var seen = new List<(int Number, int Total)>();
        for (var guard = 0; guard < 40 && page.Document.QuerySelector("fieldset.question") is not null; guard++)
        {
            seen.Add(Position(page));
            page = await Browser.Submit(client, page, "next", Wizard.AnswersFor(page, Chatbot));
        }

        Assert.NotNull(page.Document.QuerySelector("#result-title"));
        Assert.True(seen.Count >= 3, $"only {seen.Count} pages");
        Assert.Equal(1, seen[0].Number);
        var steps = seen.Select(s => s.Number).Distinct().Count();
        Assert.True(seen[0].Total >= steps, $"the first page says {seen[0].Total} steps, but {steps} steps followed");
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i].Total <= seen[i - 1].Total, $"the count grew from {seen[i - 1].Total} to {seen[i].Total} on page {i + 1}");
            Assert.True(seen[i].Number > seen[i - 1].Number || seen[i] == seen[i - 1], $"page {i + 1} is step {seen[i].Number} after step {seen[i - 1].Number}");
        }

        // The last page may still count steps its own answer rules out (the EU scope question, answered "no", ends
        // the EU pack's steps): it is never fewer than the steps shown.
        Assert.True(seen[^1].Number <= seen[^1].Total, $"the last page is step {seen[^1].Number} of {seen[^1].Total}");
        Assert.Equal(steps, seen[^1].Number);
    }

    [Fact]
    public async Task A_follow_up_question_is_announced_on_the_same_step_and_linked()
    {
        var client = Client();
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new("law", "kz"), new("at", "2026-11-25")]);
        for (var guard = 0; page.Document.QuerySelector("input[name='a:kz.p6.emotions']") is null; guard++)
        {
            Assert.True(guard < 30, "the step with the emotions question never came");
            Assert.Null(page.Document.QuerySelector("#new-questions"));
            page = await Browser.Submit(client, page, "next", Wizard.AnswersFor(page, Chatbot));
        }

        var before = Position(page);
        Assert.Null(page.Document.QuerySelector("input[name='a:kz.p6.consent']"));
        page = await Browser.Submit(client, page, "next", Wizard.AnswersFor(page, new Dictionary<string, string>(Chatbot) { ["kz.p6.emotions"] = "yes" }));

        Assert.Equal(before, Position(page));
        var notice = page.Document.QuerySelector("#new-questions");
        Assert.NotNull(notice);
        Assert.Equal("status", notice.GetAttribute("role"));
        Assert.Contains("new question", notice.TextContent, StringComparison.Ordinal);
        var link = Assert.Single(notice.QuerySelectorAll("a"));
        Assert.Equal("#q-kz-p6-consent", link.GetAttribute("href"));
        Assert.NotNull(page.Document.QuerySelector("#q-kz-p6-consent legend .badge.new"));
        Assert.Null(page.Document.QuerySelector("#q-kz-p6-emotions legend .badge.new"));

        // Answered, the follow-up brings its own follow-up; answered again, the wizard moves on without a notice.
        page = await Browser.Submit(client, page, "next", Wizard.AnswersFor(page, new Dictionary<string, string>(Chatbot) { ["kz.p6.emotions"] = "yes", ["kz.p6.consent"] = "no" }));
        Assert.Equal(before, Position(page));
        Assert.Equal("#q-kz-p6-legal_basis", Assert.Single(page.Document.QuerySelectorAll("#new-questions a")).GetAttribute("href"));
        page = await Browser.Submit(client, page, "next", Wizard.AnswersFor(page, new Dictionary<string, string>(Chatbot) { ["kz.p6.emotions"] = "yes", ["kz.p6.consent"] = "no", ["kz.p6.legal_basis"] = "yes" }));
        Assert.Null(page.Document.QuerySelector("#new-questions"));
        Assert.True(page.Document.QuerySelector("fieldset.question") is null || Position(page).Number > before.Number);
    }

    private static (int Number, int Total) Position(Page page)
    {
        var text = page.Document.QuerySelector(".progress")?.TextContent ?? throw new InvalidOperationException("no progress line on " + page.Document.Url);
        var match = StepOf().Match(text);
        Assert.True(match.Success, "not a step line: " + text);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Step (\d+) of (\d+)")]
    private static partial Regex StepOf();
}
