using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Access;
using Senim.Registry.Model;

namespace Senim.Web.Tests.Systems;

public class SystemsApiTests(SystemsFactory factory) : IClassFixture<SystemsFactory>
{
    public const string Owner = "owner@demo.senim.kz";
    public const string Editor = "editor@demo.senim.kz";
    public const string Retail = "retail@demo.senim.kz";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A complete set of answers under Law 230-VIII (from examples/credit-scoring.yaml); <paramref name="high"/> makes it high-risk.</summary>
    public static string KzAnswers(bool high = false, string extra = "") => "{\"law\": \"kz\", \"answers\": {" + $$"""
        "kz.scope.informatization_object": "yes", "kz.scope.model": "yes", "kz.scope.features": ["decision_support", "machine_learning"],
        "kz.role": ["owner"], "kz.risk.emergency": "no", "kz.risk.significant": {{(high ? "[\"users\"], \"kz.infosec.critical_ict\": \"no\", \"kz.infosec.state_resource\": \"no\"" : "[]")}},
        "kz.risk.efficiency": "yes", "kz.risk.harm": "yes", "kz.autonomy.control": "human_can_override", "kz.mode.access": "closed",
        "kz.mode.restricted_data": "yes", "kz.p1.manipulation": "no", "kz.p2.vulnerability": "no", "kz.p3.social_scoring": "no",
        "kz.p4.unlawful_personal_data": "no", "kz.p5.biometric_discrimination": "no", "kz.p6.emotions": "no", "kz.p7.prohibited_results": "no",
        "kz.t.users": "yes", "kz.t.synthetic": "no", "kz.t.automated_decisions": "yes", "kz.data.personal": "yes", "kz.data.third_party_works": "no",
        "kz.data.libraries": "no", "kz.gov.risk_review_done": "yes", "kz.gov.last_risk_review": "2025-09-01"{{extra}}
        """ + "}}";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string Body(Guid? organisation, string name, string sector = "finance", string? description = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["organisation_id"] = organisation,
        ["name_ru"] = name,
        ["name_en"] = name + " (en)",
        ["purpose_ru"] = "Оценка заявок",
        ["description"] = description ?? "Gradient-boosted trees over the application form.",
        ["sector"] = sector,
        ["role"] = "owner",
        ["mode"] = "closed",
        ["user_agreement_url"] = "https://bank.example/ai-terms",
    });

    /// <summary>Creates a draft of Demo Bank through the API; returns its id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> CreateAsync(SystemsFactory factory, HttpClient api, string name)
    {
        var bank = await factory.OrganisationAsync("Demo Bank JSC");
        var response = await api.PostAsync("/api/v1/systems", Json(Body(bank.Id, name)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (json.GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }

    private static HttpRequestMessage Put(string url, string json, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = Json(json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static HttpRequestMessage Post(string url, string? json, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = json is null ? null : Json(json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    [Fact]
    public async Task A_system_is_created_read_and_updated_with_etags_and_its_versions_and_diff_are_listed()
    {
        var api = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, api, "Кредитный скоринг API");
        Assert.Equal("W/\"v1\"", etag);

        var get = await api.GetAsync($"/api/v1/systems/{id}", Cancel);
        Assert.Equal("W/\"v1\"", get.Headers.ETag!.ToString());
        var record = await get.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("draft", record.GetProperty("status").GetString());
        Assert.Equal("Demo Bank JSC", record.GetProperty("organisation_name").GetString());
        Assert.Equal("closed", record.GetProperty("mode").GetString());

        var editor = await factory.ApiAsync(Editor);
        var put = await editor.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "Кредитный скоринг API", "healthcare", "A longer description.\nWith two lines."), etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("W/\"v2\"", put.Headers.ETag!.ToString());

        var versions = await api.GetFromJsonAsync<JsonElement>($"/api/v1/systems/{id}/versions", Cancel);
        Assert.Equal(2, versions.GetProperty("total").GetInt32());
        var newest = versions.GetProperty("items")[0];
        Assert.Equal(("edited", 2), (newest.GetProperty("change").GetString(), newest.GetProperty("version").GetInt32()));
        Assert.StartsWith("Asel Bekova", newest.GetProperty("changed_by").GetString(), StringComparison.Ordinal);

        var diff = await api.GetFromJsonAsync<JsonElement>($"/api/v1/systems/{id}/versions/1/diff/2", Cancel);
        var changes = diff.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => (c.GetProperty("old").GetString(), c.GetProperty("new").GetString()));
        Assert.Equal(["description", "sector"], changes.Keys.Order());
        Assert.Equal(("finance", "healthcare"), changes["sector"]);
        Assert.Equal(JsonValueKind.Null, diff.GetProperty("classification").ValueKind);

        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/systems?page_size=2", Cancel);
        Assert.Equal(2, list.GetProperty("page_size").GetInt32());
        Assert.True(list.GetProperty("total").GetInt32() > 2);
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetGuid());
        await Problem(await api.GetAsync("/api/v1/systems?page_size=101", Cancel), HttpStatusCode.BadRequest);
        await Problem(await api.GetAsync("/api/v1/systems?page=0", Cancel), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_puts_with_the_same_if_match_give_one_200_and_one_412_and_only_the_winner_is_stored()
    {
        var api = await factory.ApiAsync(Owner);
        var editor = await factory.ApiAsync(Editor);
        var (id, etag) = await CreateAsync(factory, api, "Гонка API");
        var responses = await Task.WhenAll(
            api.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "Owner wins"), etag), Cancel),
            editor.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "Editor wins"), etag), Cancel));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var loser = await Problem(responses.Single(r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.PreconditionFailed);
        Assert.Equal("stale", loser.GetProperty("code").GetString());
        Assert.Equal(2, loser.GetProperty("current_version").GetInt32());

        var expected = (await winner.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("name_ru").GetString();
        var stored = await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel));
        Assert.Equal(expected, stored.NameRu);
        Assert.Equal(2, stored.Version);
        Assert.Equal(2, await factory.Db(db => db.SystemVersions.CountAsync(v => v.SystemId == id, Cancel)));
    }

    [Fact]
    public async Task Changes_without_if_match_get_428_and_stale_ones_412_with_nothing_saved()
    {
        var api = await factory.ApiAsync(Owner);
        var (id, _) = await CreateAsync(factory, api, "Версии API");
        await Problem(await api.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "No precondition"), null), Cancel), HttpStatusCode.PreconditionRequired);
        await Problem(await api.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "Old"), "W/\"v7\""), Cancel), HttpStatusCode.PreconditionFailed);
        var garbage = await Problem(await api.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "Garbage"), "\"banana\""), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("If-Match", garbage.GetProperty("errors")[0].GetProperty("path").GetString());
        await Problem(await api.SendAsync(Post($"/api/v1/systems/{id}/remove", """{"reason":"x"}""", "W/\"v9\""), Cancel), HttpStatusCode.PreconditionFailed);

        var stored = await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel));
        Assert.Equal((1, "Версии API", SystemStatus.Draft), (stored.Version, stored.NameRu, stored.Status));
    }

    [Theory]
    [InlineData("{\"name_ru\": ", "body")]
    [InlineData("{\"name_ru\": 5}", "name_ru")]
    [InlineData("{\"name_ru\": \"x\", \"colour\": \"red\"}", "body")]
    [InlineData("[]", "body")]
    [InlineData("null", "body")]
    [InlineData("{\"name_ru\": \"x\", \"purpose_ru\": \"y\", \"sector\": \"space\", \"role\": \"boss\", \"mode\": \"open\"}", "sector")]
    [InlineData("{\"purpose_ru\": \"y\", \"sector\": \"finance\", \"role\": \"owner\"}", "name")]
    [InlineData("{\"name_ru\": \"x\", \"purpose_ru\": \"y\", \"sector\": \"finance\", \"role\": \"owner\", \"mode\": \"hidden\"}", "mode")]
    [InlineData("{\"name_ru\": \"x\", \"purpose_ru\": \"y\", \"sector\": \"finance\", \"role\": \"owner\", \"user_agreement_url\": \"javascript:alert(1)\"}", "user_agreement_url")]
    public async Task Malformed_or_invalid_bodies_get_400_naming_the_field_and_change_nothing(string body, string field)
    {
        var api = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, api, "Неверный ввод");
        var problem = await Problem(await api.SendAsync(Put($"/api/v1/systems/{id}", body, etag), Cancel), HttpStatusCode.BadRequest);
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToList();
        Assert.Contains(paths, p => p == field || p.StartsWith(field, StringComparison.Ordinal) || (field == "body" && p.Length > 0));
        var stored = await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel));
        Assert.Equal((1, "Неверный ввод"), (stored.Version, stored.NameRu));
    }

    [Fact]
    public async Task Oversize_and_non_json_bodies_are_refused_with_problem_details()
    {
        var api = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, api, "Размер");
        var huge = Body(null, "Huge", description: new string('x', 2 * 1024 * 1024));
        await Problem(await api.SendAsync(Put($"/api/v1/systems/{id}", huge, etag), Cancel), HttpStatusCode.RequestEntityTooLarge);
        var longText = Body(null, "Long", description: new string('я', 10_001));
        var tooLong = await Problem(await api.SendAsync(Put($"/api/v1/systems/{id}", longText, etag), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal(("description", "too-long"), (tooLong.GetProperty("errors")[0].GetProperty("path").GetString(), tooLong.GetProperty("errors")[0].GetProperty("code").GetString()));
        var form = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/systems/{id}") { Content = new StringContent("name_ru=x", Encoding.UTF8, "application/x-www-form-urlencoded") };
        form.Headers.TryAddWithoutValidation("If-Match", etag);
        var notJson = await api.SendAsync(form, Cancel);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);

        var stored = await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel));
        Assert.Equal((1, "Размер"), (stored.Version, stored.NameRu));
    }

    [Fact]
    public async Task Classifying_and_reclassifying_store_the_answers_with_the_packs_and_the_explained_result()
    {
        var api = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, api, "Скоринг с классификацией");
        await Problem(await api.GetAsync($"/api/v1/systems/{id}/classification", Cancel), HttpStatusCode.NotFound);

        var first = await api.SendAsync(Post($"/api/v1/systems/{id}/classification?lang=ru", KzAnswers(), etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("W/\"v2\"", first.Headers.ETag!.ToString());
        var current = await first.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var summary = current.GetProperty("classification");
        Assert.Equal((1, "kz", true), (summary.GetProperty("number").GetInt32(), summary.GetProperty("law").GetString(), summary.GetProperty("current").GetBoolean()));
        Assert.Equal("kz-230", summary.GetProperty("packs")[0].GetProperty("id").GetString());
        Assert.StartsWith("sha256:", summary.GetProperty("packs")[0].GetProperty("hash").GetString(), StringComparison.Ordinal);
        Assert.Equal("yes", summary.GetProperty("answers").GetProperty("kz.data.personal").GetString());
        var result = current.GetProperty("result");
        Assert.Equal("senim.classification/1", result.GetProperty("format").GetString());
        Assert.Equal("ru", result.GetProperty("language").GetString());
        Assert.Equal("Скоринг с классификацией", result.GetProperty("system").GetProperty("name").GetString());
        Assert.NotEmpty(result.GetProperty("results")[0].GetProperty("conclusions").EnumerateArray());

        var stale = await api.SendAsync(Post($"/api/v1/systems/{id}/classification", KzAnswers(high: true), etag), Cancel);
        await Problem(stale, HttpStatusCode.PreconditionFailed);
        var second = await api.SendAsync(Post($"/api/v1/systems/{id}/classification", KzAnswers(high: true), "W/\"v2\""), Cancel);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("high", (await second.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("classification").GetProperty("kz_tier").GetString());

        var all = await api.GetFromJsonAsync<JsonElement>($"/api/v1/systems/{id}/classifications", Cancel);
        Assert.Equal([2, 1], all.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("number").GetInt32()));
        var diff = await api.GetFromJsonAsync<JsonElement>($"/api/v1/systems/{id}/versions/2/diff/3", Cancel);
        var classification = diff.GetProperty("classification");
        Assert.Equal((1, 2), (classification.GetProperty("from").GetInt32(), classification.GetProperty("to").GetInt32()));
        var changed = classification.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("question").GetString()!, a => a.GetProperty("new").GetString());
        Assert.Equal("[users]", changed["kz.risk.significant"]);
        Assert.Contains(diff.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "tier" && c.GetProperty("new").GetString() == "high");

        var unknown = await Problem(await api.SendAsync(Post($"/api/v1/systems/{id}/classification", "{\"law\": \"kz\", \"answers\": {\"kz.nope\": \"yes\", \"kz.data.personal\": \"maybe\"}}", "W/\"v3\""), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal(["answers.kz.data.personal", "answers.kz.nope"], unknown.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order());
        await Problem(await api.SendAsync(Post($"/api/v1/systems/{id}/classification", "{\"law\": \"mars\", \"answers\": {}}", "W/\"v3\""), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal(2, await factory.Db(db => db.Classifications.CountAsync(c => c.SystemId == id, Cancel)));
    }

    [Fact]
    public async Task Another_organisations_draft_is_not_found_on_every_endpoint()
    {
        var owner = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, owner, "Чужой черновик");
        var classified = await owner.SendAsync(Post($"/api/v1/systems/{id}/classification", KzAnswers(), etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/systems/{id}/documents/kz.doc.risk", Cancel)).StatusCode);

        var stranger = await factory.ApiAsync(Retail);
        var attachment = Guid.NewGuid();
        var requests = new List<HttpRequestMessage>
        {
            new(HttpMethod.Get, $"/api/v1/systems/{id}"),
            Put($"/api/v1/systems/{id}", Body(null, "Hijack"), "W/\"v2\""),
            new(HttpMethod.Get, $"/api/v1/systems/{id}/classification"),
            Post($"/api/v1/systems/{id}/classification", "{\"answers\": {}}", "W/\"v2\""),
            new(HttpMethod.Get, $"/api/v1/systems/{id}/classifications"),
            new(HttpMethod.Get, $"/api/v1/systems/{id}/versions"),
            new(HttpMethod.Get, $"/api/v1/systems/{id}/versions/1/diff/2"),
            new(HttpMethod.Get, $"/api/v1/systems/{id}/documents"),
            new(HttpMethod.Get, $"/api/v1/systems/{id}/documents/kz.doc.risk"),
            Put($"/api/v1/systems/{id}/documents/kz.doc.risk", "{\"sections\": {}}", "W/\"v0\""),
            new(HttpMethod.Post, $"/api/v1/systems/{id}/documents/kz.doc.risk/attachments") { Content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", "a.pdf" } } },
            new(HttpMethod.Get, $"/api/v1/systems/{id}/attachments/{attachment}"),
            new(HttpMethod.Delete, $"/api/v1/systems/{id}/attachments/{attachment}"),
            Post($"/api/v1/systems/{id}/submit", null, "W/\"v2\""),
            Post($"/api/v1/systems/{id}/publish", null, "W/\"v2\""),
            Post($"/api/v1/systems/{id}/cancel", null, "W/\"v2\""),
            Post($"/api/v1/systems/{id}/resubmit", null, "W/\"v2\""),
            Post($"/api/v1/systems/{id}/remove", "{\"reason\": \"mine now\"}", "W/\"v2\""),
        };
        foreach (var request in requests)
        {
            var response = await stranger.SendAsync(request, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{request.Method} {request.RequestUri}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var bank = await factory.OrganisationAsync("Demo Bank JSC");
        await Problem(await stranger.GetAsync($"/api/v1/systems?organisation={bank.Id}", Cancel), HttpStatusCode.NotFound);
        var create = await stranger.PostAsync("/api/v1/systems", Json(Body(bank.Id, "Planted")), Cancel);
        await Problem(create, HttpStatusCode.NotFound);
        var stored = await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel));
        Assert.Equal((2, "Чужой черновик", SystemStatus.Draft), (stored.Version, stored.NameRu, stored.Status));
    }

    [Fact]
    public async Task Editors_change_supervisors_and_platform_admins_only_read_and_token_scopes_are_enforced()
    {
        var owner = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, owner, "Роли");
        var editor = await factory.ApiAsync(Editor);
        var put = await editor.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "Роли (editor)"), etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        foreach (var reader in new[] { "supervisor@demo.senim.kz", "admin@demo.senim.kz" })
        {
            var api = await factory.ApiAsync(reader);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/systems/{id}", Cancel)).StatusCode);
            var refused = await Problem(await api.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "Overreach"), "W/\"v2\""), Cancel), HttpStatusCode.Forbidden);
            Assert.Equal("not-editor", refused.GetProperty("code").GetString());
        }

        var expert = await factory.ApiAsync("expert1@demo.senim.kz");
        await Problem(await expert.GetAsync($"/api/v1/systems/{id}", Cancel), HttpStatusCode.NotFound);

        var readOnly = await factory.ApiAsync(Owner, [Scopes.Read]);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync($"/api/v1/systems/{id}", Cancel)).StatusCode);
        await Problem(await readOnly.SendAsync(Put($"/api/v1/systems/{id}", Body(null, "Read only"), "W/\"v2\""), Cancel), HttpStatusCode.Forbidden);

        var hospital = await factory.OrganisationAsync("City Hospital No. 1");
        var elsewhere = await factory.ApiAsync("hospital@demo.senim.kz", [Scopes.Read, Scopes.Write], hospital.Id);
        await Problem(await elsewhere.GetAsync($"/api/v1/systems/{id}", Cancel), HttpStatusCode.NotFound);

        var anonymous = factory.CreateClient();
        await Problem(await anonymous.GetAsync($"/api/v1/systems/{id}", Cancel), HttpStatusCode.Unauthorized);
        var stored = await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel));
        Assert.Equal((2, "Роли (editor)"), (stored.Version, stored.NameRu));
    }

    [Fact]
    public async Task Submission_needs_the_documentation_and_is_refused_with_the_missing_list_until_it_is_complete()
    {
        var api = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, api, "Подача через API");
        var classified = await api.SendAsync(Post($"/api/v1/systems/{id}/classification", KzAnswers(high: true), etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        etag = classified.Headers.ETag!.ToString();

        var refused = await Problem(await api.SendAsync(Post($"/api/v1/systems/{id}/submit", null, etag), Cancel), HttpStatusCode.Conflict);
        Assert.Equal("documents-missing", refused.GetProperty("code").GetString());
        Assert.Contains("Risk-management documentation", refused.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await Problem(await api.SendAsync(Post($"/api/v1/systems/{id}/publish", null, etag), Cancel), HttpStatusCode.Conflict);
        var noReason = await Problem(await api.SendAsync(Post($"/api/v1/systems/{id}/remove", "{}", etag), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("reason", noReason.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(SystemStatus.Draft, (await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel))).Status);

        var documents = await api.GetFromJsonAsync<JsonElement>($"/api/v1/systems/{id}/documents", Cancel);
        foreach (var document in documents.GetProperty("items").EnumerateArray())
        {
            var documentId = document.GetProperty("id").GetString()!;
            Assert.False(document.GetProperty("complete").GetBoolean());
            var full = await api.GetAsync($"/api/v1/systems/{id}/documents/{documentId}", Cancel);
            var body = await full.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            var sections = body.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => (string?)("Filled in for " + s.GetProperty("title").GetString()));
            var dates = body.GetProperty("has_review").GetBoolean() ? ", \"last_review_date\": \"2026-10-01\"" : "";
            var save = await api.SendAsync(Put($"/api/v1/systems/{id}/documents/{documentId}", "{\"sections\": " + JsonSerializer.Serialize(sections) + dates + "}", full.Headers.ETag!.ToString()), Cancel);
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
            var saved = await save.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.True(saved.GetProperty("complete").GetBoolean(), documentId);
            if (body.GetProperty("has_review").GetBoolean())
            {
                Assert.Equal("2027-10-01", saved.GetProperty("next_review_date").GetString());
            }
        }

        var submitted = await api.SendAsync(Post($"/api/v1/systems/{id}/submit", "{\"reason\": \"Ready for review.\"}", etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        var cancelled = await api.SendAsync(Post($"/api/v1/systems/{id}/cancel", null, submitted.Headers.ETag!.ToString()), Cancel);
        Assert.Equal("draft", (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Documents_keep_their_own_versions_and_a_stale_save_gets_412()
    {
        var api = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, api, "Документы API");
        var classified = await api.SendAsync(Post($"/api/v1/systems/{id}/classification", KzAnswers(), etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        var url = $"/api/v1/systems/{id}/documents/kz.doc.risk";
        var first = await api.GetAsync(url, Cancel);
        Assert.Equal("W/\"v0\"", first.Headers.ETag!.ToString());
        var saved = await api.SendAsync(Put(url, "{\"sections\": {\"identification\": \"Risk one.\"}}", "W/\"v0\""), Cancel);
        Assert.Equal("W/\"v1\"", saved.Headers.ETag!.ToString());
        await Problem(await api.SendAsync(Put(url, "{\"sections\": {\"identification\": \"Second writer.\"}}", "W/\"v0\""), Cancel), HttpStatusCode.PreconditionFailed);
        var badDate = await Problem(await api.SendAsync(Put(url, "{\"last_review_date\": \"01.10.2026\"}", "W/\"v1\""), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("last_review_date", badDate.GetProperty("errors")[0].GetProperty("path").GetString());
        var unknown = await Problem(await api.SendAsync(Put(url, "{\"sections\": {\"nonsense\": \"x\"}}", "W/\"v1\""), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("sections.nonsense", unknown.GetProperty("errors")[0].GetProperty("path").GetString());
        await Problem(await api.GetAsync($"/api/v1/systems/{id}/documents/kz.doc.nonexistent", Cancel), HttpStatusCode.NotFound);

        var current = await api.GetFromJsonAsync<JsonElement>(url, Cancel);
        Assert.Equal(1, current.GetProperty("version").GetInt32());
        Assert.Equal("Risk one.", current.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "identification").GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_due_list_names_overdue_and_coming_reviews()
    {
        var api = await factory.ApiAsync(Owner);
        var (id, etag) = await CreateAsync(factory, api, "Просроченный пересмотр");
        var classified = await api.SendAsync(Post($"/api/v1/systems/{id}/classification", KzAnswers(), etag), Cancel);
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var last = today.AddYears(-1).AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var next = today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var save = await api.SendAsync(Put($"/api/v1/systems/{id}/documents/kz.doc.risk", $"{{\"last_review_date\": \"{last}\", \"next_review_date\": \"{next}\"}}", "W/\"v0\""), Cancel);
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);

        var due = await api.GetFromJsonAsync<JsonElement>("/api/v1/due?days=30", Cancel);
        var item = due.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("system_id").GetGuid() == id);
        Assert.True(item.GetProperty("overdue").GetBoolean());
        Assert.Equal(next, item.GetProperty("next_review_date").GetString());
        Assert.Equal(("Demo Bank JSC", "kz.doc.risk"), (item.GetProperty("organisation_name").GetString(), item.GetProperty("document_id").GetString()));

        var stranger = await factory.ApiAsync(Retail);
        var theirs = await stranger.GetFromJsonAsync<JsonElement>("/api/v1/due?days=366", Cancel);
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), i => i.GetProperty("system_id").GetGuid() == id);
        await Problem(await api.GetAsync("/api/v1/due?days=1000", Cancel), HttpStatusCode.BadRequest);
    }
}
