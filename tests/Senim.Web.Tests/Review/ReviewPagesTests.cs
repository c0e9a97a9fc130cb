using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Review;

/// <summary>The review round through the pages, posted as forms by a browser without JavaScript.</summary>
public class ReviewPagesTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    [Fact]
    public async Task A_whole_review_round_runs_through_the_pages()
    {
        var triage = await Demo.SystemAsync(factory, "Emergency department triage");
        Assert.Equal(SystemStatus.Submitted, triage.Status);
        var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor);

        // The work lists: the submitted system waits for experts.
        var lists = await Browser.Get(supervisor, "/supervision");
        Assert.Equal(HttpStatusCode.OK, lists.Status);
        Demo.AssertAccessible(lists);
        Assert.NotNull(lists.Document.QuerySelector($"#awaiting-experts tr[data-system='{triage.Id}']"));
        // The test host switches the periodic integrity check off, and the page says so rather than promising a check.
        var integrity = lists.Document.QuerySelector("[aria-labelledby=log-integrity]")!.TextContent;
        Assert.Contains("IntegrityMinutes = 0", integrity, StringComparison.Ordinal);

        // Assign two experts.
        var expert1 = await Demo.ActorAsync(factory, Demo.Expert1);
        var expert2 = await Demo.ActorAsync(factory, Demo.Expert2);
        var file = await Browser.Get(supervisor, $"/supervision/{triage.Id}");
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Demo.AssertAccessible(file);
        var assigned = await Demo.SubmitAsync(supervisor, file, "#assign-form", [new("Experts", expert1.UserId.ToString()), new("Experts", expert2.UserId.ToString())]);
        Assert.Equal(HttpStatusCode.OK, assigned.Status);
        Assert.Contains("Experts assigned (2)", assigned.Text, StringComparison.Ordinal);
        Assert.Equal(SystemStatus.InReview, (await Demo.ReloadAsync(factory, triage.Id)).Status);

        // Expert 1: the queue says to declare first; the checklist is closed until then.
        var browser1 = await Demo.BrowserAsync(factory, Demo.Expert1);
        var queue = await Browser.Get(browser1, "/review");
        Demo.AssertAccessible(queue);
        Assert.Equal("Declare no conflict of interest", queue.Document.QuerySelector($"tr[data-system='{triage.Id}'] .next-step").Text());
        // The review's deadline from the law pack (ten working days) shows on the queue and on the supervisor's list.
        var due = (await Demo.ReloadAsync(factory, triage.Id)).StepDueDate!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"due {due}", queue.Document.QuerySelector($"tr[data-system='{triage.Id}'] .due").Text());
        Assert.Equal($"due {due}", (await Browser.Get(supervisor, "/supervision")).Document.QuerySelector($"#in-review tr[data-system='{triage.Id}'] .due").Text());
        var review = await Browser.Get(browser1, $"/review/{triage.Id}");
        Assert.Equal(HttpStatusCode.OK, review.Status);
        Demo.AssertAccessible(review);
        Assert.Null(review.Document.QuerySelector("#checklist-form"));
        // The documents open with the declaration; the record and its classification are there to judge a conflict.
        Assert.Null(review.Document.QuerySelector("#documents [data-document]"));
        Assert.NotNull(review.Document.QuerySelector("#classification .pack-result"));

        // Declaring without ticking the box is refused, and nothing is recorded.
        var unticked = await Demo.SubmitAsync(browser1, review, "#declare-form");
        Assert.Equal(HttpStatusCode.BadRequest, unticked.Status);
        Assert.Equal("Confirm that you have no conflict of interest.", unticked.Document.QuerySelector("#noconflict-error").Text());
        var declared = await Demo.SubmitAsync(browser1, review, "#declare-form", [new("NoConflict", "true")]);
        Assert.Contains("Declaration recorded", declared.Text, StringComparison.Ordinal);
        Demo.AssertAccessible(declared);
        Assert.NotNull(declared.Document.QuerySelector("#documents [data-document]"));

        // The checklist: one item as an issue without a remark is refused with everything typed kept.
        var items = declared.Document.QuerySelectorAll("#checklist-form fieldset.check-item").Select(f => f.Id![5..]).ToList();
        Assert.True(items.Count >= 5);
        var itemIds = await Demo.RunAsync(factory, sp => Task.FromResult(sp.GetRequiredService<ReviewService>().Checklist().Items.Select(i => i.Id).ToList()));
        var all = itemIds.SelectMany(id => new KeyValuePair<string, string>[] { new("verdict." + id, "satisfied"), new("remark." + id, "Checked " + id) }).ToList();
        all.RemoveAll(kv => kv.Key == "verdict." + itemIds[0] || kv.Key == "remark." + itemIds[0]);
        all.Add(new("verdict." + itemIds[0], "issue"));
        all.Add(new("remark." + itemIds[0], " "));
        var refused = await Demo.SubmitAsync(browser1, declared, "#checklist-form", all, button: "all");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector($"#remark-{itemIds[0]}-error"));
        Assert.Equal("Checked " + itemIds[1], refused.Document.QuerySelector($"#remark-{itemIds[1]}").Text());
        Assert.Equal(0, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().ReviewAssignments.Where(a => a.SystemId == triage.Id).SelectMany(a => a.Remarks).CountAsync()));

        all[^1] = new("remark." + itemIds[0], "The failure scenarios are one line.");
        var saved = await Demo.SubmitAsync(browser1, refused, "#checklist-form", all, button: "all");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains($"Verdicts saved: {itemIds.Count}.", saved.Text, StringComparison.Ordinal);

        // Request changes: the issue goes with the message, and the owner is told.
        Assert.Contains("The failure scenarios are one line.", saved.Document.QuerySelector("#changes-form .issues").Text(), StringComparison.Ordinal);
        var changes = await Demo.SubmitAsync(browser1, saved, "#changes-form", [new("Message", "Describe the failure scenarios in the risk document.")]);
        Assert.Equal(HttpStatusCode.OK, changes.Status);
        Assert.Contains("Changes requested", changes.Text, StringComparison.Ordinal);
        Assert.Equal("Describe the failure scenarios in the risk document.", changes.Document.QuerySelector("#changes .change-request .prose").Text());
        Assert.Equal(SystemStatus.ChangesRequested, (await Demo.ReloadAsync(factory, triage.Id)).Status);

        var owner = await Demo.BrowserAsync(factory, Demo.Hospital);
        var inbox = await Browser.Get(owner, "/notifications");
        var notice = inbox.Document.QuerySelectorAll("li.notification").First(n => n.GetAttribute("data-kind") == "notification.changes-requested");
        Assert.Equal($"/systems/{triage.Id}", notice.QuerySelector("h2 a")!.GetAttribute("href"));
        var ownerActor = await Demo.ActorAsync(factory, Demo.Hospital);
        var requests = await Demo.RunAsync(factory, async sp => await sp.GetRequiredService<ReviewService>().ChangeRequestsAsync(await sp.OpenAsync(ownerActor, triage.Id)));
        var request = Assert.Single(requests);
        Assert.Equal(itemIds[0], Assert.Single(request.Items).Item);

        // The owner resubmits (the owner's pages are another feature's); both experts recommend.
        var current = await Demo.ReloadAsync(factory, triage.Id);
        await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().ResubmitAsync(ownerActor, triage.Id, current.Version, "Scenarios added."));
        var again = await Browser.Get(browser1, $"/review/{triage.Id}");
        var recommended = await Demo.SubmitAsync(browser1, again, "#recommend-form", [new("Recommendation", "register"), new("Justification", "The documentation now covers every item.")]);
        Assert.Equal(HttpStatusCode.OK, recommended.Status);
        Assert.Contains("Your recommendation: Register", recommended.Document.QuerySelector("#my-recommendation").Text(), StringComparison.Ordinal);
        Assert.Null(recommended.Document.QuerySelector("#recommend-form"));

        // Approving twice (the same form sent again) gets a clear message and changes nothing.
        var twice = await Demo.SubmitAsync(browser1, again, "#recommend-form", [new("Recommendation", "refuse"), new("Justification", "Second thoughts.")]);
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.StartsWith("You already recommended 'Register'", twice.Document.QuerySelector("#problem").Text(), StringComparison.Ordinal);
        Assert.Equal(Recommendation.Register, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().ReviewAssignments
            .Where(a => a.SystemId == triage.Id && a.ExpertId == expert1.UserId).Select(a => a.Recommendation).SingleAsync()));

        var browser2 = await Demo.BrowserAsync(factory, Demo.Expert2);
        var review2 = await Demo.SubmitAsync(browser2, await Browser.Get(browser2, $"/review/{triage.Id}"), "#declare-form", [new("NoConflict", "true")]);
        var done2 = await Demo.SubmitAsync(browser2, review2, "#recommend-form", [new("Recommendation", "register-with-conditions"), new("Justification", "Audit the triage outcomes after six months.")]);
        Assert.Equal(HttpStatusCode.OK, done2.Status);
        Assert.Equal(SystemStatus.Recommended, (await Demo.ReloadAsync(factory, triage.Id)).Status);

        // The supervisor sees both recommendations side by side and decides.
        var decide = await Browser.Get(supervisor, $"/supervision/{triage.Id}");
        var headers = decide.Document.QuerySelectorAll("#panel thead th[data-expert]").Select(h => h.GetAttribute("data-expert")).ToHashSet();
        Assert.Equal(new HashSet<string?> { expert1.UserId.ToString(), expert2.UserId.ToString() }, headers);
        var row = decide.Document.QuerySelector("#panel .recommendation-row")!.Text();
        Assert.Contains("Register with conditions", row, StringComparison.Ordinal);
        Assert.Contains("The documentation now covers every item.", row, StringComparison.Ordinal);
        Assert.Contains("Describe the failure scenarios", decide.Document.QuerySelector("#changes").Text(), StringComparison.Ordinal);
        var registered = await Demo.SubmitAsync(supervisor, decide, "#decide-form", [new("Decision", "register"), new("Reasons", "Both experts recommend registration.")]);
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        var number = registered.Document.QuerySelector("#register-number .number").Text();
        Assert.Matches(@"^KZ-AI-\d{4}-\d{6}$", number);
        Assert.Contains($"Register number: {number}", registered.Text, StringComparison.Ordinal);
        Assert.Equal($"/register/{triage.Id}", registered.Document.QuerySelector("#register-number a")!.GetAttribute("href"));
        var final = await Demo.ReloadAsync(factory, triage.Id);
        Assert.Equal((SystemStatus.Registered, number), (final.Status, final.RegisterNumber));

        // The owner's notification names the new status in words.
        var decided = (await Browser.Get(owner, "/notifications")).Document.QuerySelectorAll("li.notification").First(n => n.GetAttribute("data-kind") == "notification.decided");
        Assert.Contains("“Registered”", decided.Text(), StringComparison.Ordinal);

        // After the decision the round is over: the expert's access ended with the assignment (the public register shows the record).
        var closed = await Browser.Get(browser1, $"/review/{triage.Id}");
        Assert.Equal(HttpStatusCode.NotFound, closed.Status);
        Assert.Equal(HttpStatusCode.OK, (await Browser.Get(browser1, $"/register/{triage.Id}")).Status);
    }

    [Fact]
    public async Task An_expert_from_the_submitting_organisation_is_marked_and_refused_with_a_clear_message()
    {
        var system = await Demo.SubmittedAsync(factory, Demo.BankOwner, "Conflict test scoring");
        var bankOwner = await Demo.ActorAsync(factory, Demo.BankOwner);
        await Demo.JoinAsync(factory, bankOwner, system.OrganisationId, Demo.Expert3, MemberRole.Editor);
        var insider = await Demo.ActorAsync(factory, Demo.Expert3);
        var expert2 = await Demo.ActorAsync(factory, Demo.Expert2);
        var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor);

        var file = await Browser.Get(supervisor, $"/supervision/{system.Id}");
        Assert.Contains("conflict of interest", file.Document.QuerySelector($"#expert-{insider.UserId}-conflict").Text(), StringComparison.Ordinal);
        var refused = await Demo.SubmitAsync(supervisor, file, "#assign-form", [new("Experts", expert2.UserId.ToString()), new("Experts", insider.UserId.ToString())]);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("is a member of the submitting organisation and cannot review its system (conflict of interest)", refused.Document.QuerySelector("#problem").Text(), StringComparison.Ordinal);

        // Nothing was assigned, and the boxes stay as the supervisor ticked them.
        Assert.Equal(SystemStatus.Submitted, (await Demo.ReloadAsync(factory, system.Id)).Status);
        Assert.Equal(0, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().ReviewAssignments.CountAsync(a => a.SystemId == system.Id)));
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)refused.Document.QuerySelector($"#expert-{insider.UserId}")!).IsChecked);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)refused.Document.QuerySelector($"#expert-{expert2.UserId}")!).IsChecked);

        var none = await Demo.SubmitAsync(supervisor, file, "#assign-form");
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
        Assert.Contains("Assign between 1 and 3 experts (got 0).", none.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_missing_its_reasons_conditions_or_deadline_is_refused_and_nothing_changes()
    {
        var system = await Demo.SystemAsync(factory, "Certification exam proctoring");
        Assert.Equal(SystemStatus.Recommended, system.Status);
        var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor);
        var file = await Browser.Get(supervisor, $"/supervision/{system.Id}");
        Demo.AssertAccessible(file);

        var refuse = await Demo.SubmitAsync(supervisor, file, "#decide-form", [new("Decision", "refuse"), new("Reasons", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, refuse.Status);
        Assert.NotNull(refuse.Document.QuerySelector("#reasons-error"));
        Demo.AssertAccessible(refuse);

        var conditions = await Demo.SubmitAsync(supervisor, file, "#decide-form", [new("Decision", "register-with-conditions"), new("Reasons", "Keep an eye on it."), new("Deadline", "2020-01-01")]);
        Assert.Equal(HttpStatusCode.BadRequest, conditions.Status);
        Assert.NotNull(conditions.Document.QuerySelector("#conditions-error"));
        Assert.NotNull(conditions.Document.QuerySelector("#deadline-error"));
        Assert.Equal("Keep an eye on it.", conditions.Document.QuerySelector("#reasons").Text());
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)conditions.Document.QuerySelector("#decision-register-with-conditions")!).IsChecked);

        var badDate = await Demo.SubmitAsync(supervisor, file, "#decide-form", [new("Decision", "register-with-conditions"), new("Conditions", "Audit."), new("Deadline", "next year")]);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.Status);
        Assert.Equal("Write the date as YYYY-MM-DD.", badDate.Document.QuerySelector("#deadline-error").Text());
        var noChoice = await Demo.SubmitAsync(supervisor, file, "#decide-form", [new("Reasons", "Fine.")]);
        Assert.Equal(HttpStatusCode.BadRequest, noChoice.Status);
        Assert.NotNull(noChoice.Document.QuerySelector("#decision-error"));

        // A stale form: someone else changed the record since it was opened.
        var stale = await Demo.SubmitAsync(supervisor, file, "#decide-form", [new("Decision", "register"), new("Reasons", "Registered after review."), new("Version", (system.Version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.StartsWith("Someone else changed the record", stale.Document.QuerySelector("#problem").Text(), StringComparison.Ordinal);
        Assert.Equal("Registered after review.", stale.Document.QuerySelector("#reasons").Text());

        var after = await Demo.ReloadAsync(factory, system.Id);
        Assert.Equal((SystemStatus.Recommended, system.Version, (string?)null), (after.Status, after.Version, after.RegisterNumber));
    }

    [Fact]
    public async Task Supervisor_pages_and_actions_are_refused_to_everyone_else()
    {
        var proctoring = await Demo.SystemAsync(factory, "Certification exam proctoring");
        var scoring = await Demo.SystemAsync(factory, "Consumer credit scoring");
        var owner = await Demo.BrowserAsync(factory, Demo.BankOwner);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(owner, $"/supervision/{proctoring.Id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(owner, "/supervision")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(owner, "/review")).Status);

        var admin = await Demo.BrowserAsync(factory, Demo.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(admin, "/supervision")).Status);

        // An assigned expert posting a decision (a forged form) is refused, and nothing changes.
        var expert = await Demo.BrowserAsync(factory, Demo.Expert1);
        var review = await Browser.Get(expert, $"/review/{scoring.Id}");
        Assert.Equal(HttpStatusCode.OK, review.Status);
        foreach (var handler in new[] { "decide", "suspend", "withdraw", "reinstate", "assign" })
        {
            var forged = await Demo.PostAsync(expert, review, $"/supervision/{proctoring.Id}?handler={handler}",
                [new("Decision", "register"), new("Reasons", "Me."), new("Reason", "Me."), new("Version", proctoring.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        }

        Assert.Equal(SystemStatus.Recommended, (await Demo.ReloadAsync(factory, proctoring.Id)).Status);

        // Another organisation's member, and an expert not on the panel, do not even learn that a system exists.
        var retail = await Demo.BrowserAsync(factory, Demo.Retail);
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.Get(retail, $"/supervision/{scoring.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.Get(retail, $"/review/{scoring.Id}")).Status);
        var outsider = await Demo.BrowserAsync(factory, Demo.Expert2);
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.Get(outsider, $"/review/{scoring.Id}")).Status);

        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirect = await anonymous.GetAsync(new Uri("/review", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/sign-in", redirect.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checklist_is_refused_before_the_declaration()
    {
        var scoring = await Demo.SystemAsync(factory, "Consumer credit scoring");
        Assert.Equal(SystemStatus.InReview, scoring.Status);
        var expert = await Demo.BrowserAsync(factory, Demo.Expert1);
        var review = await Browser.Get(expert, $"/review/{scoring.Id}");
        Assert.Null(review.Document.QuerySelector("#checklist-form"));
        Assert.NotNull(review.Document.QuerySelector("#declare-form"));
        var item = await Demo.RunAsync(factory, sp => Task.FromResult(sp.GetRequiredService<ReviewService>().Checklist().Items[0].Id));

        var forged = await Demo.PostAsync(expert, review, $"/review/{scoring.Id}?handler=checklist", [new("verdict." + item, "satisfied"), new("save", "all")]);
        Assert.Equal(HttpStatusCode.Conflict, forged.Status);
        Assert.Equal("Declare that you have no conflict of interest before reviewing.", forged.Document.QuerySelector("#problem p").Text());
        var changes = await Demo.PostAsync(expert, review, $"/review/{scoring.Id}?handler=changes", [new("Message", "Please."), new("Version", scoring.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Conflict, changes.Status);
        Assert.Equal(0, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().ReviewAssignments.Where(a => a.SystemId == scoring.Id).SelectMany(a => a.Remarks).CountAsync()));
        Assert.Equal(SystemStatus.InReview, (await Demo.ReloadAsync(factory, scoring.Id)).Status);
    }

    [Fact]
    public async Task The_supervisor_suspends_reinstates_and_withdraws_with_reasons()
    {
        var grid = await Demo.SystemAsync(factory, "Hospital power load balancer");
        Assert.Equal(SystemStatus.Registered, grid.Status);
        var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor);
        var file = await Browser.Get(supervisor, $"/supervision/{grid.Id}");
        Assert.NotNull(file.Document.QuerySelector("#register-number .number"));
        Assert.Null(file.Document.QuerySelector("#reinstate-form"));

        var noReason = await Demo.SubmitAsync(supervisor, file, "#suspend-form");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.NotNull(noReason.Document.QuerySelector("#suspend-error"));
        Assert.Equal(SystemStatus.Registered, (await Demo.ReloadAsync(factory, grid.Id)).Status);

        var suspended = await Demo.SubmitAsync(supervisor, file, "#suspend-form", [new("Reason", "A complaint about outages is being investigated.")]);
        Assert.Equal(HttpStatusCode.OK, suspended.Status);
        Assert.Contains("The registration is suspended.", suspended.Text, StringComparison.Ordinal);
        Assert.Equal(SystemStatus.Suspended, (await Demo.ReloadAsync(factory, grid.Id)).Status);
        var suspendedList = await Browser.Get(supervisor, "/supervision?list=suspended");
        Assert.NotNull(suspendedList.Document.QuerySelector($"#suspended tr[data-system='{grid.Id}']"));

        var reinstated = await Demo.SubmitAsync(supervisor, suspended, "#reinstate-form", [new("Reason", "The complaint was unfounded.")]);
        Assert.Equal(HttpStatusCode.OK, reinstated.Status);
        Assert.Equal(SystemStatus.Registered, (await Demo.ReloadAsync(factory, grid.Id)).Status);
        Assert.Contains("The complaint was unfounded.", reinstated.Document.QuerySelector("#history").Text(), StringComparison.Ordinal);

        var withdrawn = await Demo.SubmitAsync(supervisor, reinstated, "#withdraw-form", [new("Reason", "The holder stopped operating it.")]);
        Assert.Equal(HttpStatusCode.OK, withdrawn.Status);
        Assert.Equal(SystemStatus.Withdrawn, (await Demo.ReloadAsync(factory, grid.Id)).Status);
        Assert.Null(withdrawn.Document.QuerySelector("#suspend-form, #withdraw-form, #reinstate-form"));
    }

    [Theory]
    [InlineData("ru", "Надзор", "Ожидают назначения экспертов")]
    [InlineData("kk", "Қадағалау", "Сарапшыларды күтуде")]
    public async Task The_work_lists_speak_the_readers_language(string lang, string title, string list)
    {
        var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor, lang);
        var page = await Browser.Get(supervisor, "/supervision");
        Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.Document.QuerySelector("h1").Text());
        Assert.StartsWith(list, page.Document.QuerySelector("#awaiting-experts h2").Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Demo.Supervisor, "/supervision?list=in-review&page=1", HttpStatusCode.OK)]
    [InlineData(Demo.Supervisor, "/supervision?list=nonsense", HttpStatusCode.NotFound)]
    [InlineData(Demo.Supervisor, "/supervision?list=suspended&page=20000", HttpStatusCode.BadRequest)]
    [InlineData(Demo.Expert1, "/review?page=abc", HttpStatusCode.OK)]
    [InlineData(Demo.Expert1, "/review?page=0", HttpStatusCode.BadRequest)]
    [InlineData(Demo.Hospital, "/notifications?page=2&unreadonly=true", HttpStatusCode.OK)]
    public async Task List_pages_take_their_page_from_the_query_and_refuse_nonsense(string user, string url, HttpStatusCode status)
    {
        var client = await Demo.BrowserAsync(factory, user);
        var page = await Browser.Get(client, url);
        Assert.Equal(status, page.Status);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.NotNull(page.Document.QuerySelector("main .alert.error[role=alert]"));
        }
    }
}
