using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Tests.Accounts;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Validation;

/// <summary>
/// The bad-input list on the pages an owner and an expert use, and for tokens whose access went
/// away: each gets a clear message, and nothing stored changes.
/// </summary>
public sealed class BadInputTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_submission_with_required_documents_missing_is_refused_on_the_page_and_nothing_changes()
    {
        var system = await HighRiskDraftAsync(Demo.BankOwner, "Undocumented scoring");
        var events = await EventsAsync(system.Id);
        var owner = await Demo.BrowserAsync(factory, Demo.BankOwner);
        var page = await Browser.Get(owner, $"/systems/{system.Id}");
        Assert.NotNull(page.Document.QuerySelector("button[name=action][value=submit]"));

        var refused = await Demo.PostAsync(owner, page, $"/systems/{system.Id}",
            [new("version", system.Version.ToString(CultureInfo.InvariantCulture)), new("action", "submit"), new("reason", "")]);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        var alert = refused.Document.QuerySelector("[role=alert]").Text();
        Assert.Contains("Required documentation is incomplete", alert, StringComparison.Ordinal);
        var after = await Demo.ReloadAsync(factory, system.Id);
        Assert.Equal(SystemStatus.Draft, after.Status);
        Assert.Equal(system.Version, after.Version);
        Assert.Equal(events, await EventsAsync(system.Id));
    }

    [Fact]
    public async Task An_expert_recommending_twice_is_told_so_and_the_first_recommendation_stands()
    {
        var system = await Demo.SubmittedAsync(factory, Demo.Hospital, "Twice recommended triage");
        var supervisor = await Demo.ActorAsync(factory, Demo.Supervisor);
        var expert = await Demo.ActorAsync(factory, Demo.Expert3);
        system = await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().AssignAsync(supervisor, system.Id, [expert.UserId], system.Version));
        await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().DeclareNoConflictAsync(expert, system.Id));
        var browser = await Demo.BrowserAsync(factory, Demo.Expert3);
        var page = await Browser.Get(browser, $"/review/{system.Id}");
        var first = await Demo.SubmitAsync(browser, page, "#recommend-form", [new("Recommendation", "register"), new("Justification", "The documentation is complete.")]);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var recommended = await AssignmentAsync(system.Id, expert.UserId);
        Assert.Equal(Recommendation.Register, recommended.Recommendation);
        var afterFirst = await Demo.ReloadAsync(factory, system.Id);

        // The form is gone once the recommendation is in; a second post (an old tab, a double click) is refused.
        Assert.Null(first.Document.QuerySelector("#recommend-form"));
        var second = await Demo.PostAsync(browser, first, $"/review/{system.Id}?handler=recommend",
            [new("Version", afterFirst.Version.ToString(CultureInfo.InvariantCulture)), new("Recommendation", "refuse"), new("Justification", "Changed my mind.")]);

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains("cannot be given twice", second.Document.QuerySelector("[role=alert]").Text(), StringComparison.Ordinal);
        var stored = await AssignmentAsync(system.Id, expert.UserId);
        Assert.Equal(Recommendation.Register, stored.Recommendation);
        Assert.Equal(recommended.RecommendedAt, stored.RecommendedAt);
        Assert.Equal(afterFirst.Version, (await Demo.ReloadAsync(factory, system.Id)).Version);
    }

    [Fact]
    public async Task A_token_of_a_member_who_was_removed_stops_reaching_the_organisation_at_once()
    {
        var member = await AccountTestKitUser("removed-member@example.kz");
        var owner = await Demo.ActorAsync(factory, Demo.BankOwner);
        var bank = owner.Memberships.Keys.Single();
        await Demo.JoinAsync(factory, owner, bank, "removed-member@example.kz", MemberRole.Editor);
        var system = await Demo.ClassifiedAsync(factory, Demo.BankOwner, "credit-scoring", "Seen by the member, then not");
        using var api = await TokenClientAsync("removed-member@example.kz");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri($"/api/v1/systems/{system.Id}", UriKind.Relative), Cancel)).StatusCode);

        await Demo.RunAsync(factory, async sp => { await sp.GetRequiredService<OrganisationService>().RemoveMemberAsync(owner, bank, member.Id); return 0; });

        await AssertProblemAsync(await api.GetAsync(new Uri($"/api/v1/systems/{system.Id}", UriKind.Relative), Cancel), HttpStatusCode.NotFound);
        await AssertProblemAsync(await api.GetAsync(new Uri($"/api/v1/organisations/{bank}", UriKind.Relative), Cancel), HttpStatusCode.NotFound);
        using var rename = Put($"/api/v1/systems/{system.Id}", """{"name_en": "Renamed by a former member", "purpose_en": "x", "sector": "finance", "role": "owner", "mode": "closed"}""", system.Version);
        await AssertProblemAsync(await api.SendAsync(rename, Cancel), HttpStatusCode.NotFound);
        Assert.Equal(system.NameEn, (await Demo.ReloadAsync(factory, system.Id)).NameEn);
    }

    [Fact]
    public async Task After_an_organisation_is_deleted_its_members_tokens_see_nothing_of_it_and_its_limited_tokens_are_refused()
    {
        await AccountTestKitUser("deleting-admin@example.kz");
        using var session = await Demo.BrowserAsync(factory, "deleting-admin@example.kz");
        var created = await session.PostAsync(new Uri("/api/v1/organisations", UriKind.Relative),
            Demo.Json("""{"bin": "990140000770", "name": "Short-lived LLP", "size": "small", "contact_email": "ai@short.example"}"""), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organisation = (await AccountTestKit.ReadJsonAsync(created)).GetProperty("id").GetGuid();
        var admin = await Demo.ActorAsync(factory, "deleting-admin@example.kz");
        var system = await Demo.RunAsync(factory, sp => sp.GetRequiredService<SystemService>().CreateAsync(admin, organisation,
            new SystemInput(null, null, "Short-lived system", null, null, "Purpose", null, "retail", OwnershipRole.Owner, null, UsageMode.Closed, null, null, null)));
        using var anyOrganisation = await TokenClientAsync("deleting-admin@example.kz");
        using var limited = await TokenClientAsync("deleting-admin@example.kz", organisation);
        Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync(new Uri($"/api/v1/systems/{system.Id}", UriKind.Relative), Cancel)).StatusCode);

        var version = (await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().Organisations.SingleAsync(o => o.Id == organisation))).Version;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/organisations/{organisation}", UriKind.Relative));
        delete.Headers.TryAddWithoutValidation("If-Match", $"W/\"v{version.ToString(CultureInfo.InvariantCulture)}\"");
        Assert.Equal(HttpStatusCode.NoContent, (await anyOrganisation.SendAsync(delete, Cancel)).StatusCode);

        await AssertProblemAsync(await anyOrganisation.GetAsync(new Uri($"/api/v1/systems/{system.Id}", UriKind.Relative), Cancel), HttpStatusCode.NotFound);
        await AssertProblemAsync(await anyOrganisation.GetAsync(new Uri($"/api/v1/organisations/{organisation}", UriKind.Relative), Cancel), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await anyOrganisation.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel)).StatusCode);
        var refused = await AssertProblemAsync(await limited.GetAsync(new Uri($"/api/v1/systems/{system.Id}", UriKind.Relative), Cancel), HttpStatusCode.Unauthorized);
        Assert.Contains("deleted", refused, StringComparison.Ordinal);
        Assert.Equal("Short-lived system", (await Demo.ReloadAsync(factory, system.Id)).NameEn);
    }

    [Theory]
    [InlineData("setup.exe", 64, "are not accepted")]
    [InlineData("huge.pdf", 10 * 1024 * 1024 + 1, "at most 10 MB")]
    public async Task An_upload_of_the_wrong_type_or_over_the_limit_is_refused_on_the_page_and_nothing_is_stored(string name, int size, string message)
    {
        var system = await Demo.ClassifiedAsync(factory, Demo.BankOwner, "credit-scoring", "Upload refusals " + name);
        var owner = await Demo.BrowserAsync(factory, Demo.BankOwner);
        var document = await Demo.RunAsync(factory, async sp =>
            (await sp.GetRequiredService<DocumentService>().RequirementsAsync(await sp.OpenAsync(await Demo.ActorAsync(factory, Demo.BankOwner), system.Id)))[0].Requirement.Id);
        var page = await Browser.Get(owner, $"/systems/{system.Id}/documents/{document}");
        var form = page.Document.QuerySelector<IHtmlFormElement>("form.document-form")!;
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }

        var bytes = new byte[size];
        "%PDF-1.7"u8.CopyTo(bytes);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", name);
        content.Add(new StringContent("upload"), "action");

        var refused = await Page.Load(await owner.PostAsync(new Uri($"/systems/{system.Id}/documents/{document}", UriKind.Relative), content, Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(message, refused.Document.QuerySelector("#file-error").Text(), StringComparison.Ordinal);
        Assert.Equal("true", refused.Document.QuerySelector("#file")?.GetAttribute("aria-invalid"));
        Assert.Equal(0, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().Attachments.CountAsync(a => sp.GetRequiredService<RegistryDb>().Documents.Any(d => d.Id == a.SystemDocumentId && d.SystemId == system.Id))));
    }

    private async Task<AiSystem> HighRiskDraftAsync(string email, string name)
    {
        var owner = await Demo.ActorAsync(factory, email);
        return await Demo.RunAsync(factory, async sp =>
        {
            var library = sp.GetRequiredService<LawCatalog>().Active;
            var path = Path.Combine(RepoPaths.Root, "examples", "credit-scoring.yaml");
            var answers = Senim.Law.Systems.SystemDescriptions.Read(path, await File.ReadAllBytesAsync(path), library, new DateOnly(2026, 11, 25)).Answers;
            foreach (var (id, values) in new Dictionary<string, string[]> { ["kz.risk.significant"] = ["users"], ["kz.infosec.critical_ict"] = ["no"], ["kz.infosec.state_resource"] = ["no"] })
            {
                var question = library.Packs.SelectMany(p => p.Pack.Questions).First(q => q.Id == id);
                answers = answers.With(id, Senim.Law.Systems.AnswerParsing.Parse(question, values, question.Type == Senim.Law.Packs.QuestionType.AnyOf, Senim.Law.Systems.AnswerParsing.LatestDate, out _));
            }

            var system = await sp.GetRequiredService<SystemService>().CreateAsync(owner, owner.Memberships.Keys.First(), new SystemInput(null, null, name, null, null, "Credit scoring",
                null, "finance", OwnershipRole.Owner, null, UsageMode.Closed, null, null, null));
            return (await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(owner, system.Id), answers, "all", system.Version)).System;
        });
    }

    private Task<int> EventsAsync(Guid systemId) =>
        Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().WorkflowEvents.CountAsync(e => e.SystemId == systemId));

    private Task<ReviewAssignment> AssignmentAsync(Guid systemId, Guid expertId) =>
        Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().ReviewAssignments.AsNoTracking().SingleAsync(a => a.SystemId == systemId && a.ExpertId == expertId));

    private Task<SenimUser> AccountTestKitUser(string email) => AccountTestKit.NewUserAsync(factory, email);

    private async Task<HttpClient> TokenClientAsync(string email, Guid? organisation = null) =>
        AccountTestKit.Api(factory, await AccountTestKit.TokenAsync(factory, email, Scopes.All, organisation));

    private static HttpRequestMessage Put(string url, string json, int version)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri(url, UriKind.Relative)) { Content = Demo.Json(json) };
        request.Headers.TryAddWithoutValidation("If-Match", $"W/\"v{version.ToString(CultureInfo.InvariantCulture)}\"");
        return request;
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Cancel);
    }
}
