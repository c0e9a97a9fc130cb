using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;

namespace Senim.Web.Tests.Review;

/// <summary>The review round and the supervisor's decisions over the JSON API, with personal tokens.</summary>
public class ReviewApiTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonOf(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    private static HttpRequestMessage Send(HttpMethod method, string url, string? json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (json is not null)
        {
            request.Content = Demo.Json(json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static string ETag(int version) => $"W/\"v{version.ToString(CultureInfo.InvariantCulture)}\"";

    [Fact]
    public async Task A_whole_review_round_runs_through_the_api()
    {
        var system = await Demo.SubmittedAsync(factory, Demo.Hospital, "API round triage");
        var supervisor = await Demo.ApiAsync(factory, Demo.Supervisor, Scopes.Read, Scopes.Supervise);
        var expert = await Demo.ApiAsync(factory, Demo.Expert1, Scopes.Read, Scopes.Review);
        var expert1 = await Demo.ActorAsync(factory, Demo.Expert1);

        var queue = await JsonOf(await supervisor.GetAsync(new Uri("/api/v1/supervision/queue?list=awaiting-experts&page_size=100", UriKind.Relative), Cancel));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("system_id").GetGuid() == system.Id);
        Assert.True(queue.GetProperty("counts").GetProperty("awaiting-experts").GetInt32() >= 1);
        var candidates = await JsonOf(await supervisor.GetAsync(new Uri($"/api/v1/systems/{system.Id}/experts", UriKind.Relative), Cancel));
        Assert.Contains(candidates.EnumerateArray(), c => c.GetProperty("id").GetGuid() == expert1.UserId && !c.GetProperty("conflicted").GetBoolean());

        // Assigning needs the version: none is 428, a stale one 412, and nothing is assigned.
        var body = $$"""{"experts": ["{{expert1.UserId}}"]}""";
        await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/experts", body), Cancel), HttpStatusCode.PreconditionRequired);
        await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/experts", body, ETag(system.Version - 1)), Cancel), HttpStatusCode.PreconditionFailed);
        Assert.Equal(SystemStatus.Submitted, (await Demo.ReloadAsync(factory, system.Id)).Status);
        var assigned = await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/experts", body, ETag(system.Version)), Cancel);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal("in-review", (await JsonOf(assigned)).GetProperty("status").GetString());

        // The expert: queue, then the checklist (closed until the declaration).
        var mine = await JsonOf(await expert.GetAsync(new Uri("/api/v1/review/queue", UriKind.Relative), Cancel));
        Assert.Equal("declare", mine.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("system_id").GetGuid() == system.Id).GetProperty("next").GetString());
        var checklist = await expert.GetAsync(new Uri($"/api/v1/systems/{system.Id}/review/checklist", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, checklist.StatusCode);
        Assert.NotNull(checklist.Headers.ETag);
        var items = (await JsonOf(checklist)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        var early = await Problem(await expert.SendAsync(Send(HttpMethod.Put, $"/api/v1/systems/{system.Id}/review/checklist/{items[0]}", """{"verdict": "satisfied"}"""), Cancel), HttpStatusCode.Conflict);
        Assert.Equal("declare-first", early.GetProperty("code").GetString());

        var unconfirmed = await Problem(await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/review/declaration", "{}"), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("declaration-required", unconfirmed.GetProperty("errors")[0].GetProperty("code").GetString());
        var declared = await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/review/declaration", """{"no_conflict": true}"""), Cancel);
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Equal("checklist", (await JsonOf(declared)).GetProperty("next").GetString());
        await Problem(await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/review/declaration", """{"no_conflict": true}"""), Cancel), HttpStatusCode.Conflict);

        var noRemark = await Problem(await expert.SendAsync(Send(HttpMethod.Put, $"/api/v1/systems/{system.Id}/review/checklist/{items[0]}", """{"verdict": "issue"}"""), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("remark", noRemark.GetProperty("errors")[0].GetProperty("path").GetString());
        foreach (var item in items)
        {
            var json = item == items[0] ? """{"verdict": "issue", "remark": "No test of the ranking for bias."}""" : """{"verdict": "satisfied"}""";
            var put = await expert.SendAsync(Send(HttpMethod.Put, $"/api/v1/systems/{system.Id}/review/checklist/{item}", json), Cancel);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(item, (await JsonOf(put)).GetProperty("id").GetString());
        }

        var unknown = await Problem(await expert.SendAsync(Send(HttpMethod.Put, $"/api/v1/systems/{system.Id}/review/checklist/no-such-item", """{"verdict": "satisfied"}"""), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("item-unknown", unknown.GetProperty("errors")[0].GetProperty("code").GetString());

        // Request changes with the system's ETag.
        var tag = (await expert.GetAsync(new Uri($"/api/v1/systems/{system.Id}/review/checklist", UriKind.Relative), Cancel)).Headers.ETag!.ToString();
        var changes = await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/review/changes", """{"message": "Add a bias test of the ranking."}""", tag), Cancel);
        Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        Assert.Equal("changes-requested", (await JsonOf(changes)).GetProperty("status").GetString());
        var owner = await Demo.ActorAsync(factory, Demo.Hospital);
        var request = Assert.Single(await Demo.RunAsync(factory, async sp => await sp.GetRequiredService<ReviewService>().ChangeRequestsAsync(await sp.OpenAsync(owner, system.Id))));
        Assert.Equal("No test of the ranking for bias.", Assert.Single(request.Items).Remark);

        var current = await Demo.ReloadAsync(factory, system.Id);
        current = await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().ResubmitAsync(owner, system.Id, current.Version, "Bias test added."));

        // Recommend once; the second time is a 409 problem that says so.
        var recommend = $$"""{"recommendation": "register", "text": "Satisfied after the changes.", "version": {{current.Version}}}""";
        var recommended = await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/review/recommendation", recommend), Cancel);
        Assert.Equal(HttpStatusCode.OK, recommended.StatusCode);
        var state = await JsonOf(recommended);
        Assert.Equal("recommended", state.GetProperty("status").GetString());
        var twice = await Problem(await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/review/recommendation", """{"recommendation": "refuse", "text": "Again."}""", recommended.Headers.ETag!.ToString()), Cancel), HttpStatusCode.Conflict);
        Assert.Equal("already-recommended", twice.GetProperty("code").GetString());
        Assert.Contains("cannot be given twice", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Decide: the expert may not; missing reasons for a refusal change nothing; then register.
        var version = state.GetProperty("version").GetInt32();
        await Problem(await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/decision", """{"decision": "register"}""", ETag(version)), Cancel), HttpStatusCode.Forbidden);
        var missing = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/decision", """{"decision": "refuse", "reasons": " "}""", ETag(version)), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("reasons", missing.GetProperty("errors")[0].GetProperty("path").GetString());
        var conditions = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/decision", """{"decision": "register-with-conditions"}""", ETag(version)), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal(["conditions", "deadline"], conditions.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        var badDate = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/decision", """{"decision": "register-with-conditions", "conditions": "Audit.", "deadline": "31.12.2030"}""", ETag(version)), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("deadline", badDate.GetProperty("errors")[0].GetProperty("path").GetString());
        var unchanged = await Demo.ReloadAsync(factory, system.Id);
        Assert.Equal((SystemStatus.Recommended, version), (unchanged.Status, unchanged.Version));

        var decided = await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/decision", """{"decision": "register", "reasons": "The expert recommends registration."}""", ETag(version)), Cancel);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var registered = await JsonOf(decided);
        Assert.Equal("registered", registered.GetProperty("status").GetString());
        Assert.Matches(@"^KZ-AI-\d{4}-\d{6}$", registered.GetProperty("register_number").GetString());
        Assert.Equal(ETag(registered.GetProperty("version").GetInt32()), decided.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Malformed_oversize_and_unknown_bodies_are_refused_with_problems_and_change_nothing()
    {
        var system = await Demo.SystemAsync(factory, "Certification exam proctoring");
        var supervisor = await Demo.ApiAsync(factory, Demo.Supervisor, Scopes.Read, Scopes.Supervise);
        var url = $"/api/v1/systems/{system.Id}/decision";
        var tag = ETag(system.Version);

        var malformed = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, url, """{"decision": "register", """, tag), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("json-invalid", malformed.GetProperty("errors")[0].GetProperty("code").GetString());
        var wrongType = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, url, """{"decision": 7}""", tag), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("decision", wrongType.GetProperty("errors")[0].GetProperty("path").GetString());
        var extra = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, url, """{"decision": "register", "register_number": "KZ-AI-2000-000001"}""", tag), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("json-invalid", extra.GetProperty("errors")[0].GetProperty("code").GetString());
        var huge = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, url, $$"""{"decision": "refuse", "reasons": "{{new string('x', 70_000)}}"}""", tag), Cancel), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 64 KB", huge.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var longReasons = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, url, $$"""{"decision": "refuse", "reasons": "{{new string('x', 5001)}}"}""", tag), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("too-long", longReasons.GetProperty("errors")[0].GetProperty("code").GetString());
        var empty = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, url, "", tag), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("body", empty.GetProperty("errors")[0].GetProperty("path").GetString());
        var text = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = new StringContent("decision=register") };
        text.Headers.TryAddWithoutValidation("If-Match", tag);
        var plain = await supervisor.SendAsync(text, Cancel);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
        var decision = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, url, """{"decision": "approve"}""", tag), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("decision", decision.GetProperty("errors")[0].GetProperty("path").GetString());
        await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, url, """{"decision": "register"}""", "garbage"), Cancel), HttpStatusCode.BadRequest);
        await Problem(await supervisor.GetAsync(new Uri("/api/v1/supervision/queue?page_size=500", UriKind.Relative), Cancel), HttpStatusCode.BadRequest);
        await Problem(await supervisor.GetAsync(new Uri("/api/v1/supervision/queue?page=abc", UriKind.Relative), Cancel), HttpStatusCode.BadRequest);
        await Problem(await supervisor.GetAsync(new Uri("/api/v1/supervision/queue?list=everything", UriKind.Relative), Cancel), HttpStatusCode.BadRequest);

        var after = await Demo.ReloadAsync(factory, system.Id);
        Assert.Equal((SystemStatus.Recommended, system.Version, (string?)null), (after.Status, after.Version, after.RegisterNumber));
    }

    [Fact]
    public async Task Roles_scopes_and_organisations_are_enforced()
    {
        var scoring = await Demo.SystemAsync(factory, "Consumer credit scoring");
        var draft = await Demo.SystemAsync(factory, "Shop app recommender");
        var registered = await Demo.SystemAsync(factory, "Loan advice chatbot");
        var ownerToken = await Demo.ApiAsync(factory, Demo.BankOwner, Scopes.Read, Scopes.Write);
        var retail = await Demo.ApiAsync(factory, Demo.Retail, Scopes.Read, Scopes.Write);
        var readOnlySupervisor = await Demo.ApiAsync(factory, Demo.Supervisor, Scopes.Read);
        var readOnlyExpert = await Demo.ApiAsync(factory, Demo.Expert1, Scopes.Read);
        var otherExpert = await Demo.ApiAsync(factory, Demo.Expert2, Scopes.Read, Scopes.Review);
        var anonymous = factory.CreateClient();

        await Problem(await anonymous.GetAsync(new Uri("/api/v1/review/queue", UriKind.Relative), Cancel), HttpStatusCode.Unauthorized);
        await Problem(await ownerToken.GetAsync(new Uri("/api/v1/review/queue", UriKind.Relative), Cancel), HttpStatusCode.Forbidden);
        await Problem(await ownerToken.GetAsync(new Uri("/api/v1/supervision/queue", UriKind.Relative), Cancel), HttpStatusCode.Forbidden);
        await Problem(await readOnlySupervisor.GetAsync(new Uri("/api/v1/supervision/queue", UriKind.Relative), Cancel), HttpStatusCode.Forbidden);
        await Problem(await ownerToken.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{scoring.Id}/experts", """{"experts": []}""", ETag(scoring.Version)), Cancel), HttpStatusCode.Forbidden);
        await Problem(await ownerToken.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{registered.Id}/suspend", """{"reason": "No."}""", ETag(registered.Version)), Cancel), HttpStatusCode.NotFound);

        // An expert token without the review scope is not an expert; another expert does not see the system at all.
        await Problem(await readOnlyExpert.GetAsync(new Uri($"/api/v1/systems/{scoring.Id}/review/checklist", UriKind.Relative), Cancel), HttpStatusCode.NotFound);
        await Problem(await otherExpert.GetAsync(new Uri($"/api/v1/systems/{scoring.Id}/review/checklist", UriKind.Relative), Cancel), HttpStatusCode.NotFound);
        await Problem(await otherExpert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{scoring.Id}/review/declaration", """{"no_conflict": true}"""), Cancel), HttpStatusCode.NotFound);

        // Another organisation's unpublished system does not exist for a member of the retail organisation.
        var bankSubmission = await Demo.SubmittedAsync(factory, Demo.BankOwner, "Hidden submission");
        await Problem(await retail.GetAsync(new Uri($"/api/v1/systems/{bankSubmission.Id}/review/checklist", UriKind.Relative), Cancel), HttpStatusCode.NotFound);
        await Problem(await retail.GetAsync(new Uri($"/api/v1/systems/{draft.Id}/review/checklist", UriKind.Relative), Cancel), HttpStatusCode.Forbidden);
        await Problem(await ownerToken.GetAsync(new Uri($"/api/v1/systems/{scoring.Id}/review/checklist", UriKind.Relative), Cancel), HttpStatusCode.Forbidden);
        Assert.Equal(SystemStatus.Suspended, (await Demo.ReloadAsync(factory, registered.Id)).Status);
    }

    [Fact]
    public async Task An_expert_who_joined_the_organisation_after_assignment_cannot_declare()
    {
        var system = await Demo.SubmittedAsync(factory, Demo.Retail, "Conflicted declaration");
        var expert3 = await Demo.ActorAsync(factory, Demo.Expert3);
        var supervisor = await Demo.ApiAsync(factory, Demo.Supervisor, Scopes.Read, Scopes.Supervise);
        var assigned = await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/experts", $$"""{"experts": ["{{expert3.UserId}}"]}""", ETag(system.Version)), Cancel);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var retailOwner = await Demo.ActorAsync(factory, Demo.Retail);
        await Demo.JoinAsync(factory, retailOwner, system.OrganisationId, Demo.Expert3, MemberRole.Editor);

        var expert = await Demo.ApiAsync(factory, Demo.Expert3, Scopes.Read, Scopes.Review);
        var conflict = await Problem(await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/review/declaration", """{"no_conflict": true}"""), Cancel), HttpStatusCode.Conflict);
        Assert.Equal("expert-conflict", conflict.GetProperty("code").GetString());
        Assert.Null(await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().ReviewAssignments.Where(a => a.SystemId == system.Id).Select(a => a.NoConflictDeclaredAt).SingleAsync()));

        // And assigning them again now is refused at assignment.
        var current = await Demo.ReloadAsync(factory, system.Id);
        var again = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/experts", $$"""{"experts": ["{{expert3.UserId}}"]}""", ETag(current.Version)), Cancel), HttpStatusCode.Conflict);
        Assert.Equal("expert-conflict", again.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_concurrent_decisions_on_the_same_version_save_exactly_one()
    {
        var system = await Demo.SubmittedAsync(factory, Demo.BankOwner, "Concurrent decision");
        var supervisorActor = await Demo.ActorAsync(factory, Demo.Supervisor);
        var expert2 = await Demo.ActorAsync(factory, Demo.Expert2);
        system = await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().AssignAsync(supervisorActor, system.Id, [expert2.UserId], system.Version));
        await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().DeclareNoConflictAsync(expert2, system.Id));
        system = await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().RecommendAsync(expert2, system.Id, Recommendation.Register, "Fine.", system.Version));

        var one = await Demo.ApiAsync(factory, Demo.Supervisor, Scopes.Read, Scopes.Supervise);
        var two = await Demo.ApiAsync(factory, Demo.Supervisor, Scopes.Read, Scopes.Supervise);
        var url = $"/api/v1/systems/{system.Id}/decision";
        var results = await Task.WhenAll(
            one.SendAsync(Send(HttpMethod.Post, url, """{"decision": "register", "reasons": "First."}""", ETag(system.Version)), Cancel),
            two.SendAsync(Send(HttpMethod.Post, url, """{"decision": "refuse", "reasons": "Second."}""", ETag(system.Version)), Cancel));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(results, r => r.StatusCode != HttpStatusCode.OK);
        Assert.True(loser.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict, loser.StatusCode.ToString());
        var after = await Demo.ReloadAsync(factory, system.Id);
        Assert.Equal(system.Version + 1, after.Version);
        Assert.Equal(1, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().WorkflowEvents.CountAsync(e => e.SystemId == system.Id && e.Action.StartsWith("decide"))));
    }

    [Fact]
    public async Task The_supervisor_suspends_reinstates_and_withdraws_over_the_api()
    {
        var system = await Demo.SystemAsync(factory, "Claim drafting assistant");
        Assert.Equal(SystemStatus.RegisteredWithConditions, system.Status);
        var supervisor = await Demo.ApiAsync(factory, Demo.Supervisor, Scopes.Read, Scopes.Supervise);
        var owner = await Demo.ApiAsync(factory, Demo.BankOwner, Scopes.Read, Scopes.Write);

        var noReason = await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/suspend", "{}", ETag(system.Version)), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("reason", noReason.GetProperty("errors")[0].GetProperty("path").GetString());
        await Problem(await owner.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/suspend", """{"reason": "Mine."}""", ETag(system.Version)), Cancel), HttpStatusCode.Forbidden);
        await Problem(await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/reinstate", """{"reason": "Not suspended."}""", ETag(system.Version)), Cancel), HttpStatusCode.Conflict);

        var suspended = await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/suspend", """{"reason": "The audit is overdue."}""", ETag(system.Version)), Cancel);
        Assert.Equal("suspended", (await JsonOf(suspended)).GetProperty("status").GetString());
        var reinstated = await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/reinstate", """{"reason": "The audit was delivered."}""", suspended.Headers.ETag!.ToString()), Cancel);
        Assert.Equal("registered-with-conditions", (await JsonOf(reinstated)).GetProperty("status").GetString());
        var withdrawn = await supervisor.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{system.Id}/withdraw", """{"reason": "Conditions breached again."}""", reinstated.Headers.ETag!.ToString()), Cancel);
        Assert.Equal("withdrawn", (await JsonOf(withdrawn)).GetProperty("status").GetString());
        Assert.Equal(SystemStatus.Withdrawn, (await Demo.ReloadAsync(factory, system.Id)).Status);
    }

    [Fact]
    public async Task Every_supervisor_action_by_anyone_else_is_refused_and_changes_nothing()
    {
        var published = await Demo.SystemAsync(factory, "Mail spam filter");
        var retailDraft = await Demo.SystemAsync(factory, "Shop app recommender");
        Assert.Equal((SystemStatus.Published, SystemStatus.Draft), (published.Status, retailDraft.Status));
        var owner = await Demo.ApiAsync(factory, Demo.BankOwner, Scopes.Read, Scopes.Write, Scopes.Review, Scopes.Supervise);
        var admin = await Demo.ApiAsync(factory, Demo.Admin, Scopes.Read, Scopes.Write, Scopes.Admin, Scopes.Supervise);
        var expert = await Demo.ApiAsync(factory, Demo.Expert1, Scopes.Read, Scopes.Review, Scopes.Supervise);
        var expert1 = await Demo.ActorAsync(factory, Demo.Expert1);
        var bodies = new Dictionary<string, string>
        {
            ["experts"] = $$"""{"experts": ["{{expert1.UserId}}"]}""",
            ["decision"] = """{"decision": "register", "reasons": "Mine."}""",
            ["suspend"] = """{"reason": "Mine."}""",
            ["reinstate"] = """{"reason": "Mine."}""",
            ["withdraw"] = """{"reason": "Mine."}""",
        };
        foreach (var (action, body) in bodies)
        {
            // The owner and a platform admin see the system: 403. An expert not on its panel does not: 404.
            await Problem(await owner.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{published.Id}/{action}", body, ETag(published.Version)), Cancel), HttpStatusCode.Forbidden);
            await Problem(await admin.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{published.Id}/{action}", body, ETag(published.Version)), Cancel), HttpStatusCode.Forbidden);
            await Problem(await expert.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{published.Id}/{action}", body, ETag(published.Version)), Cancel), HttpStatusCode.NotFound);
        }

        await Problem(await owner.GetAsync(new Uri($"/api/v1/systems/{published.Id}/experts", UriKind.Relative), Cancel), HttpStatusCode.Forbidden);
        var after = await Demo.ReloadAsync(factory, published.Id);
        Assert.Equal((SystemStatus.Published, published.Version), (after.Status, after.Version));

        // Another organisation's draft is invisible to the bank's owner, even with every scope.
        await Problem(await owner.GetAsync(new Uri($"/api/v1/systems/{retailDraft.Id}/review/checklist", UriKind.Relative), Cancel), HttpStatusCode.NotFound);
        await Problem(await owner.SendAsync(Send(HttpMethod.Post, $"/api/v1/systems/{retailDraft.Id}/review/declaration", """{"no_conflict": true}"""), Cancel), HttpStatusCode.NotFound);
    }
}
