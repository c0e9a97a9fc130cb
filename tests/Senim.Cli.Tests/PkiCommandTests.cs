using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Authority.Crls;

namespace Senim.Cli.Tests;

/// <summary>`senim pki ...` end to end, in a temporary folder, with the password in a file outside it.</summary>
public sealed class PkiCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("senim-cli-pki-").FullName;

    public PkiCommandTests() => File.WriteAllText(PasswordFile, "a long test password\n");

    private string Dir => Path.Combine(_root, "pki");

    private string PasswordFile => Path.Combine(_root, "password");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private CliRun Pki(params string[] args) => Cli.Run(["pki", .. args, "--dir", Dir, "--password-file", PasswordFile]);

    [Fact]
    public void Init_creates_the_authority_once_and_then_loads_it()
    {
        var first = Pki("init", "--base-url", "https://senim.example.kz/");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"Created the certificate authority in {Dir}.", first.Output, StringComparison.Ordinal);
        Assert.Contains("Root CA: CN=Senim Label Root CA, O=Senim, C=KZ", first.Output, StringComparison.Ordinal);
        Assert.Contains("Publish: https://senim.example.kz/pki/root.crl and https://senim.example.kz/pki/issuing.crl", first.Output, StringComparison.Ordinal);
        using var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Dir, "root.pem"));
        Assert.Contains($"SHA-256 fingerprint: {Convert.ToHexString(SHA256.HashData(root.RawData))}", first.Output, StringComparison.Ordinal);

        var second = Pki("init");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("exists; loaded it.", second.Output, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(SHA256.HashData(root.RawData)), second.Output, StringComparison.Ordinal);

        var moved = Pki("init", "--base-url", "https://elsewhere.example/");
        Assert.Equal(2, moved.ExitCode);
        Assert.Contains("cannot change to https://elsewhere.example/", moved.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_init_needs_a_base_url()
    {
        var run = Pki("init");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The first init needs --base-url", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_from_a_CSR_writes_the_chain_and_revocation_reaches_the_CRL()
    {
        Assert.Equal(0, Pki("init", "--base-url", "https://senim.example.kz/").ExitCode);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Path.Combine(_root, "owner.csr");
        File.WriteAllText(csr, new CertificateRequest("CN=owner", key, HashAlgorithmName.SHA256).CreateSigningRequestPem());
        var chainFile = Path.Combine(_root, "chain.pem");

        var issued = Pki("issue", "--system", "KZ-AI-2026-000007", "--organisation", "ТОО «Мысал»", "--name", "Сурет генераторы", "--csr", csr, "--days", "90", "--out", chainFile);
        Assert.Equal(0, issued.ExitCode);
        Assert.Contains("Issued: SERIALNUMBER=KZ-AI-2026-000007, CN=Сурет генераторы, O=ТОО «Мысал»", issued.Output, StringComparison.Ordinal);
        Assert.Contains("key: held by the owner (from the CSR)", issued.Output, StringComparison.Ordinal);
        var chain = ReadChain(chainFile);
        Assert.Equal(["SERIALNUMBER=KZ-AI-2026-000007, CN=Сурет генераторы, O=ТОО «Мысал»", "CN=Senim Label Issuing CA 1, O=Senim, C=KZ"], chain.Select(c => c.Subject).ToList());
        Assert.Equal(TimeSpan.FromDays(90), chain[0].NotAfter - chain[0].NotBefore);
        var serial = chain[0].SerialNumber;

        var revoked = Pki("revoke", serial, "--reason", "suspended");
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains($"Revoked {serial}", revoked.Output, StringComparison.Ordinal);
        Assert.Contains("reason CertificateHold", revoked.Output, StringComparison.Ordinal);

        var crlFile = Path.Combine(_root, "issuing.crl");
        var crl = Pki("crl", "--out", crlFile);
        Assert.Equal(0, crl.ExitCode);
        Assert.Contains("CRL number 1, 1 revoked certificate(s)", crl.Output, StringComparison.Ordinal);
        var status = RevocationCheck.Check(chain[0], chain[1], File.ReadAllBytes(crlFile), DateTimeOffset.UtcNow);
        Assert.True(status.Revoked);
        Assert.Equal(X509RevocationReason.CertificateHold, status.Reason);

        Assert.Equal(0, Pki("release", serial).ExitCode);
        Assert.Equal(0, Pki("crl", "--out", crlFile, "--pem").ExitCode);
        var released = RevocationCheck.Check(chain[0], chain[1], File.ReadAllBytes(crlFile), DateTimeOffset.UtcNow);
        Assert.False(released.Revoked);
        Assert.Equal(2, released.CrlNumber);

        var rootCrl = Pki("crl", "--root", "--out", Path.Combine(_root, "root.crl"));
        Assert.Contains("CRL number 1, 0 revoked certificate(s)", rootCrl.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_certificate_keeps_its_key_in_the_store_and_is_listed()
    {
        Assert.Equal(0, Pki("init", "--base-url", "https://senim.example.kz/").ExitCode);
        var issued = Pki("issue", "--system", "KZ-AI-2026-000008", "--organisation", "Org", "--name", "Bot", "--managed");
        Assert.Equal(0, issued.ExitCode);
        Assert.Matches("key: held by Senim as 'signer-KZ-AI-2026-000008-[0-9A-F]{32}' \\(ES256\\)", issued.Output);
        Assert.Contains("-----BEGIN CERTIFICATE-----", issued.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(Dir, "keys"), "signer-KZ-AI-2026-000008-*.key.pem"));

        var list = Pki("list", "--system", "KZ-AI-2026-000008");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches("[0-9A-F]{32}  Signer .*valid .*SERIALNUMBER=KZ-AI-2026-000008, CN=Bot, O=Org", list.Output);
        Assert.Contains("1 certificate(s).", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_are_clear_and_exit_non_zero()
    {
        Assert.Equal(0, Pki("init", "--base-url", "https://senim.example.kz/").ExitCode);

        File.WriteAllText(PasswordFile, "a different password");
        var wrong = Pki("crl", "--out", Path.Combine(_root, "x.crl"));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal("The key 'ca-issuing' could not be decrypted: the key store password is wrong, or the key file was altered.\n", wrong.Error.ReplaceLineEndings("\n"));
        File.WriteAllText(PasswordFile, "a long test password\n");

        var both = Pki("issue", "--system", "KZ-AI-2026-000001", "--organisation", "O", "--name", "N");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("Give exactly one of --csr FILE", both.Error, StringComparison.Ordinal);

        var csr = Path.Combine(_root, "bad.csr");
        File.WriteAllText(csr, "not a request");
        var bad = Pki("issue", "--system", "KZ-AI-2026-000001", "--organisation", "O", "--name", "N", "--csr", csr);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("The certificate signing request was refused: it is neither DER nor a PEM block.", bad.Error, StringComparison.Ordinal);

        var number = Pki("issue", "--system", "42", "--organisation", "O", "--name", "N", "--managed");
        Assert.Equal(2, number.ExitCode);
        Assert.Contains("'42' is not a register number", number.Error, StringComparison.Ordinal);

        var reason = Pki("revoke", "0102", "--reason", "banana");
        Assert.Equal(2, reason.ExitCode);
        Assert.Contains("--reason must be one of: suspended, withdrawn, key-compromise", reason.Error, StringComparison.Ordinal);

        var unknown = Pki("revoke", "0102", "--reason", "withdrawn");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No certificate with serial 0102", unknown.Error, StringComparison.Ordinal);

        var inside = Cli.Run("pki", "crl", "--out", "x.crl", "--dir", Dir, "--password-file", Path.Combine(Dir, "pw"));
        Assert.Equal(2, inside.ExitCode);
        Assert.Contains("keep the password away from the keys", inside.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_before_init_say_how_to_start()
    {
        var run = Pki("crl", "--out", Path.Combine(_root, "x.crl"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("run senim pki init --base-url URL first", run.Error, StringComparison.Ordinal);
    }

    private static List<X509Certificate2> ReadChain(string path)
    {
        var text = File.ReadAllText(path);
        var certificates = new List<X509Certificate2>();
        var offset = 0;
        while (PemEncoding.TryFind(text.AsSpan(offset), out var fields))
        {
            var block = text.AsSpan(offset);
            Assert.Equal("CERTIFICATE", block[fields.Label].ToString());
            certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(block[fields.Base64Data].ToString())));
            offset += fields.Location.End.Value;
        }

        return certificates;
    }
}
