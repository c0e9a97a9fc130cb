using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Audits;
using Senim.Registry.Data;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Audits;

/// <summary>Puts Demo Bank's registered system through a passed audit and on its sector's trusted list, through the register's services.</summary>
public static class TrustedJourney
{
    public const string SystemName = "Claim drafting assistant";

    public static async Task<(Guid SystemId, Guid AuditId)> PassedAuditAsync(SenimFactory factory)
    {
        var supervisor = await Demo.ActorAsync(factory, Demo.Supervisor);
        var system = await Demo.SystemAsync(factory, SystemName);
        var audit = await Demo.RunAsync(factory, sp =>
        {
            var today = DateOnly.FromDateTime(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(5));
            return sp.GetRequiredService<AuditService>().PlanAsync(supervisor, new AuditPlan(system.Id, null, "The whole checklist.", today, today.AddDays(3), supervisor.UserId));
        });
        var items = await Demo.RunAsync(factory, sp => Task.FromResult(sp.GetRequiredService<AuditService>().Checklist().Items.Select(i => i.Id).ToList()));
        var version = audit.Version;
        foreach (var item in items)
        {
            var expected = version++;
            await Demo.RunAsync(factory, sp => sp.GetRequiredService<AuditService>().RecordFindingAsync(supervisor, audit.Id, item, Senim.Registry.Model.FindingResult.Met, null, null, expected));
        }

        await Demo.RunAsync(factory, sp => sp.GetRequiredService<AuditService>().CompleteAsync(supervisor, audit.Id, true, "Every item is met.", version));
        return (system.Id, audit.Id);
    }
}

/// <summary>
/// The trusted lists over HTTP (docs/incidents-and-audits.md): refused without a passed audit; after one, the supervisor
/// enters the system through the API, and the public API, exports, /trusted page (without JavaScript), the entry page and
/// the log's public events show it; the removal's reason is public.
/// </summary>
public sealed class TrustedListApiTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    [Fact]
    public async Task A_supervisor_enters_a_system_with_a_passed_audit_and_the_public_sees_it_everywhere()
    {
        var system = await Demo.SystemAsync(factory, TrustedJourney.SystemName);
        using var supervisor = await Demo.ApiAsync(factory, Demo.Supervisor, "read", "supervise");
        var body = Demo.Json($$"""{"system_id": "{{system.Id}}"}""");
        using var refused = await supervisor.PostAsync(new Uri("/api/v1/trusted-lists/entries", UriKind.Relative), body, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("trusted-audit-required", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await TrustedJourney.PassedAuditAsync(factory);
        using var entered = await supervisor.PostAsync(new Uri("/api/v1/trusted-lists/entries", UriKind.Relative), Demo.Json($$"""{"system_id": "{{system.Id}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        var entry = await JsonOf(entered);
        Assert.Equal(system.Sector, entry.GetProperty("sector").GetString());

        var anonymous = factory.CreateClient();
        var lists = await JsonOf(await anonymous.GetAsync(new Uri("/api/v1/trusted-lists?sector=" + system.Sector, UriKind.Relative), Ct));
        Assert.Equal("senim.trusted-lists/1", lists.GetProperty("format").GetString());
        Assert.Equal(system.RegisterNumber, Assert.Single(lists.GetProperty("items").EnumerateArray()).GetProperty("register_number").GetString());
        var csv = await anonymous.GetStringAsync(new Uri("/trusted.csv", UriKind.Relative), Ct);
        Assert.StartsWith("sector,register_number,", csv, StringComparison.Ordinal);
        Assert.Contains(system.RegisterNumber!, csv, StringComparison.Ordinal);

        foreach (var lang in new[] { "kk", "ru", "en" })
        {
            using var browser = factory.CreateClient();
            await browser.GetAsync(new Uri("/lang/" + lang, UriKind.Relative), Ct);
            var page = await Browser.Get(browser, "/trusted?sector=" + system.Sector);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Demo.AssertAccessible(page);
            var row = Assert.Single(page.Document.QuerySelectorAll(".trusted-list tbody tr"));
            Assert.Contains(system.RegisterNumber!, row.TextContent, StringComparison.Ordinal);
        }

        var entryPage = await Browser.Get(anonymous, "/register/" + system.Id);
        Assert.NotNull(entryPage.Document.QuerySelector("#trusted-note"));
        var events = await JsonOf(await anonymous.GetAsync(new Uri("/api/v1/log/events?kind=trusted-list-entry", UriKind.Relative), Ct));
        Assert.Contains(system.Id.ToString(), events.GetRawText(), StringComparison.Ordinal);

        // Removed with a reason, which the log's public events carry; the lists no longer show it.
        var id = entry.GetProperty("id").GetGuid();
        using var removed = await supervisor.PostAsync(new Uri($"/api/v1/trusted-lists/entries/{id}/remove", UriKind.Relative), Demo.Json("""{"text": "The audit's findings no longer hold.", "version": 0}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty((await JsonOf(await anonymous.GetAsync(new Uri("/api/v1/trusted-lists", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray());
        var removals = await JsonOf(await anonymous.GetAsync(new Uri("/api/v1/log/events?kind=trusted-list-removal", UriKind.Relative), Ct));
        Assert.Contains("The audit's findings no longer hold.", removals.GetRawText(), StringComparison.Ordinal);
        var empty = await Browser.Get(anonymous, "/trusted");
        Assert.NotNull(empty.Document.QuerySelector("#trusted-empty"));
        Assert.Equal(2, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().LogEntries.CountAsync(e => e.SystemId == system.Id && e.Kind.StartsWith("trusted-list"), Ct)));
    }
}
