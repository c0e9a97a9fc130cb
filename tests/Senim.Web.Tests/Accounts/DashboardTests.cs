using System.Net;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>The role home pages and GET /api/v1/home, on the demo data (every workflow state).</summary>
public class DashboardTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Fact]
    public async Task An_owner_sees_systems_with_badges_and_what_is_due()
    {
        var client = await SignedInAsync(factory, "owner@demo.senim.kz");
        var home = await Browser.Get(client, "/home");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Empty(home.Document.QuerySelectorAll("script"));
        Assert.Null(home.Document.QuerySelector("#queue"));
        Assert.Null(home.Document.QuerySelector("#supervision"));
        var org = TextOf(home, "#organisations");
        Assert.Contains("Demo Bank JSC", org, StringComparison.Ordinal);
        Assert.Contains("An expert asked for changes on", org, StringComparison.Ordinal);
        Assert.Contains("Explain the failure scenarios", org, StringComparison.Ordinal);
        Assert.NotEmpty(home.Document.QuerySelectorAll("#organisations a[href^='/systems/'] + .badge.status-changes-requested"));
        Assert.NotEmpty(home.Document.QuerySelectorAll("#organisations .badge.tier-high"));
        Assert.DoesNotContain("City Hospital", org, StringComparison.Ordinal);
        Assert.Contains("A decision was made on a system: “Refused”.", TextOf(home, "#notifications"), StringComparison.Ordinal);

        var api = Api(factory, await TokenAsync(factory, "owner@demo.senim.kz", ["read"]));
        var data = await ReadJsonAsync(await api.GetAsync("/api/v1/home", TestContext.Current.CancellationToken));
        var bank = data.GetProperty("organisations").EnumerateArray().Single();
        Assert.Equal("Demo Bank JSC", bank.GetProperty("name").GetString());
        Assert.Equal("admin", bank.GetProperty("role").GetString());
        Assert.Contains(bank.GetProperty("systems").EnumerateArray(), s => s.GetProperty("status").GetString() == "registered-with-conditions");
        Assert.Equal("changes-requested", bank.GetProperty("change_requests")[0].GetProperty("system").GetProperty("status").GetString());
        Assert.Equal(JsonValueKindNull, data.GetProperty("expert_queue").ValueKind);
        Assert.Equal(JsonValueKindNull, data.GetProperty("supervision").ValueKind);
    }

    [Fact]
    public async Task An_expert_sees_the_queue_with_the_next_step()
    {
        var client = await SignedInAsync(factory, "expert1@demo.senim.kz");
        var home = await Browser.Get(client, "/home");
        var queue = TextOf(home, "#queue");
        Assert.Contains("Declare no conflict of interest", queue, StringComparison.Ordinal);
        Assert.Contains("Waiting for the owner's changes", queue, StringComparison.Ordinal);
        Assert.Contains("Waiting for the supervisor's decision", queue, StringComparison.Ordinal);
        Assert.NotEmpty(home.Document.QuerySelectorAll("#queue a[href^='/review/']"));
        Assert.Contains("You do not belong to an organisation yet.", TextOf(home, "#organisations"), StringComparison.Ordinal);

        var data = await ReadJsonAsync(await Api(factory, await TokenAsync(factory, "expert1@demo.senim.kz", ["read", "review"])).GetAsync("/api/v1/home", TestContext.Current.CancellationToken));
        var steps = data.GetProperty("expert_queue").EnumerateArray().Select(q => q.GetProperty("next").GetString()).ToList();
        Assert.Contains("declare-no-conflict", steps);
        Assert.Contains("waiting-for-owner", steps);

        // Without the review scope the token does not act as an expert.
        var noReview = await ReadJsonAsync(await Api(factory, await TokenAsync(factory, "expert1@demo.senim.kz", ["read"])).GetAsync("/api/v1/home", TestContext.Current.CancellationToken));
        Assert.Equal(JsonValueKindNull, noReview.GetProperty("expert_queue").ValueKind);
    }

    [Fact]
    public async Task A_supervisor_sees_the_worklists_in_kazakh()
    {
        var client = await SignedInAsync(factory, "supervisor@demo.senim.kz");
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=kk");
        var home = await Browser.Get(client, "/home");
        Assert.Equal("kk", home.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Сарапшы тағайындауды күтуде", TextOf(home, "#supervision"), StringComparison.Ordinal);
        Assert.Contains("Шұғыл бөлімдегі триаж", TextOf(home, "#awaiting-experts + ul"), StringComparison.Ordinal);
        Assert.Contains("Емтихан прокторингі", TextOf(home, "#awaiting-decision + ul"), StringComparison.Ordinal);
        Assert.NotEmpty(home.Document.QuerySelectorAll("#supervision a[href^='/supervision/']"));

        var data = await ReadJsonAsync(await Api(factory, await TokenAsync(factory, "supervisor@demo.senim.kz", ["read", "supervise"])).GetAsync("/api/v1/home", TestContext.Current.CancellationToken));
        var supervision = data.GetProperty("supervision");
        Assert.Equal(1, supervision.GetProperty("awaiting_experts").GetArrayLength());
        Assert.Equal(1, supervision.GetProperty("awaiting_decision").GetArrayLength());
        Assert.Equal(0, supervision.GetProperty("overdue_conditions").GetArrayLength());
        Assert.Equal("submitted", supervision.GetProperty("awaiting_experts")[0].GetProperty("system").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_new_user_is_told_what_to_do_first_and_an_admin_gets_the_user_admin_link()
    {
        await NewUserAsync(factory, "blank@test.kz");
        var client = await SignedInAsync(factory, "blank@test.kz");
        var home = await Browser.Get(client, "/home");
        Assert.NotNull(home.Document.QuerySelector("#organisations a.button.primary[href='/organisations']"));
        Assert.Equal("No notifications.", TextOf(home, "#notifications .empty"));

        var admin = await SignedInAsync(factory, "admin@demo.senim.kz");
        Assert.NotNull((await Browser.Get(admin, "/home")).Document.QuerySelector("a[href='/admin/users']"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/home", TestContext.Current.CancellationToken)).StatusCode);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
