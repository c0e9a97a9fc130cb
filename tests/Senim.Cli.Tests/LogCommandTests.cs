using System.Net;
using System.Net.Sockets;
using System.Text;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Receipts;
using Senim.Ledger.Storage;
using Senim.Ledger.Tiles;

namespace Senim.Cli.Tests;

public sealed class LogCommandTests : IDisposable
{
    private const string Origin = "example.kz/ai-register";
    private readonly string _root = Directory.CreateTempSubdirectory("senim-log-cli-").FullName;
    private readonly NoteSigner _signer;
    private readonly MemoryLogStore _store = new();

    public LogCommandTests()
    {
        File.WriteAllText(Path.Combine(_root, "keygen-name"), Origin);
        _signer = NoteKeys.ParseSignerKey(NoteKeys.Generate(Origin).SignerKey);
    }

    private string Dir => Path.Combine(_root, "log");

    private string Vkey => _signer.VerifierKey;

    public void Dispose()
    {
        _signer.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static byte[] Entry(long i) => Encoding.UTF8.GetBytes($"{{\"index\":{i},\"system\":\"Жүйе {i}\"}}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task GrowAsync(MemoryLogStore store, int count, int batch = 500)
    {
        var appender = new LogAppender(store, Origin, _signer);
        for (var done = 0; done < count; done += batch)
        {
            var start = store.Size;
            await appender.AppendAsync([.. Enumerable.Range(0, Math.Min(batch, count - done)).Select(i => Entry(start + i))], Ct);
        }

        await LogExporter.ExportAsync(store, Dir, Ct);
    }

    [Fact]
    public void Keygen_writes_an_owner_only_key_file_and_prints_the_public_key()
    {
        var file = Path.Combine(_root, "keys", "log.key");
        var run = Cli.Run("log", "keygen", Origin, "--out", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^example\.kz/ai-register\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}\n$", run.Output.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(run.Output.Trim(), File.ReadAllText(file + ".pub").Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var again = Cli.Run("log", "keygen", Origin, "--out", file);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("never overwrites", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("log", "keygen", "bad name", "--out", Path.Combine(_root, "x.key")).ExitCode);
    }

    [Fact]
    public async Task Verify_recomputes_the_tree_from_tiles_and_checks_the_signed_checkpoint()
    {
        await GrowAsync(_store, 1300);
        var run = Cli.Run("log", "verify", Dir, "--key", Vkey);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"checkpoint: {Origin}, size 1300, root {(await MerkleTree.RootAsync(_store, 1300, Ct)).ToBase64()}", run.Output, StringComparison.Ordinal);
        Assert.Contains("tree: recomputed from 7 tiles; the root matches the checkpoint", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("OK\n", run.Output.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var keyFile = Path.Combine(_root, "log.pub");
        File.WriteAllText(keyFile, Vkey + "\n");
        Assert.Equal(0, Cli.Run("log", "verify", Dir, "--key-file", keyFile).ExitCode);
    }

    [Fact]
    public async Task Verify_an_entry_prints_it_with_its_inclusion_proof()
    {
        await GrowAsync(_store, 600);
        var run = Cli.Run("log", "verify", Dir, "--key", Vkey, "--entry", "517");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"entry 517: leaf hash {Rfc9162.LeafHash(Entry(517)).ToHex()}; inclusion proof of 8 hashes verifies", run.Output, StringComparison.Ordinal);
        Assert.Contains("{\"index\":517,\"system\":\"Жүйе 517\"}", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("log", "verify", Dir, "--key", Vkey, "--entry", "600").ExitCode);
    }

    [Fact]
    public async Task Verify_checks_a_receipt_step_by_step_and_against_the_current_tree()
    {
        await GrowAsync(_store, 300);
        var receipt = Path.Combine(_root, "entry.tlog-proof");
        File.WriteAllText(receipt, (await TlogProof.CreateAsync(_store, 42, _store.LatestCheckpoint!, Ct)).ToString());
        await GrowAsync(_store, 200);
        var run = Cli.Run("log", "verify", Dir, "--key", Vkey, "--receipt", receipt);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("[ok] Check the checkpoint's signature by the log's key", run.Output, StringComparison.Ordinal);
        Assert.Contains("[ok] Proof hash 9 of 9", run.Output, StringComparison.Ordinal);
        Assert.Contains("[ok] The receipt's checkpoint (size 300) is consistent with the log's current tree", run.Output, StringComparison.Ordinal);

        using var other = NoteKeys.ParseSignerKey(NoteKeys.Generate("another.example/log").SignerKey);
        var foreign = new MemoryLogStore();
        await new LogAppender(foreign, "another.example/log", other).AppendAsync([.. Enumerable.Range(0, 50).Select(i => Entry(i))], Ct);
        File.WriteAllText(receipt, (await TlogProof.CreateAsync(foreign, 42, foreign.LatestCheckpoint!, Ct)).ToString());
        var wrong = Cli.Run("log", "verify", Dir, "--key", Vkey, "--receipt", receipt);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("[FAILED] Check the checkpoint's signature by the log's key", wrong.Output, StringComparison.Ordinal);
        Assert.Contains("No signature by a trusted key", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_from_a_forked_log_is_caught()
    {
        await GrowAsync(_store, 300);
        var fork = new MemoryLogStore();
        var appender = new LogAppender(fork, Origin, _signer);
        await appender.AppendAsync([.. Enumerable.Range(0, 300).Select(i => i == 7 ? "forked"u8.ToArray() : Entry(i))], Ct);
        var receipt = Path.Combine(_root, "fork.tlog-proof");
        File.WriteAllText(receipt, (await TlogProof.CreateAsync(fork, 42, fork.LatestCheckpoint!, Ct)).ToString());
        var run = Cli.Run("log", "verify", Dir, "--key", Vkey, "--receipt", receipt);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the log forked", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_rejects_a_wrong_key_a_wrong_origin_and_bad_input_with_clear_errors()
    {
        await GrowAsync(_store, 10);
        using var other = NoteKeys.ParseSignerKey(NoteKeys.Generate(Origin).SignerKey);
        var unknown = Cli.Run("log", "verify", Dir, "--key", other.VerifierKey);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No signature by a trusted key", unknown.Error, StringComparison.Ordinal);

        var origin = Cli.Run("log", "verify", Dir, "--key", Vkey, "--origin", "another.example/log");
        Assert.Equal(1, origin.ExitCode);
        Assert.Contains("not for 'another.example/log'", origin.Error, StringComparison.Ordinal);

        Assert.Equal(2, Cli.Run("log", "verify", Dir, "--key", "not-a-key").ExitCode);
        Assert.Equal(2, Cli.Run("log", "verify", Dir).ExitCode);
        Assert.Equal(2, Cli.Run("log", "verify", Path.Combine(_root, "none"), "--key", Vkey).ExitCode);
    }

    [Fact]
    public async Task Verify_catches_altered_truncated_and_missing_tiles_and_a_bad_checkpoint_signature()
    {
        await GrowAsync(_store, 600);
        var tile = Path.Combine(Dir, "tile", "0", "001");
        var bytes = File.ReadAllBytes(tile);
        bytes[100] ^= 1;
        File.WriteAllBytes(tile, bytes);
        var altered = Cli.Run("log", "verify", Dir, "--key", Vkey);
        Assert.Equal(1, altered.ExitCode);
        Assert.StartsWith("FAILED: ", altered.Error, StringComparison.Ordinal);

        File.WriteAllBytes(tile, bytes[..100]);
        Assert.Contains("truncated", Cli.Run("log", "verify", Dir, "--key", Vkey).Error, StringComparison.Ordinal);

        File.Delete(tile);
        var missing = Cli.Run("log", "verify", Dir, "--key", Vkey);
        Assert.Equal(4, missing.ExitCode);
        Assert.Contains("tile/0/001 not found", missing.Error, StringComparison.Ordinal);

        var checkpoint = Path.Combine(Dir, "checkpoint");
        File.WriteAllText(checkpoint, File.ReadAllText(checkpoint).Replace("\n600\n", "\n599\n", StringComparison.Ordinal));
        var badSignature = Cli.Run("log", "verify", Dir, "--key", Vkey);
        Assert.Equal(1, badSignature.ExitCode);
        Assert.Contains("does not verify", badSignature.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_remembers_the_checkpoint_and_proves_consistency_on_every_run()
    {
        var state = Path.Combine(_root, "monitor", "state");
        await GrowAsync(_store, 300);
        var first = Cli.Run("log", "monitor", Dir, "--state", state, "--key", Vkey);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("first run", first.Output, StringComparison.Ordinal);
        Assert.Equal(_store.LatestCheckpoint, File.ReadAllText(state));

        await GrowAsync(_store, 1000);
        var second = Cli.Run("log", "monitor", Dir, "--state", state, "--key", Vkey);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("consistent with the remembered checkpoint of size 300", second.Output, StringComparison.Ordinal);
        Assert.Contains("1000 new entries", second.Output, StringComparison.Ordinal);

        var unchanged = Cli.Run("log", "monitor", Dir, "--state", state, "--key", Vkey);
        Assert.Equal(0, unchanged.ExitCode);
        Assert.Contains("0 new entries", unchanged.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_detects_a_rewritten_history_and_a_rollback()
    {
        var state = Path.Combine(_root, "state");
        await GrowAsync(_store, 300);
        Assert.Equal(0, Cli.Run("log", "monitor", Dir, "--state", state, "--key", Vkey).ExitCode);
        var remembered = File.ReadAllText(state);

        var rewritten = new MemoryLogStore();
        await new LogAppender(rewritten, Origin, _signer).AppendAsync([.. Enumerable.Range(0, 400).Select(i => i == 5 ? "edited"u8.ToArray() : Entry(i))], Ct);
        Directory.Delete(Dir, recursive: true);
        await LogExporter.ExportAsync(rewritten, Dir, Ct);
        var fork = Cli.Run("log", "monitor", Dir, "--state", state, "--key", Vkey);
        Assert.Equal(1, fork.ExitCode);
        Assert.Contains("NOT CONSISTENT with the remembered checkpoint of size 300", fork.Error, StringComparison.Ordinal);
        Assert.Equal(remembered, File.ReadAllText(state));

        var smaller = new MemoryLogStore();
        await new LogAppender(smaller, Origin, _signer).AppendAsync([.. Enumerable.Range(0, 100).Select(i => Entry(i))], Ct);
        Directory.Delete(Dir, recursive: true);
        await LogExporter.ExportAsync(smaller, Dir, Ct);
        var rollback = Cli.Run("log", "monitor", Dir, "--state", state, "--key", Vkey);
        Assert.Equal(1, rollback.ExitCode);
        Assert.Contains("shrank from 300 to 100", rollback.Error, StringComparison.Ordinal);

        File.WriteAllText(state, "garbage");
        Assert.Equal(2, Cli.Run("log", "monitor", Dir, "--state", state, "--key", Vkey).ExitCode);
    }

    [Fact]
    public async Task Verify_and_monitor_read_a_log_over_http()
    {
        await GrowAsync(_store, 700);
        using var server = new StaticServer(Dir);
        var run = Cli.Run("log", "verify", server.Url, "--key", Vkey, "--entry", "3");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("the root matches the checkpoint", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, Cli.Run("log", "monitor", server.Url, "--state", Path.Combine(_root, "s"), "--key", Vkey).ExitCode);
        var gone = Cli.Run("log", "verify", server.Url + "nothing/", "--key", Vkey);
        Assert.Equal(4, gone.ExitCode);
    }

    [Fact]
    public async Task Witness_add_checkpoint_cosigns_consistent_checkpoints_and_refuses_others()
    {
        var keyFile = Path.Combine(_root, "witness.key");
        var witnessVkey = Cli.Run("log", "keygen", "witness.example/w1", "--witness", "--out", keyFile).Output.Trim();
        var state = Path.Combine(_root, "witness.json");
        await GrowAsync(_store, 10);
        var request = Path.Combine(_root, "request");
        File.WriteAllText(request, "old 0\n\n" + _store.LatestCheckpoint);
        var first = Cli.Run("log", "witness", "add-checkpoint", request, "--key-file", keyFile, "--log", Vkey, "--state", state);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.StartsWith("\u2014 witness.example/w1 ", first.Output, StringComparison.Ordinal);
        var cosigned = SignedNote.Parse(_store.LatestCheckpoint!).WithSignatures([SignedNote.ParseLine(first.Output.TrimEnd('\n'))]);
        Assert.Single(cosigned.Verify([NoteKeys.ParseVerifierKey(witnessVkey)]));

        await GrowAsync(_store, 20);
        var proof = await MerkleTree.ConsistencyProofAsync(_store, 10, 30, Ct);
        File.WriteAllText(request, "old 10\n" + string.Concat(proof.Select(h => h.ToBase64() + "\n")) + "\n" + _store.LatestCheckpoint);
        Assert.Equal(0, Cli.Run("log", "witness", "add-checkpoint", request, "--key-file", keyFile, "--log", Vkey, "--state", state).ExitCode);

        File.WriteAllText(request, "old 10\n\n" + _store.LatestCheckpoint);
        var stale = Cli.Run("log", "witness", "add-checkpoint", request, "--key-file", keyFile, "--log", Vkey, "--state", state);
        Assert.Equal(1, stale.ExitCode);
        Assert.Equal("409 (text/x.tlog.size): 30\n", stale.Error.Replace("\r", "", StringComparison.Ordinal));

        Assert.Equal(2, Cli.Run("log", "witness", "add-checkpoint", request, "--key-file", Path.Combine(_root, "none"), "--log", Vkey, "--state", state).ExitCode);
    }

    [Fact]
    public async Task Witness_serve_speaks_the_tlog_witness_http_protocol()
    {
        var cancel = TestContext.Current.CancellationToken;
        var keyFile = Path.Combine(_root, "witness.key");
        Cli.Run("log", "keygen", "witness.example/w2", "--witness", "--out", keyFile);
        await GrowAsync(_store, 5);
        var port = FreePort();
        var serving = Task.Run(() => Cli.Run("log", "witness", "serve", "--key-file", keyFile, "--log", Vkey, "--state", Path.Combine(_root, "w.json"), "--listen", $"127.0.0.1:{port}", "--max-requests", "3"), cancel);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        HttpResponseMessage? ok = null;
        for (var attempt = 0; attempt < 100 && ok is null; attempt++)
        {
            try
            {
                ok = await client.PostAsync("add-checkpoint", new StringContent("old 0\n\n" + _store.LatestCheckpoint), cancel);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, cancel);
            }
        }

        Assert.NotNull(ok);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.StartsWith("\u2014 witness.example/w2 ", await ok.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        var conflict = await client.PostAsync("add-checkpoint", new StringContent("old 0\n\n" + _store.LatestCheckpoint), cancel);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("text/x.tlog.size", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5\n", await conflict.Content.ReadAsStringAsync(cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("other", cancel)).StatusCode);
        var result = await serving.WaitAsync(TimeSpan.FromSeconds(30), cancel);
        Assert.Equal(0, result.ExitCode);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Serves a folder over HTTP on loopback, as a CDN would serve a tiled log.</summary>
    private sealed class StaticServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public StaticServer(string root)
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext exchange;
                    try
                    {
                        exchange = await _listener.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    var file = Path.Combine(root, exchange.Request.Url!.AbsolutePath.TrimStart('/'));
                    if (File.Exists(file))
                    {
                        var bytes = await File.ReadAllBytesAsync(file);
                        exchange.Response.ContentLength64 = bytes.Length;
                        await exchange.Response.OutputStream.WriteAsync(bytes);
                    }
                    else
                    {
                        exchange.Response.StatusCode = 404;
                    }

                    exchange.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void Export_refuses_a_missing_key_an_empty_log_and_an_unusable_database()
    {
        var keyFile = Path.Combine(_root, "signing.key");
        var database = "Data Source=" + Path.Combine(_root, "register.db");
        var noKey = Cli.Run("log", "export", Dir, "--provider", "sqlite", "--connection", database, "--log-key", keyFile);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("does not exist", noKey.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile));

        FileKeyStore.Create(keyFile, "senim.local/log");
        var noTables = Cli.Run("log", "export", Dir, "--provider", "sqlite", "--connection", database, "--log-key", keyFile);
        Assert.Equal(1, noTables.ExitCode);
        Assert.Contains("could not be used", noTables.Error, StringComparison.Ordinal);

        Assert.Equal(0, Cli.Run("db", "migrate", "--provider", "sqlite", "--connection", database).ExitCode);
        var empty = Cli.Run("log", "export", Dir, "--provider", "sqlite", "--connection", database, "--log-key", keyFile);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("empty", empty.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
