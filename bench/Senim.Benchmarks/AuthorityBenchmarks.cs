using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Senim.Authority;
using Senim.Authority.Crls;
using Senim.Authority.Keys;
using Senim.Authority.State;

namespace Senim.Benchmarks;

/// <summary>
/// The certificate authority: issuing a signer certificate from a CSR, signing with a managed key, a CRL
/// of 1,000 entries (signing and checking), and opening a key file (PBKDF2, 600,000 iterations).
/// </summary>
[MemoryDiagnoser]
public class AuthorityBenchmarks
{
    private static readonly SystemIdentity Identity = new("KZ-AI-2026-000001", "ТОО «Мысал»", "Сурет генераторы");
    private string _dir = null!;
    private FileKeyStore _keys = null!;
    private CertificateAuthority _authority = null!;
    private byte[] _csr = null!;
    private ManagedSigner _signer = null!;
    private byte[] _claim = null!;
    private byte[] _crl = null!;
    private RevocationList _parsedCrl = null!;
    private X509Certificate2 _leaf = null!;
    private X509Certificate2 _issuing = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("senim-bench-pki-").FullName;
        _keys = new FileKeyStore(Path.Combine(_dir, "keys"), "benchmark password");
        var options = new AuthorityOptions { BaseUrl = new Uri("https://senim.example.kz/") };
        _authority = CertificateAuthority.InitializeAsync(options, _keys, new MemoryAuthorityStore(), TimeProvider.System).GetAwaiter().GetResult().Authority;
        using var owner = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _csr = new CertificateRequest("CN=owner", owner, HashAlgorithmName.SHA256).CreateSigningRequest();

        var managed = _authority.IssueManagedAsync(Identity).GetAwaiter().GetResult();
        _signer = _authority.OpenSignerAsync(managed.Serial).GetAwaiter().GetResult();
        _claim = RandomNumberGenerator.GetBytes(2048);

        for (var i = 0; i < 1000; i++)
        {
            var issued = _authority.IssueFromRequestAsync(Identity, _csr).GetAwaiter().GetResult();
            _authority.RevokeAsync(issued.Serial, i % 2 == 0 ? RevocationReason.CessationOfOperation : RevocationReason.CertificateHold).GetAwaiter().GetResult();
        }

        _crl = _authority.CreateCrlAsync(CertificateKind.IssuingCa).GetAwaiter().GetResult().Der;
        _parsedCrl = RevocationList.Parse(_crl);
        _leaf = managed.ToCertificate();
        _issuing = _authority.Issuing.ToCertificate();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _signer.Dispose();
        _authority.Dispose();
        _leaf.Dispose();
        _issuing.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Description = "issue a signer certificate from a CSR (verify CSR, sign P-384)")]
    public Task<IssuedCertificate> IssueFromCsr() => _authority.IssueFromRequestAsync(Identity, _csr);

    [Benchmark(Description = "sign a 2 KB claim with a managed ES256 key")]
    public byte[] SignClaim() => _signer.Key.SignData(_claim, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "sign a CRL of 1,000 entries")]
    public Task<PublishedCrl> CreateCrl() => _authority.CreateCrlAsync(CertificateKind.IssuingCa);

    [Benchmark(Description = "check a certificate against a CRL of 1,000 entries")]
    public RevocationStatus CheckCrl() => RevocationCheck.Check(_leaf, _issuing, _crl, DateTimeOffset.UtcNow);

    [Benchmark(Description = "check a certificate against the same CRL, parsed once")]
    public RevocationStatus CheckParsedCrl() => RevocationCheck.Check(_leaf, _issuing, _parsedCrl, DateTimeOffset.UtcNow);

    [Benchmark(Description = "open an encrypted key file (PBKDF2 600,000)")]
    public void OpenKey()
    {
        using var key = _keys.Open(CertificateAuthority.IssuingKeyName);
    }
}
