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
        Assert.True(lists.Status == HttpStatusCode.OK, lists.Document.Url + " " + lists.Text[..Math.Min(2000, lists.Text.Length)]);
        Demo.AssertAccessible(lists);
        Assert.NotNull(lists.Document.QuerySelector($"#awaiting-experts tr[data-system='{triage.Id}']"));

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
        var review = await Browser.Get(browser1, $"/review/{triage.Id}");
        Assert.Equal(HttpStatusCode.OK, review.Status);
        Demo.AssertAccessible(review);
        Assert.Null(review.Document.QuerySelector("#checklist-form"));
        Assert.NotNull(review.Document.QuerySelector("#documents [data-document]"));
        Assert.NotNull(review.Document.QuerySelector("#classification .pack-result"));

        // Declaring without ticking the box is refused, and nothing is recorded.
        var unticked = await Demo.SubmitAsync(browser1, review, "#declare-form");
        Assert.Equal(HttpStatusCode.BadRequest, unticked.Status);
        Assert.Equal("Confirm that you have no conflict of interest.", unticked.Document.QuerySelector("#noconflict-error").Text());
        var declared = await Demo.SubmitAsync(browser1, review, "#declare-form", [new("NoConflict", "true")]);
        Assert.Contains("Declaration recorded", declared.Text, StringComparison.Ordinal);
        Demo.AssertAccessible(declared);

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
        var requests = await Demo.RunAsync(factory, sp => sp.GetRequiredService<ReviewService>().ChangeRequestsAsync(ownerActor, triage.Id));
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

        // After the decision the expert's page is read-only.
        var closed = await Browser.Get(browser1, $"/review/{triage.Id}");
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Null(closed.Document.QuerySelector("form#checklist-form, form#recommend-form, form#changes-form"));
        Assert.NotNull(closed.Document.QuerySelector("table.checklist-readonly"));
    }
}
