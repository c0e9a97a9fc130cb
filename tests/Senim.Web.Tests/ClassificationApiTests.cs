using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Senim.Web.Features.Classify;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests;

public class ClassificationApiTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private const string CreditScoring = """
        {
          "law": "all",
          "at": "2026-11-25",
          "lang": "ru",
          "system": {
            "name": "Кредитный скоринг",
            "organisation": "Example Bank JSC",
            "answers": {
              "kz.scope.informatization_object": "yes",
              "kz.scope.model": "yes",
              "kz.role": ["owner"],
              "kz.risk.emergency": "no",
              "kz.risk.significant": ["economy", "users"],
              "eu.scope.eu_market": "yes",
              "eu.scope.exclusions": [],
              "eu.role": ["provider"],
              "eu.annex3": ["5b"],
              "eu.a6_3.conditions": [],
              "eu.a6_3.profiling": "yes"
            }
          }
        }
        """;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_valid_request_is_classified_with_traces_in_the_requested_language()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/v1/classifications", Json(CreditScoring), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var doc = JsonSerializer.Deserialize<ClassificationDoc>(text, Strict)!;
        Assert.Equal("senim.classification/1", doc.Format);
        Assert.Equal("ru", doc.Language);
        var kz = doc.Results.Single(r => r.Pack.Id == "kz-230");
        Assert.Equal("high", kz.Tier);
        var tier = kz.Conclusions.Single(c => c.Id == "kz.risk_tier");
        Assert.NotEmpty(tier.Trace);
        Assert.Contains(tier.Trace.SelectMany(t => t.Articles), a => a.Id == "kz.art17.1");
        Assert.Matches("[А-Яа-я]", tier.Title);
        var eu = doc.Results.Single(r => r.Pack.Id == "eu-ai-act");
        Assert.Equal("high", eu.Tier);
        Assert.Contains(eu.Conclusions.Single(c => c.Id == "eu.annex3_points").Values!, v => v.Id == "5b");
    }

    [Fact]
    public async Task A_user_of_the_system_is_shown_the_people_s_rights_which_are_not_its_duties()
    {
        var body = CreditScoring.Replace("\"kz.role\": [\"owner\"]", "\"kz.role\": [\"user\"], \"kz.t.automated_decisions\": \"yes\"", StringComparison.Ordinal);
        var response = await factory.CreateClient().PostAsync("/api/v1/classifications", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonSerializer.Deserialize<ClassificationDoc>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), Strict)!;
        var kz = doc.Results.Single(r => r.Pack.Id == "kz-230");
        Assert.DoesNotContain(kz.Obligations, o => o.Id.StartsWith("kz.right.", StringComparison.Ordinal));
        var rights = kz.Rights.ToDictionary(r => r.Id);
        Assert.Equal("applies", rights["kz.right.object"].State);
        Assert.Contains(rights["kz.right.object"].Articles, a => a.Id == "kz.art7.2");
        Assert.Matches("[А-Яа-я]", rights["kz.right.explanation"].Title);
        Assert.Contains("kz.right.refuse", rights.Keys);
    }

    [Fact]
    public async Task Missing_answers_give_a_partial_result_listing_the_open_questions()
    {
        var client = factory.CreateClient();
        var body = """{"law": "kz", "system": {"name": "x", "answers": {"kz.scope.informatization_object": "yes"}}}""";
        var response = await client.PostAsync("/api/v1/classifications", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonSerializer.Deserialize<ClassificationDoc>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), Strict)!;
        Assert.False(doc.Complete);
        var kz = Assert.Single(doc.Results);
        Assert.Contains(kz.OpenQuestions, q => q.Id == "kz.scope.model");
        Assert.Null(kz.InScope);
    }

    [Fact]
    public async Task Before_the_law_is_in_force_a_ban_is_reported_with_its_date_and_not_as_prohibited()
    {
        var client = factory.CreateClient();
        var body = """
            {"law": "kz", "at": "2025-06-01", "system": {"name": "x", "answers": {
              "kz.scope.informatization_object": "yes", "kz.scope.model": "yes",
              "kz.p3.social_scoring": "yes", "kz.p3.legal_basis": "no"}}}
            """;
        var response = await client.PostAsync("/api/v1/classifications", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonSerializer.Deserialize<ClassificationDoc>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), Strict)!;
        Assert.False(doc.Prohibited);
        Assert.Empty(doc.OtherLawAnswers);
        var kz = Assert.Single(doc.Results);
        Assert.False(kz.InForce);
        Assert.Equal("2026-01-18", kz.Pack.InForceFrom);
        Assert.Empty(kz.Prohibited);
        Assert.Equal(("KZ-P3", "2026-01-18"), (Assert.Single(kz.UpcomingProhibited).Id, kz.UpcomingProhibited[0].From));
        var upcoming = kz.Conclusions.Single(c => c.Id == "kz.prohibited").Upcoming!;
        var p3 = Assert.Single(upcoming, u => u.State == "upcoming");
        Assert.Equal("kz.r.p3", Assert.Single(p3.Trace).Rule);
        // The other bans are unanswered: they may apply from the same date, and their questions stay open.
        Assert.All(upcoming.Where(u => u.Id != "KZ-P3"), u => Assert.Equal(("undetermined", "2026-01-18"), (u.State, u.From)));
        Assert.Contains(kz.OpenQuestions, q => q.Id == "kz.p1.manipulation");
    }

    [Theory]
    [InlineData("""{"system": {"name": "x", "answers": {"kz.scope.model": "maybe"}}}""", "system.answers.kz.scope.model", "expected yes or no")]
    [InlineData("""{"system": {"name": "x", "answers": {"kz.nope": "yes"}}}""", "system.answers.kz.nope", "unknown question id")]
    [InlineData("""{"system": {"answers": {}}}""", "system.name", "is required")]
    [InlineData("""{"law": "us", "system": {"name": "x"}}""", "law", "unknown law")]
    [InlineData("""{"at": "2026-02-31", "system": {"name": "x"}}""", "at", "expected a date")]
    [InlineData("""{"at": "3000-01-01", "system": {"name": "x"}}""", "at", "out of range")]
    [InlineData("""{"lang": "fr", "system": {"name": "x"}}""", "lang", "unknown language")]
    [InlineData("""{"system": {"name": 5, "answers": []}}""", "system.answers", "expected a mapping")]
    [InlineData("""{"colour": "red", "system": {"name": "x"}}""", "colour", "unknown field")]
    [InlineData("""{"law": "kz"}""", "system", "is required")]
    [InlineData("""[1, 2]""", "$", "expected a JSON object")]
    [InlineData("""{"system": """, "$", "not valid JSON")]
    [InlineData("""{"system": {"name": "x", "answers": {"kz.role": "owner"}}}""", "system.answers.kz.role", "expected a list")]
    [InlineData("""{"system": {"name": "x", "answers": {"kz.gov.last_risk_review": "2099-01-01"}}}""", "system.answers.kz.gov.last_risk_review", "out of range")]
    public async Task Bad_input_gets_400_problem_details_naming_the_field(string body, string path, string message)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/v1/classifications", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(400, doc.RootElement.GetProperty("status").GetInt32());
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("path").GetString() == path && e.GetProperty("message").GetString()!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/v1/classifications", new StringContent("name: x", Encoding.UTF8, "application/yaml"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_oversize_body_gets_413_without_being_read_whole()
    {
        var client = factory.CreateClient();
        var big = new ByteArrayContent(new byte[3 * 1024 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync("/api/v1/classifications", big, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 1024 KB", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deeply_nested_body_gets_400_not_a_crash()
    {
        var client = factory.CreateClient();
        var body = "{\"system\": {\"name\": \"x\", \"answers\": " + new string('[', 50_000) + new string(']', 50_000) + "}}";
        var response = await client.PostAsync("/api/v1/classifications", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nests deeper", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_law_api_lists_packs_and_their_questions()
    {
        var client = factory.CreateClient();
        var packs = await client.GetFromJsonAsync<JsonElement>("/api/v1/law/packs", TestContext.Current.CancellationToken);
        Assert.Contains(packs.EnumerateArray(), p => p.GetProperty("id").GetString() == "kz-230");
        var kz = await client.GetFromJsonAsync<JsonElement>("/api/v1/law/packs/kz-230?lang=kk", TestContext.Current.CancellationToken);
        var questions = kz.GetProperty("steps").EnumerateArray().SelectMany(s => s.GetProperty("questions").EnumerateArray()).ToList();
        Assert.Contains(questions, q => q.GetProperty("id").GetString() == "kz.risk.emergency" && q.GetProperty("type").GetString() == "yes-no");
    }

    [Fact]
    public async Task An_unknown_pack_is_a_404_problem()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/api/v1/law/packs/xx", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/api/v1/nothing-here", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_reports_the_packs_in_use()
    {
        var client = factory.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(2, health.GetProperty("packs").GetArrayLength());
    }
}
