using System.Security.Cryptography;
using System.Text.Json;
using Senim.Labels.Tests.Support;

namespace Senim.Cli.Tests;

public sealed class LabelCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("senim-label-cli-").FullName;
    private readonly string key;
    private readonly string chain;
    private readonly string root;

    public LabelCommandTests()
    {
        var pki = TestPki.Shared;
        key = Write("key.pem", pki.Signer.Key.ExportPkcs8PrivateKeyPem());
        chain = Write("chain.pem", PemEncoding.WriteString("CERTIFICATE", pki.Signer.Certificate.RawData));
        root = Write("root.pem", PemEncoding.WriteString("CERTIFICATE", pki.Root.RawData));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Signed_files_verify_as_trusted_with_the_root_and_exit_zero()
    {
        var jpeg = Write("a.jpg", TinyImages.Jpeg(4, 4, 1));
        var wav = Write("b.wav", "RIFF any audio"u8.ToArray());

        var sign = Cli.Run("label", "sign", jpeg, wav, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain);
        Assert.Equal(0, sign.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "a.label.jpg")));
        Assert.True(File.Exists(Path.Combine(folder, "b.c2pa")));

        var verify = Cli.Run("label", "verify", Path.Combine(folder, "a.label.jpg"), wav, "--anchors", root, "--format", "json");
        Assert.Equal(0, verify.ExitCode);
        var lines = verify.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("Trusted", json.RootElement.GetProperty("state").GetString());
            Assert.Equal("KZ-AI-2026-000007", json.RootElement.GetProperty("register_number").GetString());
        });
    }

    [Fact]
    public void A_sidecar_verifies_against_the_asset_beside_it_and_fails_alone()
    {
        var wav = Write("sound.wav", "RIFF some audio"u8.ToArray());
        Assert.Equal(0, Cli.Run("label", "sign", wav, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain).ExitCode);
        var sidecar = Path.Combine(folder, "sound.c2pa");

        var paired = Cli.Run("label", "verify", sidecar, "--anchors", root);
        Assert.Equal(0, paired.ExitCode);
        Assert.Contains("Checked against sound.wav.", paired.Output, StringComparison.Ordinal);

        File.Move(wav, Path.Combine(folder, "elsewhere.bin"));
        var alone = Cli.Run("label", "verify", sidecar, "--anchors", root);
        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("data hash was not checked", alone.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_or_unlabelled_file_makes_verify_exit_one()
    {
        var jpeg = Write("c.jpg", TinyImages.Jpeg(4, 4, 2));
        Assert.Equal(0, Cli.Run("label", "sign", jpeg, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain).ExitCode);
        var labelled = Path.Combine(folder, "c.label.jpg");
        var bytes = File.ReadAllBytes(labelled);
        bytes[^3] ^= 1;
        File.WriteAllBytes(labelled, bytes);

        var verify = Cli.Run("label", "verify", labelled, jpeg, "--anchors", root);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("assertion.dataHash.mismatch", verify.Output, StringComparison.Ordinal);
        Assert.Contains("c.jpg: NoManifest", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revoked_signer_is_reported_with_the_crl()
    {
        var jpeg = Write("d.jpg", TinyImages.Jpeg(4, 4, 3));
        Cli.Run("label", "sign", jpeg, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain);
        var crl = Write("root.crl", TestPki.Shared.Crl([TestPki.Shared.Signer.Certificate]));

        var verify = Cli.Run("label", "verify", Path.Combine(folder, "d.label.jpg"), "--anchors", root, "--crl", crl);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("signingCredential.revoked", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_gets_a_message_with_a_code_and_no_stack_trace()
    {
        var fake = Write("fake.png", "%PDF-1.7"u8.ToArray());
        var sign = Cli.Run("label", "sign", fake, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain);
        Assert.Equal(2, sign.ExitCode);
        Assert.Contains("[labels.format.mismatch]", sign.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", sign.Error, StringComparison.Ordinal);

        var badSystem = Cli.Run("label", "sign", Write("e.jpg", TinyImages.Jpeg(2, 2, 4)), "--system", "KZ-1", "--key", key, "--cert", chain);
        Assert.Contains("[labels.senim-assertion.invalid]", badSystem.Error, StringComparison.Ordinal);

        var badKey = Cli.Run("label", "sign", fake, "--system", "KZ-AI-2026-000007", "--key", chain, "--cert", chain);
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("[labels.credentials.invalid]", badKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_with_a_time_stamp_authority_over_http_stamps_every_signature()
    {
        var tsa = new TestTsa(TestPki.Shared);
        using var listener = new System.Net.HttpListener();
        var port = System.Net.Sockets.TcpListener.Create(0) is var probe ? Port(probe) : 0;
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var server = Task.Run(async () =>
        {
            var call = await listener.GetContextAsync();
            using var body = new MemoryStream();
            await call.Request.InputStream.CopyToAsync(body);
            var reply = tsa.Respond(body.ToArray());
            call.Response.ContentType = "application/timestamp-reply";
            await call.Response.OutputStream.WriteAsync(reply);
            call.Response.Close();
            return call.Request.ContentType;
        });
        var jpeg = Write("g.jpg", TinyImages.Jpeg(4, 4, 6));

        var sign = Cli.Run("label", "sign", jpeg, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain, "--tsa", $"http://127.0.0.1:{port}/");

        Assert.Equal(0, sign.ExitCode);
        Assert.Equal("application/timestamp-query", await server);
        var inspect = Cli.Run("label", "inspect", Path.Combine(folder, "g.label.jpg"), "--anchors", root);
        Assert.Contains("timeStamp.validated", inspect.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_time_stamp_authority_is_a_clear_error()
    {
        var jpeg = Write("h.jpg", TinyImages.Jpeg(4, 4, 7));
        var sign = Cli.Run("label", "sign", jpeg, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain, "--tsa", "http://127.0.0.1:9/");
        Assert.Equal(2, sign.ExitCode);
        Assert.Contains("[labels.timestamp.failed]", sign.Error, StringComparison.Ordinal);
    }

    private static int Port(System.Net.Sockets.TcpListener probe)
    {
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [Fact]
    public void An_expired_signer_certificate_is_refused_with_its_dates()
    {
        var (certificate, signerKey) = TestPki.Shared.IssueSigner("Expired CLI signer", DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddYears(-1));
        var expiredKey = Write("expired-key.pem", signerKey.ExportPkcs8PrivateKeyPem());
        var expiredChain = Write("expired.pem", PemEncoding.WriteString("CERTIFICATE", certificate.RawData));

        var sign = Cli.Run("label", "sign", Write("i.jpg", TinyImages.Jpeg(2, 2, 8)), "--system", "KZ-AI-2026-000007", "--key", expiredKey, "--cert", expiredChain);

        Assert.Equal(2, sign.ExitCode);
        Assert.Contains("[labels.signer.expired]", sign.Error, StringComparison.Ordinal);
        Assert.Contains("is valid from", sign.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "i.label.jpg")));
    }

    [Fact]
    public void Inspect_prints_the_manifest_store_as_json()
    {
        var png = Write("f.png", TinyImages.Png(4, 4, 5));
        Cli.Run("label", "sign", png, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain);

        var inspect = Cli.Run("label", "inspect", Path.Combine(folder, "f.label.png"));

        Assert.Equal(0, inspect.ExitCode);
        using var json = JsonDocument.Parse(inspect.Output);
        var active = json.RootElement.GetProperty("active_manifest").GetString()!;
        var assertions = json.RootElement.GetProperty("manifests").GetProperty(active).GetProperty("assertions");
        Assert.Equal("KZ-AI-2026-000007", assertions.GetProperty("kz.senim.label").GetProperty("register_number").GetString());
        Assert.Equal("Valid", json.RootElement.GetProperty("validation").GetProperty("state").GetString());
    }

    [Fact]
    public void Visible_draws_the_notice_before_signing_and_is_refused_for_files_that_are_not_images()
    {
        var picture = Write("picture.jpg", Senim.Tests.Shared.TestImages.Jpeg(640, 480));
        var plainOut = Directory.CreateDirectory(Path.Combine(folder, "plain")).FullName;
        Assert.Equal(0, Cli.Run("label", "sign", picture, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain, "--out", plainOut).ExitCode);
        var sign = Cli.Run("label", "sign", picture, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain, "--visible", "--lang", "ru,en");
        Assert.Equal(0, sign.ExitCode);
        var noticed = Path.Combine(folder, "picture.label.jpg");
        Assert.Equal(0, Cli.Run("label", "verify", noticed, "--anchors", root).ExitCode);

        // The notice changed the pixels: the bottom rows of the two signed images decode differently.
        using var plain = SkiaSharp.SKBitmap.Decode(Path.Combine(plainOut, "picture.jpg"));
        using var withNotice = SkiaSharp.SKBitmap.Decode(noticed);
        Assert.NotEqual(plain.GetPixel(320, 470), withNotice.GetPixel(320, 470));
        Assert.Equal(plain.GetPixel(320, 10), withNotice.GetPixel(320, 10));

        var wav = Write("voice.wav", "RIFF audio"u8.ToArray());
        var refused = Cli.Run("label", "sign", wav, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain, "--visible");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("[labels.format.unsupported]", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "voice.c2pa")));

        var tiny = Write("tiny.png", TinyImages.Png(24, 24, 3));
        var tooSmall = Cli.Run("label", "sign", tiny, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain, "--visible");
        Assert.Contains("[notices.toosmall]", tooSmall.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", tooSmall.Error, StringComparison.Ordinal);
        var badLanguage = Cli.Run("label", "sign", picture, "--system", "KZ-AI-2026-000007", "--key", key, "--cert", chain, "--visible", "--lang", "de");
        Assert.Contains("[notices.language]", badLanguage.Error, StringComparison.Ordinal);
    }

    private string Write(string name, string text) => Write(name, System.Text.Encoding.ASCII.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
