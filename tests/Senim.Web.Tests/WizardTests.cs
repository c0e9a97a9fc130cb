using System.Net;
using System.Text.Json;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests;

/// <summary>The wizard through the real pipeline with plain form posts: what a browser with JavaScript off does.</summary>
public class WizardTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private HttpClient Client(string lang = "en")
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=" + lang);
        return client;
    }

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

    [Fact]
    public async Task A_chatbot_is_classified_step_by_step_without_javascript()
    {
        var client = Client("ru");
        var page = await Wizard.Run(client, "kz", Chatbot, "Чат-бот поддержки");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Результат для системы «Чат-бот поддержки»", page.Document.QuerySelector("#result-title")!.TextContent);
        Assert.Contains("Средняя степень риска", Wizard.Conclusion(page, "kz.risk_tier")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("[data-id='kz.o.ai_notice']"));
        Assert.Null(page.Document.QuerySelector("[data-id='kz.o.labeling']"));
        Assert.Empty(page.Document.QuerySelectorAll(".open-questions li"));
        Assert.Contains("Полный результат", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task A_result_before_the_law_is_in_force_says_so_and_dates_the_ban()
    {
        var answers = new Dictionary<string, string>(Chatbot)
        {
            ["kz.p3.social_scoring"] = "yes",
            ["kz.p3.legal_basis"] = "no",
            ["kz.gov.last_risk_review"] = "2025-06-01",
        };
        var page = await Wizard.Run(Client("kk"), "kz", answers, "Рейтинг", at: "2025-12-01");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var banner = page.Document.QuerySelector("[data-state='not-in-force']");
        Assert.NotNull(banner);
        Assert.Contains("2026-01-18", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("күшіне енген жоқ", banner.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("[data-state='prohibited-upcoming'] [data-id='KZ-P3']"));
        Assert.Null(page.Document.QuerySelector(".alert.danger"));
        Assert.Null(page.Document.QuerySelector("[data-id='kz.n.stop']"));
    }

    [Fact]
    public async Task Every_step_is_one_page_with_labelled_questions()
    {
        var client = Client();
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new("law", "kz"), new("at", "2026-11-25")]);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Step 1 of", page.Text, StringComparison.Ordinal);
        foreach (var input in page.Document.QuerySelectorAll("fieldset.question input[type=radio], fieldset.question input[type=checkbox]"))
        {
            Assert.NotNull(page.Document.QuerySelector($"label[for='{input.Id}']"));
        }

        Assert.All(page.Document.QuerySelectorAll("fieldset.question"), f => Assert.NotNull(f.QuerySelector("legend")));
    }

    [Fact]
    public async Task Back_returns_to_the_previous_step_with_its_answers_kept()
    {
        var client = Client();
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new("law", "kz")]);
        page = await Browser.Submit(client, page, "next", Wizard.AnswersFor(page, Chatbot));
        Assert.Contains("Step 2 of", page.Text, StringComparison.Ordinal);
        page = await Browser.Submit(client, page, "back");
        Assert.Contains("Step 1 of", page.Text, StringComparison.Ordinal);
        var checkedYes = page.Document.QuerySelector("input[name='a:kz.scope.model'][value='yes']")!;
        Assert.True(checkedYes.HasAttribute("checked"));
        var nlp = page.Document.QuerySelector("input[name='a:kz.scope.features'][value='nlp']")!;
        Assert.True(nlp.HasAttribute("checked"));
    }

    [Fact]
    public async Task Showing_the_result_early_gives_a_partial_result_with_the_open_questions()
    {
        var client = Client();
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new("law", "kz")]);
        page = await Browser.Submit(client, page, "result", [new("a:kz.scope.informatization_object", "yes"), new("a:kz.scope.model", "yes")]);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Partial result", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector(".open-questions [data-id='kz.risk.emergency']"));
        Assert.NotNull(page.Document.QuerySelector(".open-questions button[value^='goto:kz-230/']"));
    }

    [Fact]
    public async Task A_tampered_answer_gets_400_and_a_message_on_the_step()
    {
        var client = Client();
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new("law", "kz")]);
        page = await Browser.Submit(client, page, "next", [new("a:kz.scope.model", "perhaps")]);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("expected yes or no, got 'perhaps'", page.Document.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Step 1 of", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_question_in_the_form_gets_400()
    {
        var client = Client();
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new("law", "kz"), new("a:kz.invented", "yes")]);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("kz.invented", page.Document.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("law", "xx", "unknown law")]
    [InlineData("at", "2026-99-01", "expected a date")]
    public async Task Bad_setup_values_get_400_with_a_message(string field, string value, string message)
    {
        var client = Client();
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new(field, value)]);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Document.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = Client();
        var response = await client.PostAsync("/classify", new FormUrlEncodedContent([new("law", "kz"), new("action", "start")]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_result_downloads_as_json_and_as_a_system_description()
    {
        var client = Client();
        var result = await Wizard.Run(client, "kz", Chatbot, "Chatbot");
        var json = await Browser.SubmitRaw(client, result, "/classify?handler=json");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await json.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Chatbot", doc.RootElement.GetProperty("system").GetProperty("name").GetString());
        var yaml = await Browser.SubmitRaw(client, result, "/classify?handler=yaml");
        var text = await yaml.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("kz.scope.model: yes", text, StringComparison.Ordinal);
        Assert.Contains("kz.scope.features: [nlp, generation]", text, StringComparison.Ordinal);
    }
}
