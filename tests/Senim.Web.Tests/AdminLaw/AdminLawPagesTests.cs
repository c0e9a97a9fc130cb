using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.AdminLaw;

/// <summary>A law-pack update through the admin pages: upload, refusals, pack diff, impact list, confirm and apply.</summary>
public class AdminLawPagesTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private static async Task<Page> UploadAsync(HttpClient client, Page page, byte[] zip)
    {
        var token = page.Document.QuerySelector<IHtmlInputElement>("#upload-form input[name=__RequestVerificationToken]")!.Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { LawZips.Zip(zip), "file", "law.zip" },
        };
        return await Page.Load(await client.PostAsync(new Uri("/admin/law", UriKind.Relative), form));
    }

    private Task<int> LawSetsAsync() => Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().LawSets.CountAsync());

    [Fact]
    public async Task An_amended_pack_is_uploaded_reviewed_and_applied_to_exactly_the_systems_it_changes()
    {
        // Two medium-risk systems whose failure could cause harm, in two organisations, and one that could not.
        var scoring = await Demo.ClassifiedAsync(factory, Demo.BankOwner, "credit-scoring", "Medium-risk scoring");
        var screening = await Demo.ClassifiedAsync(factory, Demo.Retail, "cv-screening", "Medium-risk screening");
        var chatbot = await Demo.ClassifiedAsync(factory, Demo.Hospital, "customer-service-chatbot", "Unaffected chatbot");
        Assert.Equal(("medium", "medium"), (scoring.Tier, screening.Tier));
        var affected = await LawZips.AffectedAsync(factory);
        Assert.Equal(new HashSet<Guid> { scoring.Id, screening.Id }, affected);
        var before = await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().Classifications.GroupBy(c => c.SystemId).ToDictionaryAsync(g => g.Key, g => g.Count()));

        var admin = await Demo.BrowserAsync(factory, Demo.Admin);
        var index = await Browser.Get(admin, "/admin/law");
        Assert.Equal(HttpStatusCode.OK, index.Status);
        Demo.AssertAccessible(index);
        Assert.Contains("kz-230 2026.12.2", index.Text, StringComparison.Ordinal);

        // A pack with errors: every problem listed with its file and line, nothing staged.
        var broken = await UploadAsync(admin, index, LawZips.Broken());
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        var rows = broken.Document.QuerySelectorAll(".pack-errors tbody tr");
        Assert.True(rows.Length >= 2, broken.Text);
        Assert.All(rows, r => Assert.Equal("kz/rules.yaml", r.QuerySelector("td code").Text()));
        Assert.All(rows, r => Assert.True(int.TryParse(r.QuerySelectorAll("td")[1].Text(), out var line) && line > 0));
        Assert.Contains(rows, r => r.QuerySelectorAll("td")[3].Text() == "unknown-key");
        Assert.Equal(1, await LawSetsAsync());

        // A zip bomb and a file that is no zip are refused with a message.
        var bomb = await UploadAsync(admin, index, LawZips.Bomb());
        Assert.Equal(HttpStatusCode.BadRequest, bomb.Status);
        Assert.Contains("The file 'law/kz/pack.yaml' is larger than 4 MB.", bomb.Document.QuerySelector("#upload-errors").Text(), StringComparison.Ordinal);
        var notZip = await UploadAsync(admin, index, "not a zip"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, notZip.Status);
        Assert.Contains("not a readable zip archive", notZip.Text, StringComparison.Ordinal);
        Assert.Equal(1, await LawSetsAsync());

        // The amendment is staged: the diff and the impact list.
        var staged = await UploadAsync(admin, index, LawZips.HarmIsHighRisk());
        Assert.Equal(HttpStatusCode.OK, staged.Status);
        Assert.Matches("/admin/law/[0-9a-f-]{36}$", staged.Document.Url);
        Demo.AssertAccessible(staged);
        Assert.Contains("is staged", staged.Text, StringComparison.Ordinal);
        var kz = staged.Document.QuerySelector("#diff [data-pack='kz-230']")!;
        Assert.Contains("2026.12.2 → 2027.1.0", kz.QuerySelector("h3").Text(), StringComparison.Ordinal);
        Assert.NotNull(kz.QuerySelector("[data-item='rules/kz.r.tier.medium.harm']"));
        var listed = staged.Document.QuerySelectorAll("#impact-table tbody tr").Select(r => Guid.Parse(r.GetAttribute("data-system")!)).ToHashSet();
        Assert.Equal(affected, listed);
        Assert.Equal(affected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), staged.Document.QuerySelector("#count-changed").Text());
        Assert.Contains("Medium risk → High risk", staged.Document.QuerySelector($"#impact-table tr[data-system='{scoring.Id}']").Text(), StringComparison.OrdinalIgnoreCase);

        // Nothing is applied yet; a supervisor may not see or apply it.
        var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(supervisor, "/admin/law")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(supervisor, new Uri(staged.Document.Url).AbsolutePath)).Status);
        var someForm = await Browser.Get(supervisor, $"/supervision/{(await Demo.SystemAsync(factory, "Emergency department triage")).Id}");
        var forged = await Demo.PostAsync(supervisor, someForm, new Uri(staged.Document.Url).AbsolutePath + "?handler=apply", []);
        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        Assert.Equal(0, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().Classifications.CountAsync(c => c.Reason == LawUpdateService.Reason)));

        // Confirm and apply.
        var applied = await Demo.SubmitAsync(admin, staged, "#apply-form");
        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Contains($"is now active: {affected.Count} systems re-classified", applied.Text, StringComparison.Ordinal);
        Assert.Null(applied.Document.QuerySelector("#apply-form"));
        Assert.Equal("0", applied.Document.QuerySelector("#count-changed").Text());

        var updates = await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().Classifications.Where(c => c.Reason == LawUpdateService.Reason).ToListAsync());
        Assert.Equal(affected, updates.Select(c => c.SystemId).ToHashSet());
        Assert.All(updates, c => Assert.Equal(("high", true), (c.KzTier, c.IsCurrent)));
        var after = await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().Classifications.GroupBy(c => c.SystemId).ToDictionaryAsync(g => g.Key, g => g.Count()));
        foreach (var (id, count) in before)
        {
            Assert.Equal(affected.Contains(id) ? count + 1 : count, after[id]);
        }

        Assert.Equal("high", (await Demo.ReloadAsync(factory, scoring.Id)).Tier);
        Assert.Equal(chatbot.Tier, (await Demo.ReloadAsync(factory, chatbot.Id)).Tier);
        Assert.Equal(chatbot.Version, (await Demo.ReloadAsync(factory, chatbot.Id)).Version);
        var notified = await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().Notifications.Where(n => n.Kind == "notification.law-update").Select(n => new { n.OrganisationId, n.SystemId }).ToListAsync());
        Assert.Equal(new HashSet<(Guid?, Guid?)> { (scoring.OrganisationId, scoring.Id), (screening.OrganisationId, screening.Id) }, notified.Select(n => (n.OrganisationId, n.SystemId)).ToHashSet());
        var sets = await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().LawSets.Select(s => s.Status).ToListAsync());
        Assert.Equal([LawSetStatus.Active, LawSetStatus.Retired], sets.Order());

        // The owner reads about it in their own language.
        var owner = await Demo.BrowserAsync(factory, Demo.BankOwner, "ru");
        var inbox = await Browser.Get(owner, "/notifications");
        var notice = inbox.Document.QuerySelectorAll("li.notification").First(n => n.GetAttribute("data-kind") == "notification.law-update");
        Assert.Contains("Правовые пакеты обновлены (eu-ai-act 2026.12.1, kz-230 2027.1.0)", notice.Text(), StringComparison.Ordinal);
        Assert.Equal($"/systems/{scoring.Id}", notice.QuerySelector("h2 a")!.GetAttribute("href"));
    }
}
