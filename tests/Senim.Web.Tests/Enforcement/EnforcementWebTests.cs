using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Enforcement;

/// <summary>The demo register on a real Kestrel port, so `senim log verify` can read the decisions' entries over HTTP.</summary>
public sealed class EnforcementHostFixture : IAsyncLifetime
{
    public ReviewFactory Factory { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public string VerifierKey { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await Factory.InitializeAsync();
        BaseUrl = Factory.StartOnLoopback();
        VerifierKey = Factory.Services.GetRequiredService<LogKey>().VerifierKey;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>A client of the running server that keeps cookies (redirects followed), signed in as <paramref name="email"/> when given.</summary>
    public async Task<HttpClient> BrowserAsync(string? email)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(BaseUrl + "/") };
        if (email is not null)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync(new Uri("/test-sign-in?email=" + Uri.EscapeDataString(email), UriKind.Relative))).StatusCode);
        }

        return client;
    }

    /// <summary>A client of the running server with a new API token of the user.</summary>
    public async Task<HttpClient> ApiAsync(string email)
    {
        var actor = await Demo.ActorAsync(Factory, email);
        var (_, token) = await Demo.RunAsync(Factory, sp => sp.GetRequiredService<Senim.Registry.Services.TokenService>().CreateAsync(actor, "tests", ["read", "write"], null, 30));
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>
/// Enforcement through the real pipeline, without JavaScript: the supervisor opens a case against Demo Bank, computes the
/// fine before confirming it, and the decision is on the public page — a natural person without name or BIN — and in
/// the log, where `senim log verify --entry N` verifies it; the bank's members see their case without internal notes and
/// respond over the API.
/// </summary>
public sealed class EnforcementWebTests(EnforcementHostFixture host) : IClassFixture<EnforcementHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<T> Db<T>(Func<RegistryDb, Task<T>> query) => Demo.RunAsync(host.Factory, sp => query(sp.GetRequiredService<RegistryDb>()));

    private async Task<Guid> BankAsync() => await Db(db => db.Organisations.Where(o => o.Name == "Demo Bank JSC").Select(o => o.Id).SingleAsync(Ct));

    /// <summary>The supervisor opens a case against Demo Bank on the list page; returns the case's page.</summary>
    private async Task<(HttpClient Client, Page Case, Guid Id)> OpenAsync(string subject)
    {
        var supervisor = await host.BrowserAsync(Demo.Supervisor);
        var list = await Browser.Get(supervisor, "/supervision/enforcement");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var opened = await Browser.Submit(supervisor, list, "open", [new("origin", "monitoring"), new("organisation", (await BankAsync()).ToString()), new("subject", subject)],
            formAction: "/supervision/enforcement?handler=Open");
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        var id = Guid.Parse(opened.Document.Url.Split('/').Last());
        Assert.Equal(subject, opened.Document.QuerySelector("h1")!.TextContent);
        return (supervisor, opened, id);
    }

    [Fact]
    public async Task The_supervisor_sees_the_fine_before_confirming_and_the_public_page_withholds_a_natural_persons_name()
    {
        var (supervisor, page, id) = await OpenAsync("Deepfake adverts without a label");
        var decide = $"/enforcement/{id}?handler=Decide";

        // A fine without the offence date is refused beside the field; nothing is decided.
        var refused = await Browser.Submit(supervisor, page, "preview", [new("decision", "fine"), new("category", "individual"), new("reasons", "Unlabelled synthetic adverts (Art. 21).")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector("#form-decide .field-error"));

        // The preview shows the fine computed from the category: 15 MCI × 4 325 = 64 875 KZT; nothing is decided yet.
        KeyValuePair<string, string>[] fine = [new("decision", "fine"), new("category", "individual"), new("offence_date", "2026-11-02"), new("reasons", "Unlabelled synthetic adverts (Art. 21).")];
        var preview = await Browser.Submit(supervisor, page, "preview", fine);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var shown = preview.Document.QuerySelector("#fine-preview")!.TextContent;
        Assert.Contains("15 MCI", shown, StringComparison.Ordinal);
        Assert.Contains("64", shown, StringComparison.Ordinal);
        Assert.Equal(0, await Db(db => db.EnforcementDecisions.CountAsync(d => d.CaseId == id, Ct)));

        // The confirming button posts the same form (a browser sends its select and text area too).
        var decided = await Browser.Submit(supervisor, preview, "decide", fine, formAction: decide);
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.Contains("64", decided.Document.QuerySelector("dd.fine")!.TextContent, StringComparison.Ordinal);
        var decision = await Db(db => db.EnforcementDecisions.SingleAsync(d => d.CaseId == id, Ct));
        Assert.Equal((64_875m, true), (decision.FineAmount!.Value, decision.NaturalPerson));

        // The public page: "a natural person", never the bank's name or BIN; its page links the log entry.
        var anonymous = await host.BrowserAsync(null);
        var publicList = await Browser.Get(anonymous, "/decisions");
        var item = publicList.Document.QuerySelector($"#decision-{decision.Id}")!;
        Assert.Contains("natural person", item.QuerySelector(".offender")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo Bank", item.TextContent, StringComparison.Ordinal);
        var bin = await Db(db => db.Organisations.Where(o => o.Name == "Demo Bank JSC").Select(o => o.Bin).SingleAsync(Ct));
        Assert.DoesNotContain(bin, publicList.Text, StringComparison.Ordinal);
        var entry = await Db(db => db.LogEntries.SingleAsync(e => e.EventId == decision.Id, Ct));
        var show = await Browser.Get(anonymous, $"/decisions/{decision.Id}");
        Assert.Equal($"/log/verify?index={entry.Index}", show.Document.QuerySelector("a.log-entry")!.GetAttribute("href"));
        var log = await Browser.Get(anonymous, "/log?kind=enforcement-fine");
        var logged = log.Document.QuerySelector($"li.log-event[data-index='{entry.Index}']")!;
        Assert.Equal($"/decisions/{decision.Id}", logged.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.DoesNotContain("Demo Bank", logged.TextContent, StringComparison.Ordinal);
        var api = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/decisions/{decision.Id}", Ct);
        Assert.Equal((JsonValueKind.Null, entry.Index), (api.GetProperty("organisation").ValueKind, api.GetProperty("log_index").GetInt64()));

        // senim log verify --entry N proves the decision's entry is in the log the server signed.
        var cli = Path.Combine(RepoPaths.Root, "src", "Senim.Cli", "bin", "Debug", "net10.0", "senim.dll");
        Assert.True(File.Exists(cli), $"build the CLI first ({cli})");
        var index = entry.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var verified = ExternalProcess.Run("dotnet", cli, "log", "verify", host.BaseUrl + "/log/", "--key", host.VerifierKey, "--entry", index);
        Assert.True(verified.Code == 0, verified.Output + verified.Error);
        var beyond = ExternalProcess.Run("dotnet", cli, "log", "verify", host.BaseUrl + "/log/", "--key", host.VerifierKey, "--entry", "99999999");
        Assert.NotEqual(0, beyond.Code);
    }

    [Fact]
    public async Task The_offenders_members_see_their_case_without_internal_notes_and_respond_while_others_find_nothing()
    {
        var (supervisor, page, id) = await OpenAsync("Profiling without an explanation");
        var noted = await Browser.Submit(supervisor, page, "note", [new("text", "Internal: the ministry's source asked not to be named.")], formAction: $"/enforcement/{id}?handler=Note");
        Assert.Equal(HttpStatusCode.OK, noted.Status);
        var asked = await Browser.Submit(supervisor, noted, "request", [new("text", "How do you explain automated refusals?")], formAction: $"/enforcement/{id}?handler=Request");
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("Waiting for the organisation's response", asked.Document.QuerySelector("#case-status")!.TextContent, StringComparison.Ordinal);

        var owner = await host.BrowserAsync(Demo.BankOwner);
        var seen = await Browser.Get(owner, $"/enforcement/{id}");
        Assert.Equal(HttpStatusCode.OK, seen.Status);
        Assert.DoesNotContain("source asked not to be named", seen.Text, StringComparison.Ordinal);
        Assert.Contains("How do you explain automated refusals?", seen.Text, StringComparison.Ordinal);
        Assert.NotNull(seen.Document.QuerySelector("#form-respond"));
        var mine = await Browser.Get(owner, "/enforcement");
        Assert.NotNull(mine.Document.QuerySelector($"#case-{id}"));

        // Another organisation does not find the case, on the page or the API.
        var hospital = await host.BrowserAsync(Demo.Hospital);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/enforcement/{id}", Ct)).StatusCode);
        var hospitalApi = await host.ApiAsync(Demo.Hospital);
        Assert.Equal(HttpStatusCode.NotFound, (await hospitalApi.GetAsync($"/api/v1/enforcement/{id}", Ct)).StatusCode);

        // The owner responds over the API; a stale version is refused with the current one and changes nothing.
        var api = await host.ApiAsync(Demo.BankOwner);
        var stale = await api.PostAsJsonAsync($"/api/v1/enforcement/{id}/response", new { text = "x", version = 0 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(2, (await stale.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("current_version").GetInt32());
        var responded = await api.PostAsJsonAsync($"/api/v1/enforcement/{id}/response", new { text = "A person reviews every refusal.", version = 2 }, Ct);
        Assert.Equal(HttpStatusCode.OK, responded.StatusCode);
        var body = await responded.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("open", body.GetProperty("case").GetProperty("status").GetString());
        Assert.DoesNotContain(body.GetProperty("timeline").EnumerateArray(), s => s.GetProperty("action").GetString() == "add-note");
        // The supervisors were told of the response, in-app.
        Assert.True(await Db(db => db.Notifications.AnyAsync(n => n.Kind == Senim.Registry.Services.NotificationKinds.EnforcementResponded, Ct)));
    }
}

/// <summary>The supervisor's journey in Chromium: open a case, compute and confirm a fine, and find it on /decisions and in /log. Screenshots are kept.</summary>
public sealed class EnforcementBrowserTests(BrowserFixture host) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_supervisor_opens_a_case_decides_a_fine_and_it_appears_on_the_public_page_and_in_the_log()
    {
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/lang/en");
        await page.GotoAsync(host.BaseUrl + "/account/sign-in");
        await page.Locator("#f-email").FillAsync(Demo.Supervisor);
        await page.Locator("#f-password").FillAsync(Senim.Registry.Services.DemoSeeder.DemoPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/home");

        await page.GotoAsync(host.BaseUrl + "/supervision");
        await page.Locator("#enforcement-link").ClickAsync();
        await page.Locator("#origin").SelectOptionAsync("monitoring");
        await page.Locator("#organisation").SelectOptionAsync(new SelectOptionValue { Label = "Demo Bank JSC" });
        await page.Locator("#subject").FillAsync("Chat bot without an AI notice");
        await page.Locator("#open-case button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Chat bot without an AI notice");

        await page.Locator("#decision-fine").CheckAsync();
        await page.Locator("#offence_date").FillAsync("2026-11-02");
        await page.Locator("#reasons").FillAsync("Users were not told they talk to an AI system (Art. 21).");
        await page.Locator("#form-decide button.primary").ClickAsync();
        await Assertions.Expect(page.Locator("#fine-preview")).ToContainTextAsync("MCI");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "enforcement-fine-preview.png"), FullPage = true });
        await page.Locator("#confirm-decision").ClickAsync();
        await Assertions.Expect(page.Locator("#case-status")).ToContainTextAsync("Decided");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "enforcement-decided.png"), FullPage = true });

        await page.GotoAsync(host.BaseUrl + "/decisions");
        var first = page.Locator("li.decision").First;
        await Assertions.Expect(first).ToContainTextAsync("Demo Bank JSC");
        await Assertions.Expect(first).ToContainTextAsync("Users were not told");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "enforcement-decisions-page.png"), FullPage = true });

        await first.Locator("a.log-entry").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/log/verify\\?index=\\d+$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("enforcement-fine");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "enforcement-log-entry.png"), FullPage = true });
        await page.GotoAsync(host.BaseUrl + "/log?kind=enforcement-fine");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Decision imposing a fine");
    }
}
