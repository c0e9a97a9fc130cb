using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Log;
using Senim.Registry.Services;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Log;

/// <summary>The demo register's log on a real Kestrel port, so the Go verifier and `senim log verify` can read it over HTTP.</summary>
public sealed class LogHostFixture : IAsyncLifetime
{
    private readonly SenimFactory _factory = new();

    public string BaseUrl { get; private set; } = "";

    public HttpClient Client { get; } = new();

    public string VerifierKey { get; private set; } = "";

    public SenimFactory Factory => _factory;

    public async ValueTask InitializeAsync()
    {
        await _factory.InitializeAsync();
        BaseUrl = _factory.StartOnLoopback();
        // 300 more public systems, so the log has a full tile as well as partial ones.
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BulkSeeder>().SeedAsync(300);
        }

        VerifierKey = _factory.Services.GetRequiredService<LogKey>().VerifierKey;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}

public sealed class LogApiTests(LogHostFixture host) : IClassFixture<LogHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Uri Url(string path) => new(host.BaseUrl + path);

    private async Task<JsonElement> JsonAsync(string path)
    {
        using var response = await host.Client.GetAsync(Url(path), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, string? ContentType, JsonElement? Problem)> ProblemAsync(string path)
    {
        using var response = await host.Client.GetAsync(Url(path), Ct);
        var type = response.Content.Headers.ContentType?.MediaType;
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, type, type == "application/problem+json" ? JsonDocument.Parse(body).RootElement.Clone() : null);
    }

    private static string GoVerifier()
    {
        var path = Environment.GetEnvironmentVariable("SENIM_TLOG_VERIFY");
        if (string.IsNullOrEmpty(path))
        {
            Assert.Skip("SENIM_TLOG_VERIFY is not set: run ./scripts/test.sh, which builds ../shared/tools/tlog-verify.");
        }

        return path;
    }


    private async Task<(long Size, string Root)> CheckpointAsync()
    {
        var lines = (await host.Client.GetStringAsync(Url("/log/checkpoint"), Ct)).Split('\n');
        return (long.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture), lines[2]);
    }

    [Fact]
    public async Task The_served_checkpoint_and_proofs_verify_with_the_Go_verifier()
    {
        var go = GoVerifier();
        var note = await host.Client.GetStringAsync(Url("/log/checkpoint"), Ct);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, note, Ct);
        var opened = ExternalProcess.Run(go, "checkpoint", host.VerifierKey, file);
        Assert.True(opened.Code == 0, opened.Error);
        var (size, root) = await CheckpointAsync();
        Assert.Equal(["senim.local/log", size.ToString(System.Globalization.CultureInfo.InvariantCulture), root], opened.Output.Trim().Split('\n'));
        Assert.True(size > 300);

        var tiles = ExternalProcess.Run(go, "root-from-tiles", host.BaseUrl + "/log/", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(tiles.Code == 0, tiles.Error);
        Assert.Contains(root, tiles.Output, StringComparison.Ordinal);

        var inclusion = await JsonAsync("/api/v1/log/proofs/inclusion?index=257");
        Assert.Equal(root, inclusion.GetProperty("root").GetString());
        var included = ExternalProcess.Run(go, ["inclusion", size.ToString(System.Globalization.CultureInfo.InvariantCulture), root, "257", inclusion.GetProperty("leaf_hash").GetString()!,
            .. inclusion.GetProperty("proof").EnumerateArray().Select(h => h.GetString()!)]);
        Assert.True(included.Code == 0, included.Error + included.Output);

        var consistency = await JsonAsync("/api/v1/log/proofs/consistency?from=13");
        var consistent = ExternalProcess.Run(go, ["consistency", "13", consistency.GetProperty("old_root").GetString()!, size.ToString(System.Globalization.CultureInfo.InvariantCulture), root,
            .. consistency.GetProperty("proof").EnumerateArray().Select(h => h.GetString()!)]);
        Assert.True(consistent.Code == 0, consistent.Error + consistent.Output);

        // A proof for another leaf fails in Go too: the interop test can fail.
        var wrong = ExternalProcess.Run(go, ["inclusion", size.ToString(System.Globalization.CultureInfo.InvariantCulture), root, "256", inclusion.GetProperty("leaf_hash").GetString()!,
            .. inclusion.GetProperty("proof").EnumerateArray().Select(h => h.GetString()!)]);
        Assert.NotEqual(0, wrong.Code);
    }

    [Fact]
    public async Task Senim_log_verify_checks_the_running_server()
    {
        var cli = Path.Combine(RepoPaths.Root, "src", "Senim.Cli", "bin", "Debug", "net10.0", "senim.dll");
        Assert.True(File.Exists(cli), $"build the CLI first ({cli})");
        var verified = ExternalProcess.Run("dotnet", cli, "log", "verify", host.BaseUrl + "/log/", "--key", host.VerifierKey, "--entry", "3");
        Assert.True(verified.Code == 0, verified.Output + verified.Error);

        var receipt = Path.GetTempFileName();
        await File.WriteAllTextAsync(receipt, await host.Client.GetStringAsync(Url("/log/receipt/3"), Ct), Ct);
        var checkedReceipt = ExternalProcess.Run("dotnet", cli, "log", "verify", host.BaseUrl + "/log/", "--key", host.VerifierKey, "--receipt", receipt, "--entry", "3");
        Assert.True(checkedReceipt.Code == 0, checkedReceipt.Output + checkedReceipt.Error);

        // Another key: the log's checkpoint is not trusted.
        var (_, other) = Senim.Ledger.Notes.NoteKeys.Generate("senim.local/log");
        var refused = ExternalProcess.Run("dotnet", cli, "log", "verify", host.BaseUrl + "/log/", "--key", other);
        Assert.NotEqual(0, refused.Code);
    }

    [Fact]
    public async Task Senim_log_verify_checks_a_trusted_list_entry()
    {
        var cli = Path.Combine(RepoPaths.Root, "src", "Senim.Cli", "bin", "Debug", "net10.0", "senim.dll");
        Assert.True(File.Exists(cli), $"build the CLI first ({cli})");
        var (systemId, _) = await Audits.TrustedJourney.PassedAuditAsync(host.Factory);
        var supervisor = await Review.Demo.ActorAsync(host.Factory, Review.Demo.Supervisor);
        await Review.Demo.RunAsync(host.Factory, sp => sp.GetRequiredService<Senim.Registry.Audits.TrustedListService>().EnterAsync(supervisor, systemId));
        var index = await Review.Demo.RunAsync(host.Factory, sp => sp.GetRequiredService<Senim.Registry.Data.RegistryDb>().LogEntries
            .Where(e => e.Kind == Senim.Registry.Model.TrustedListEvent.Entry && e.SystemId == systemId).Select(e => e.Index).SingleAsync(Ct));
        var verified = ExternalProcess.Run("dotnet", cli, "log", "verify", host.BaseUrl + "/log/", "--key", host.VerifierKey, "--entry", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(verified.Code == 0, verified.Output + verified.Error);
        Assert.Contains("trusted-list-entry", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Senim_log_export_writes_a_static_log_that_verifies_with_senim_and_Go()
    {
        var cli = Path.Combine(RepoPaths.Root, "src", "Senim.Cli", "bin", "Debug", "net10.0", "senim.dll");
        Assert.True(File.Exists(cli), $"build the CLI first ({cli})");
        var database = host.Factory.Database;
        var keyFile = Path.Combine(database.Folder, "log", "signing.key");
        var dir = Path.Combine(database.Folder, "export");
        var provider = database.Settings.Provider.ToString().ToLowerInvariant();
        var (size, root) = await CheckpointAsync();

        var exported = ExternalProcess.Run("dotnet", cli, "log", "export", dir, "--provider", provider, "--connection", database.Settings.ConnectionString!, "--log-key", keyFile);
        Assert.True(exported.Code == 0, exported.Output + exported.Error);
        Assert.Equal(host.VerifierKey, File.ReadAllText(Path.Combine(dir, "key")).Trim());
        Assert.Equal(await host.Client.GetStringAsync(Url("/log/checkpoint"), Ct), File.ReadAllText(Path.Combine(dir, "checkpoint")));
        // Full and partial tiles and bundles, byte for byte what the server serves.
        var width = (int)(size % 256);
        foreach (var tile in new[] { "tile/0/000", $"tile/0/001.p/{width}", "tile/1/000.p/1", "tile/entries/000", $"tile/entries/001.p/{width}" })
        {
            Assert.Equal(await host.Client.GetByteArrayAsync(Url("/log/" + tile), Ct), File.ReadAllBytes(Path.Combine(dir, tile)));
        }

        var verified = ExternalProcess.Run("dotnet", cli, "log", "verify", dir, "--key-file", Path.Combine(dir, "key"), "--entry", "257");
        Assert.True(verified.Code == 0, verified.Output + verified.Error);
        Assert.Contains("root matches the checkpoint", verified.Output, StringComparison.Ordinal);

        // A missing key file is refused, not created.
        var noKey = ExternalProcess.Run("dotnet", cli, "log", "export", dir + "-2", "--provider", provider, "--connection", database.Settings.ConnectionString!, "--log-key", keyFile + ".missing");
        Assert.Equal(2, noKey.Code);
        Assert.False(File.Exists(keyFile + ".missing"));
        // Another key did not sign this log: nothing is exported under it.
        var otherKey = Path.Combine(database.Folder, "other.key");
        Senim.Ledger.Notes.FileKeyStore.Create(otherKey, "senim.local/log");
        var wrongKey = ExternalProcess.Run("dotnet", cli, "log", "export", dir + "-3", "--provider", provider, "--connection", database.Settings.ConnectionString!, "--log-key", otherKey);
        Assert.Equal(1, wrongKey.Code);
        Assert.False(File.Exists(Path.Combine(dir + "-3", "checkpoint")));

        var go = GoVerifier();
        var tiles = ExternalProcess.Run(go, "root-from-tiles", dir, size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(tiles.Code == 0, tiles.Error);
        Assert.Contains(root, tiles.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tiles_are_cached_like_static_files()
    {
        using var full = await host.Client.GetAsync(Url("/log/tile/0/000"), Ct);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(8192, (await full.Content.ReadAsByteArrayAsync(Ct)).Length);
        Assert.Equal("public, max-age=31536000, immutable", full.Headers.CacheControl!.ToString());

        var (size, _) = await CheckpointAsync();
        var width = (int)(size % 256);
        using var partial = await host.Client.GetAsync(Url($"/log/tile/0/001.p/{width}"), Ct);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal(width * 32, (await partial.Content.ReadAsByteArrayAsync(Ct)).Length);
        Assert.Contains("max-age=5", partial.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var bundle = await host.Client.GetAsync(Url("/log/tile/entries/000"), Ct);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        var entries = Senim.Ledger.Tiles.TileLayout.ParseEntryBundle(await bundle.Content.ReadAsByteArrayAsync(Ct), 256, "entries/000");
        Assert.Contains("\"format\":\"senim.log/1\"", System.Text.Encoding.UTF8.GetString(entries[0]), StringComparison.Ordinal);

        using var checkpoint = await host.Client.GetAsync(Url("/log/checkpoint"), Ct);
        Assert.Contains("max-age=5", checkpoint.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(host.VerifierKey, (await host.Client.GetStringAsync(Url("/log/key"), Ct)).Trim());
    }

    [Theory]
    [InlineData("/log/tile/0/abc", HttpStatusCode.BadRequest)]
    [InlineData("/log/tile/0/001.p/0", HttpStatusCode.BadRequest)]
    [InlineData("/log/tile/0/x000/001", HttpStatusCode.BadRequest)]
    [InlineData("/log/tile/0/999", HttpStatusCode.NotFound)]
    [InlineData("/log/tile/0/001", HttpStatusCode.NotFound)]
    [InlineData("/log/tile/0/001.p/255", HttpStatusCode.NotFound)]
    [InlineData("/log/tile/9/000", HttpStatusCode.NotFound)]
    [InlineData("/log/tile/entries/005", HttpStatusCode.NotFound)]
    [InlineData("/log/receipt/999999", HttpStatusCode.NotFound)]
    [InlineData("/log/receipt/-1", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/consistency?from=20&to=10", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/consistency?from=1&to=99999999", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/consistency?from=x", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/consistency", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/inclusion?index=99999999", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/inclusion?index=1&size=1", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/inclusion?index=99999999999999999999", HttpStatusCode.BadRequest)]
    public async Task Bad_log_requests_are_clear_problems(string path, HttpStatusCode expected)
    {
        var before = await CheckpointAsync();
        var (status, type, problem) = await ProblemAsync(path);
        Assert.Equal(expected, status);
        Assert.Equal("application/problem+json", type);
        Assert.False(string.IsNullOrEmpty(problem!.Value.GetProperty("detail").GetString()));
        Assert.Equal(before, await CheckpointAsync());
    }

    [Fact]
    public async Task Only_supervisors_and_admins_see_the_integrity_status()
    {
        using var anonymous = await host.Client.GetAsync(Url("/api/v1/log/integrity"), Ct);
        Assert.True(anonymous.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Found, anonymous.StatusCode.ToString());

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<IntegrityCheck>().RunAsync(Ct);
        // The log and the signed checkpoint agree with the register, the bulk-seeded systems included: their records
        // rebuild from their rows.
        Assert.True(report.SystemsChecked > 300);
        Assert.True(report.Ok, string.Join("\n", report.Problems.Take(5).Select(p => $"{p.Code}: {p.Detail}")));
    }
}

public sealed class LogPageTests(LogHostFixture host) : IClassFixture<LogHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AngleSharp.Dom.IDocument> PageAsync(string path, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl + path));
        request.Headers.Add("Cookie", "senim-lang=" + language);
        using var response = await host.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_register_entry_shows_its_log_entries_with_receipt_and_verify_links()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Senim.Registry.Data.RegistryDb>();
        var entry = await db.LogEntries.Where(e => e.Kind == "suspension").FirstAsync(Ct);
        var page = await PageAsync($"/register/{entry.SystemId}");
        var section = page.QuerySelector("section.log-entries")!;
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/log/receipt/{entry.Index}");
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/log/verify?index={entry.Index}");
        Assert.Contains("Suspension", section.TextContent, StringComparison.Ordinal);

        // Every entry of the system, oldest first, each with its receipt (the page reads them with the record in one query).
        var expected = await db.LogEntries.Where(e => e.SystemId == entry.SystemId).OrderBy(e => e.Index).Select(e => e.Index).ToListAsync(Ct);
        var shown = section.QuerySelectorAll("a[href^='/log/receipt/']").Select(a => long.Parse(a.GetAttribute("href")!["/log/receipt/".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(expected.Count >= 2);
        Assert.Equal(expected, shown);

        var verify = await PageAsync($"/log/verify?index={entry.Index}");
        Assert.True(verify.QuerySelector("#verdict")!.ClassList.Contains("ok"));
        Assert.True(verify.QuerySelectorAll("ol.log-steps li").Length >= 4);
        Assert.Contains(entry.SystemId!.Value.ToString(), verify.QuerySelector("pre.log-note")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_page_shows_the_checkpoint_and_the_key_in_each_language()
    {
        foreach (var (lang, title) in new[] { ("en", "Transparency log"), ("ru", "Журнал прозрачности"), ("kk", "Ашықтық журналы") })
        {
            var page = await PageAsync("/log", lang);
            Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
            Assert.Contains(host.VerifierKey, page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains("senim.local/log", page.QuerySelector("pre.log-note")!.TextContent, StringComparison.Ordinal);
        }

        var missing = await PageAsync("/log/verify?index=99999999");
        Assert.NotNull(missing.QuerySelector("#index-error[role=alert]"));
    }
}
