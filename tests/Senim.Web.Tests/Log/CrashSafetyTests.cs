using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Registry;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Tests.Shared;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Log;

/// <summary>
/// The real web host as a child process (`dotnet Senim.Web.dll`), killed with SIGKILL in the middle of a stream of
/// owner edits of a registered system made through the API with a token (each one a log entry in the edit's
/// transaction), then started again on the same database and key. Afterwards every acknowledged edit is in the
/// register and in the log, the log's indices are exactly 0..size-1, the new checkpoint is consistent with the last
/// one served before the kill, and the integrity check finds the register and the log in agreement.
/// </summary>
public sealed class CrashSafetyTests
{
    private const string Owner = "owner@demo.senim.kz";
    private const string Admin = "admin@demo.senim.kz";
    private const string SystemName = "Claim drafting assistant";
    private const int EditsBeforeKill = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseKind> Kinds => TestDatabase.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task After_a_kill_9_mid_stream_no_acknowledged_change_is_lost_and_no_index_is_reused(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var keyFile = Path.Combine(database.Folder, "log", "signing.key");

        Guid systemId;
        string ownerToken, adminToken;
        string checkpointBefore;
        int acknowledged;
        Task stream;
        using (var host = await WebHost.StartAsync(database, keyFile))
        {
            // The host has seeded the demo register (and created the key): tokens for its owner and an admin.
            (systemId, ownerToken, adminToken) = await PrepareAsync(database, keyFile);
            using var owner = host.Client(ownerToken);
            var acks = 0;
            using var stop = new CancellationTokenSource();
            stream = Task.Run(async () =>
            {
                for (var i = 1; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var current = JsonNode.Parse(await owner.GetStringAsync(new Uri($"/api/v1/systems/{systemId}", UriKind.Relative), Ct))!;
                        using var response = await owner.PutAsync(new Uri($"/api/v1/systems/{systemId}", UriKind.Relative), Edit(current, i), Ct);
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException($"edit {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                        }

                        acks = i;
                    }
                    catch (HttpRequestException)
                    {
                        return; // the host is gone
                    }
                }
            }, Ct);

            checkpointBefore = await host.Anonymous.GetStringAsync(new Uri("/log/checkpoint", UriKind.Relative), Ct);
            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref acks) < EditsBeforeKill && !stream.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                checkpointBefore = await host.Anonymous.GetStringAsync(new Uri("/log/checkpoint", UriKind.Relative), Ct);
                await Task.Delay(20, Ct);
            }

            Assert.False(stream.IsFaulted, stream.Exception?.ToString());
            host.Kill();
            acknowledged = Volatile.Read(ref acks);
            await stop.CancelAsync();
            await stream.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        Assert.True(acknowledged >= 5, $"only {acknowledged} edits were acknowledged before the kill");
        var verifier = FileKeyStore.Load(keyFile).Verifier;
        var before = Checkpoint.Open(checkpointBefore, LogSettings.DefaultOrigin, [verifier]).Checkpoint;

        using (var host = await WebHost.StartAsync(database, keyFile))
        {
            using var owner = host.Client(ownerToken);
            using var admin = host.Client(adminToken);

            // The register holds the last acknowledged edit, or the one in flight when the host died.
            var system = JsonNode.Parse(await owner.GetStringAsync(new Uri($"/api/v1/systems/{systemId}", UriKind.Relative), Ct))!;
            var committed = int.Parse(system["name_en"]!.GetValue<string>()["Crash edit ".Length..], CultureInfo.InvariantCulture);
            Assert.InRange(committed, acknowledged, acknowledged + 1);

            // The log has one record entry per committed edit, and its indices are exactly 0..size-1.
            var after = Checkpoint.Open(await host.Anonymous.GetStringAsync(new Uri("/log/checkpoint", UriKind.Relative), Ct), LogSettings.DefaultOrigin, [verifier]).Checkpoint;
            var (indices, edits) = await LogRowsAsync(database, keyFile, systemId);
            Assert.Equal(Enumerable.Range(0, indices.Count).Select(i => (long)i), indices);
            Assert.Equal(after.Size, indices.Count);
            Assert.Equal(committed, edits);

            // The new checkpoint extends the last one served before the kill.
            Assert.True(after.Size >= before.Size);
            var consistency = JsonDocument.Parse(await host.Anonymous.GetStringAsync(new Uri($"/api/v1/log/proofs/consistency?from={before.Size}&to={after.Size}", UriKind.Relative), Ct)).RootElement;
            ProofVerifier.VerifyConsistency(before.Size, before.Root, after.Size, after.Root,
                [.. consistency.GetProperty("proof").EnumerateArray().Select(h => MerkleHash.ParseBase64(h.GetString()!))]);

            // The register and the log agree one to one.
            using var integrity = await admin.PostAsync(new Uri("/api/v1/log/integrity", UriKind.Relative), null, Ct);
            var report = await integrity.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, integrity.StatusCode);
            Assert.True(JsonDocument.Parse(report).RootElement.GetProperty("ok").GetBoolean(), report);

            // The log goes on from where it stopped: the next edit takes the next index.
            var current = JsonNode.Parse(await owner.GetStringAsync(new Uri($"/api/v1/systems/{systemId}", UriKind.Relative), Ct))!;
            using var next = await owner.PutAsync(new Uri($"/api/v1/systems/{systemId}", UriKind.Relative), Edit(current, committed + 1), Ct);
            Assert.True(next.IsSuccessStatusCode, await next.Content.ReadAsStringAsync(Ct));
            var grown = Checkpoint.Open(await host.Anonymous.GetStringAsync(new Uri("/log/checkpoint", UriKind.Relative), Ct), LogSettings.DefaultOrigin, [verifier]).Checkpoint;
            Assert.Equal(after.Size + 1, grown.Size);
        }
    }

    private static StringContent Edit(JsonNode current, int i)
    {
        var body = new JsonObject();
        foreach (var field in new[] { "name_kk", "name_ru", "purpose_kk", "purpose_ru", "purpose_en", "description", "sector", "role", "data_and_models", "mode", "contact", "support_channel", "user_agreement_url" })
        {
            body[field] = current[field]?.DeepClone();
        }

        body["name_en"] = "Crash edit " + i.ToString(CultureInfo.InvariantCulture);
        body["version"] = current["version"]!.GetValue<int>();
        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }

    /// <summary>The system to edit and API tokens of its owner and of an admin, made in the database the host seeded.</summary>
    private static async Task<(Guid System, string Owner, string Admin)> PrepareAsync(TestDatabase database, string keyFile)
    {
        await using var services = Services(database, keyFile);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<RegistryDb>();
        var system = await db.Systems.Where(s => s.NameEn == SystemName).Select(s => s.Id).SingleAsync(Ct);
        var tokens = new List<string>();
        foreach (var email in new[] { Owner, Admin })
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            var actor = await sp.GetRequiredService<ActorService>().ForUserAsync(user.Id);
            tokens.Add((await sp.GetRequiredService<TokenService>().CreateAsync(actor, "crash", Scopes.All, null, 1, Ct)).Plaintext);
        }

        return (system, tokens[0], tokens[1]);
    }

    private static async Task<(List<long> Indices, int Edits)> LogRowsAsync(TestDatabase database, string keyFile, Guid systemId)
    {
        await using var services = Services(database, keyFile);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        var indices = await db.LogEntries.AsNoTracking().OrderBy(e => e.Index).Select(e => e.Index).ToListAsync(Ct);
        var edits = await db.LogEntries.AsNoTracking().CountAsync(e => e.SystemId == systemId && e.Kind == RegisterLogEntry.RecordUpdate, Ct);
        return (indices, edits);
    }

    private static ServiceProvider Services(TestDatabase database, string keyFile)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddRegistry(database.Settings, database.FilesRoot, new LogSettings { KeyFile = keyFile });
        services.AddIdentityCore<SenimUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<RegistryDb>();
        return services.BuildServiceProvider();
    }

    /// <summary>`dotnet Senim.Web.dll` on a free loopback port, with the test's database, files and log key.</summary>
    private sealed class WebHost : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private WebHost(Process process, Uri baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
            Anonymous = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        }

        public Uri BaseUrl { get; }

        public HttpClient Anonymous { get; }

        public static async Task<WebHost> StartAsync(TestDatabase database, string keyFile)
        {
            var dll = Path.Combine(RepoPaths.Root, "src", "Senim.Web", "bin", "Debug", "net10.0", "Senim.Web.dll");
            Assert.True(File.Exists(dll), $"build the web host first ({dll})");
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(RepoPaths.Root, "src", "Senim.Web") };
            foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}" })
            {
                start.ArgumentList.Add(arg);
            }

            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Senim__LawDir"] = RepoPaths.Law,
                ["Senim__DefaultLanguage"] = "en",
                ["Senim__Database__Provider"] = database.Settings.Provider.ToString(),
                ["Senim__Database__ConnectionString"] = database.Settings.ConnectionString!,
                ["Senim__Files"] = database.FilesRoot,
                ["Senim__Log__KeyFile"] = keyFile,
                ["Senim__Log__IntegrityMinutes"] = "0",
                ["Senim__Demo__Seed"] = "true",
                ["Senim__RateLimits__PublicPerSecond"] = "100000",
                ["Senim__RateLimits__SignInPerMinute"] = "100000",
            };
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var process = Process.Start(start)!;
            var host = new WebHost(process, new Uri($"http://127.0.0.1:{port}"));
            process.OutputDataReceived += (_, e) => host.Append(e.Data);
            process.ErrorDataReceived += (_, e) => host.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    Assert.Fail($"the web host exited with {process.ExitCode}:\n{host.Output}");
                }

                try
                {
                    using var health = await host.Anonymous.GetAsync(new Uri("/health", UriKind.Relative), Ct);
                    if (health.IsSuccessStatusCode)
                    {
                        return host;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(200, Ct);
            }

            host.Dispose();
            Assert.Fail($"the web host did not answer within 60 s:\n{host.Output}");
            return host;
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public HttpClient Client(string token)
        {
            var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        /// <summary>SIGKILL: no shutdown, no flush, no disposal.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            Anonymous.Dispose();
            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
