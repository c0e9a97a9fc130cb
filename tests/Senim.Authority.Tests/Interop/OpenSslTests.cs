using System.Globalization;
using Senim.Authority.State;
using Senim.Authority.Tests.Support;

namespace Senim.Authority.Tests.Interop;

/// <summary>OpenSSL, an independent X.509 implementation, reads what the authority writes.</summary>
public sealed class OpenSslTests : IAsyncLifetime
{
    private TestAuthority _pki = null!;
    private string _openssl = null!;

    public async ValueTask InitializeAsync()
    {
        _pki = await TestAuthority.CreateAsync();
        await File.WriteAllTextAsync(_pki.Path("root.pem"), _pki.Authority.Root.ToPem());
        await File.WriteAllTextAsync(_pki.Path("issuing.pem"), _pki.Authority.Issuing.ToPem());
    }

    public ValueTask DisposeAsync()
    {
        _pki.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string At => TestAuthority.Start.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_CSR_made_by_openssl_gives_a_chain_and_CRLs_openssl_verifies_until_the_certificate_is_revoked()
    {
        _openssl = ExternalTools.OpenSsl();
        Ok(Run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", _pki.Path("owner-key.pem")));
        Ok(Run("req", "-new", "-key", _pki.Path("owner-key.pem"), "-subj", "/CN=whatever the owner typed", "-out", _pki.Path("owner.csr")));
        var issued = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, await File.ReadAllBytesAsync(_pki.Path("owner.csr"), cancellationToken: TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_pki.Path("leaf.pem"), issued.ToPem(), cancellationToken: TestContext.Current.CancellationToken);
        await WriteCrlsAsync();

        var verified = Run("verify", "-attime", At, "-x509_strict", "-purpose", "smimesign", "-crl_check_all",
            "-CAfile", _pki.Path("root.pem"), "-untrusted", _pki.Path("issuing.pem"),
            "-CRLfile", _pki.Path("issuing.crl"), "-CRLfile", _pki.Path("root.crl"), _pki.Path("leaf.pem"));
        Assert.Equal(0, verified.Code);
        Assert.Equal(_pki.Path("leaf.pem") + ": OK\n", verified.Output);

        await _pki.Authority.RevokeAsync(issued.Serial, RevocationReason.CessationOfOperation, cancellationToken: TestContext.Current.CancellationToken);
        await WriteCrlsAsync();
        var revoked = Run("verify", "-attime", At, "-crl_check_all",
            "-CAfile", _pki.Path("root.pem"), "-untrusted", _pki.Path("issuing.pem"),
            "-CRLfile", _pki.Path("issuing.crl"), "-CRLfile", _pki.Path("root.crl"), _pki.Path("leaf.pem"));
        Assert.NotEqual(0, revoked.Code);
        Assert.Contains("error 23 at 0 depth lookup: certificate revoked", revoked.Output + revoked.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openssl_prints_the_profile_and_the_CRL_as_intended()
    {
        _openssl = ExternalTools.OpenSsl();
        var issued = await _pki.Authority.IssueManagedAsync(TestAuthority.Identity, cancellationToken: TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_pki.Path("leaf.pem"), issued.ToPem(), cancellationToken: TestContext.Current.CancellationToken);
        var text = Ok(Run("x509", "-in", _pki.Path("leaf.pem"), "-noout", "-nameopt", "utf8,sep_comma_plus_space", "-subject", "-ext", "basicConstraints,keyUsage,extendedKeyUsage,subjectAltName,crlDistributionPoints"));
        Assert.Contains("subject=O=ТОО «Қазақ Деректер», CN=Несиелік скоринг, serialNumber=KZ-AI-2026-000001", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Basic Constraints: critical\n    CA:FALSE", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Key Usage: critical\n    Digital Signature\n", text, StringComparison.Ordinal);
        Assert.Matches(@"X509v3 Extended Key Usage: \n    (1\.3\.6\.1\.5\.5\.7\.3\.36|Document Signing), E-mail Protection\n", text);
        Assert.Contains("URI:https://senim.example.kz/register/KZ-AI-2026-000001", text, StringComparison.Ordinal);
        Assert.Contains("URI:https://senim.example.kz/pki/issuing.crl", text, StringComparison.Ordinal);

        await _pki.Authority.RevokeAsync(issued.Serial, RevocationReason.CertificateHold, cancellationToken: TestContext.Current.CancellationToken);
        await WriteCrlsAsync();
        var crl = Run("crl", "-in", _pki.Path("issuing.crl"), "-CAfile", _pki.Path("issuing.pem"), "-noout", "-text");
        Assert.Equal(0, crl.Code);
        Assert.Contains("verify OK", crl.Error, StringComparison.Ordinal);
        Assert.Contains("X509v3 CRL Number: \n                1", crl.Output, StringComparison.Ordinal);
        Assert.Contains("Serial Number: " + issued.Serial, crl.Output, StringComparison.Ordinal);
        Assert.Contains("Certificate Hold", crl.Output, StringComparison.Ordinal);
    }

    private async Task WriteCrlsAsync()
    {
        await File.WriteAllTextAsync(_pki.Path("issuing.crl"), (await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa)).ToPem());
        await File.WriteAllTextAsync(_pki.Path("root.crl"), (await _pki.Authority.CreateCrlAsync(CertificateKind.Root)).ToPem());
    }

    private (int Code, string Output, string Error) Run(params string[] arguments) => ExternalTools.Run(_openssl, arguments);

    private static string Ok((int Code, string Output, string Error) run)
    {
        Assert.True(run.Code == 0, $"openssl failed ({run.Code}): {run.Error}");
        return run.Output;
    }
}
