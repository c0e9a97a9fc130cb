using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Authority.Keys;
using Senim.Authority.State;
using Senim.Authority.Tests.Support;

namespace Senim.Authority.Tests.Issuance;

public sealed class InitializeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("senim-init-").FullName;
    private readonly TimeProvider _time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestAuthority.Start);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FileKeyStore Keys(string password = TestAuthority.Password) => new(Path.Combine(_dir, "keys"), password, FileKeyStore.MinIterations);

    [Fact]
    public async Task Set_up_twice_loads_the_first_authority()
    {
        using var store = new FileAuthorityStore(_dir);
        var (first, created) = await CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken);
        using (first)
        {
            Assert.True(created);
        }

        var (second, createdAgain) = await CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken);
        using (second)
        {
            Assert.False(createdAgain);
            Assert.Equal(first.Root.Serial, second.Root.Serial);
            Assert.Equal(first.Issuing.Serial, second.Issuing.Serial);
        }

        Assert.Equal(["ca-issuing.key.pem", "ca-root.key.pem"], Directory.GetFiles(Path.Combine(_dir, "keys")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await store.ListAsync(cancellationToken: TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task Loading_with_the_wrong_password_is_a_clear_error()
    {
        using var store = new FileAuthorityStore(_dir);
        (await CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken)).Authority.Dispose();
        var ex = await Assert.ThrowsAsync<KeyStoreException>(() => CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys("a different password"), store, _time, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(KeyStoreError.WrongPassword, ex.Error);
        Assert.Contains("'ca-root'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_CA_whose_key_is_gone_is_inconsistent()
    {
        using var store = new FileAuthorityStore(_dir);
        (await CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken)).Authority.Dispose();
        File.Delete(Keys().PathOf("ca-issuing"));
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Inconsistent, ex.Error);
        Assert.Contains("its key 'ca-issuing' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_does_not_match_its_certificate_is_inconsistent()
    {
        using var store = new FileAuthorityStore(_dir);
        (await CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken)).Authority.Dispose();
        File.Delete(Keys().PathOf("ca-issuing"));
        Keys().Create("ca-issuing", KeyAlgorithm.EcP384).Dispose();
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Inconsistent, ex.Error);
        Assert.Contains("does not belong to the certificate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_left_by_an_interrupted_set_up_is_reused()
    {
        byte[] publicKey;
        using (var key = Keys().Create("ca-root", KeyAlgorithm.EcP384))
        {
            publicKey = key.ExportSubjectPublicKeyInfo();
        }

        using var store = new FileAuthorityStore(_dir);
        var (authority, created) = await CertificateAuthority.InitializeAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken);
        using (authority)
        {
            Assert.True(created);
            using var root = authority.Root.ToCertificate();
            Assert.Equal(publicKey, root.PublicKey.ExportSubjectPublicKeyInfo());
        }
    }

    [Fact]
    public async Task Opening_an_authority_that_was_never_set_up_says_so()
    {
        using var store = new FileAuthorityStore(_dir);
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => CertificateAuthority.OpenAsync(TestAuthority.Options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.NotFound, ex.Error);
        Assert.Equal("The certificate authority has not been set up (senim pki init).", ex.Message);
    }

    [Theory]
    [InlineData("ftp://senim.example.kz/")]
    [InlineData("https://senim.example.kz/?x=1")]
    [InlineData("/relative")]
    public async Task The_base_URL_must_be_an_absolute_http_address(string url)
    {
        using var store = new FileAuthorityStore(_dir);
        var options = TestAuthority.Options with { BaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) };
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => CertificateAuthority.InitializeAsync(options, Keys(), store, _time, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.InvalidInput, ex.Error);
    }

    [Fact]
    public void URLs_are_built_under_the_base_path()
    {
        var options = TestAuthority.Options with { BaseUrl = new Uri("https://gov.example.kz/senim") };
        Assert.Equal("https://gov.example.kz/senim/pki/issuing.crl", options.IssuingCrlUrl.AbsoluteUri);
        Assert.Equal("https://gov.example.kz/senim/pki/root.crt", options.RootCertificateUrl.AbsoluteUri);
        Assert.Equal("https://gov.example.kz/senim/register/KZ-AI-2026-000042", options.RegisterEntryUrl("KZ-AI-2026-000042").AbsoluteUri);
    }

    [Fact]
    public async Task The_chain_builds_to_the_root_with_a_custom_trust_store_and_not_to_another_root()
    {
        using var pki = await TestAuthority.CreateAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken);
        using var leaf = issued.ToCertificate();
        using var issuing = pki.Authority.Issuing.ToCertificate();
        using var root = pki.Authority.Root.ToCertificate();

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(issuing);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = TestAuthority.Start.AddDays(1).UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.36"));
        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal([leaf.Thumbprint, issuing.Thumbprint, root.Thumbprint], chain.ChainElements.Select(e => e.Certificate.Thumbprint));

        using var other = await TestAuthority.CreateAsync();
        using var otherRoot = other.Authority.Root.ToCertificate();
        using var untrusted = new X509Chain();
        untrusted.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        untrusted.ChainPolicy.CustomTrustStore.Add(otherRoot);
        untrusted.ChainPolicy.ExtraStore.Add(issuing);
        untrusted.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        untrusted.ChainPolicy.VerificationTime = TestAuthority.Start.AddDays(1).UtcDateTime;
        Assert.False(untrusted.Build(leaf));
    }
}
