using System.Security.Cryptography;
using System.Text.Json;
using Senim.Authority.Tests.Support;

namespace Senim.Authority.Tests.Interop;

/// <summary>c2pa-rs (the C2PA reference implementation) accepts a Senim signer certificate and trusts its chain.</summary>
public sealed class C2paReferenceTests
{
    [Fact]
    public async Task An_image_signed_with_a_Senim_certificate_is_Trusted_by_c2pa_rs_under_the_Senim_root()
    {
        var tool = ExternalTools.C2paRef();
        using var pki = await TestAuthority.CreateAsync(TimeProvider.System);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken);

        await File.WriteAllTextAsync(pki.Path("key.pem"), key.ExportPkcs8PrivateKeyPem(), cancellationToken: TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(pki.Path("chain.pem"), issued.ToPem() + pki.Authority.Issuing.ToPem(), cancellationToken: TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(pki.Path("root.pem"), pki.Authority.Root.ToPem(), cancellationToken: TestContext.Current.CancellationToken);
        var input = Path.Combine(ExternalTools.Shared(), "fixtures", "c2pa", "c2pa-rs", "no_manifest.jpg");

        var sign = ExternalTools.Run("node", Path.Combine(tool, "sign.mjs"), "--key", pki.Path("key.pem"), "--chain", pki.Path("chain.pem"), input, pki.Path("signed.jpg"));
        Assert.True(sign.Code == 0, $"sign.mjs failed: {sign.Error}{sign.Output}");

        var trusted = Verdict(ExternalTools.Run("node", Path.Combine(tool, "verify.mjs"), "--anchors", pki.Path("root.pem"), pki.Path("signed.jpg")));
        Assert.Equal("Trusted", trusted.GetProperty("state").GetString());
        Assert.Equal(0, trusted.GetProperty("codes").GetArrayLength());
    }

    private static JsonElement Verdict((int Code, string Output, string Error) run)
    {
        Assert.True(run.Code == 0, $"verify.mjs failed: {run.Error}");
        return JsonDocument.Parse(run.Output.Trim()).RootElement.Clone();
    }
}
