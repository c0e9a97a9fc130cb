using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Senim.Signatures.Tests.Support;

/// <summary>How openssl should sign: the shape a signing tool or NCALayer would produce.</summary>
/// <param name="Attached">Put the content inside the file (NCALayer's createCMSSignatureFromBase64 with attach).</param>
/// <param name="Pem">PEM output instead of DER.</param>
/// <param name="Digest">openssl's -md name.</param>
/// <param name="Pss">RSASSA-PSS (salt as long as the digest) instead of PKCS #1 v1.5.</param>
/// <param name="ExtraCertificates">A PEM file of certificates to add to the file (-certfile).</param>
/// <param name="Cades">Add the ESS signing-certificate-v2 attribute (-cades).</param>
/// <param name="Signers">Further leaves that sign the same content in the same file.</param>
/// <param name="Streamed">BER with indefinite lengths (-stream), as streaming signers such as Bouncy Castle write.</param>
/// <param name="PssSalt">openssl's rsa_pss_saltlen for PSS: "digest" (what .NET verifies), "max", or a number.</param>
internal sealed record SignOptions(bool Attached = false, bool Pem = false, string Digest = "sha256", bool Pss = false, string? ExtraCertificates = null, bool Cades = true, IReadOnlyList<string>? Signers = null, bool Streamed = false, string PssSalt = "digest");

/// <summary>
/// A throwaway PKI in the NCA's shape, made by openssl in a temporary folder: a root, an intermediate with its
/// CRL, legal-entity certificates with the NCA subject layout (SERIALNUMBER=IIN…, OU=BIN…, O, CN, SURNAME,
/// GIVENNAME, C=KZ) and extended key usage (emailProtection + 1.2.398.3.3.4.1.2.*), and the odd ones the tests
/// refuse: expired, revoked, an individual's, one without a signing key usage, and one under a foreign root.
/// Signatures are made by `openssl cms -sign`. Used by the tests and the benchmark, so it depends on no test framework.
/// </summary>
internal sealed class NcaTestPki : IDisposable
{
    /// <summary>A BIN whose check digit comes from the first pass.</summary>
    public const string Bin = "251140001014";

    /// <summary>A second organisation's BIN, whose check digit comes from the second pass.</summary>
    public const string OtherBin = "260540000012";

    public const string Iin = "900101300007";

    public const string Organisation = "ТОО «Сенім Тест»";

    /// <summary>The intermediate's name, which "twin" (another key) also bears.</summary>
    private const string IntermediateSubject = "/C=KZ/O=Senim test/CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST";

    private NcaTestPki(string openssl, string dir)
    {
        OpenSsl = openssl;
        Dir = dir;
    }

    public string OpenSsl { get; }

    public string Dir { get; }

    public X509Certificate2 Root { get; private set; } = null!;

    public X509Certificate2 Intermediate { get; private set; } = null!;

    public X509Certificate2 RogueRoot { get; private set; } = null!;

    /// <summary>The legal-entity leaves by name: legal, employee, expired, future, revoked, individual, nosign, rogue (under rogue-root), and the CA "twin" with the intermediate's name and another key; and legal1..legalN for the benchmark.</summary>
    public IReadOnlyDictionary<string, string> Leaves => leaves;

    private readonly Dictionary<string, string> leaves = new(StringComparer.Ordinal);

    /// <summary>Finds openssl: SENIM_TEST_OPENSSL when set (it must exist), else `openssl` on PATH.</summary>
    /// <exception cref="InvalidOperationException">Neither is there; the message says what to install.</exception>
    public static string FindOpenSsl()
    {
        var configured = Environment.GetEnvironmentVariable("SENIM_TEST_OPENSSL");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"SENIM_TEST_OPENSSL is set to {configured}, which does not exist.");
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(folder, "openssl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The signature tests make their PKI with openssl, which is not on PATH: install it (apt-get install openssl) or set SENIM_TEST_OPENSSL to its path. scripts/test.sh does both.");
    }

    /// <summary>Makes the PKI; <paramref name="extraLegal"/> more legal-entity leaves (legal1…) for varied benchmark inputs.</summary>
    public static NcaTestPki Create(int extraLegal = 0)
    {
        var pki = new NcaTestPki(FindOpenSsl(), Directory.CreateTempSubdirectory("senim-nca-pki-").FullName);
        try
        {
            pki.Build(extraLegal);
            return pki;
        }
        catch
        {
            pki.Dispose();
            throw;
        }
    }

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    public X509Certificate2 Leaf(string name) => X509CertificateLoader.LoadCertificateFromFile(Path(name + ".pem"));

    /// <summary>Signs <paramref name="content"/> with the leaf <paramref name="leaf"/> through `openssl cms -sign`.</summary>
    public byte[] Sign(string leaf, byte[] content, SignOptions? options = null)
    {
        options ??= new SignOptions();
        var id = Guid.NewGuid().ToString("N");
        var input = Path($"content-{id}.bin");
        var output = Path($"signature-{id}.out");
        File.WriteAllBytes(input, content);
        var arguments = new List<string> { "cms", "-sign", "-binary", "-nosmimecap", "-in", input, "-md", options.Digest, "-outform", options.Pem ? "PEM" : "DER", "-out", output };
        foreach (var signer in (IEnumerable<string>)[leaf, .. options.Signers ?? []])
        {
            arguments.AddRange(["-signer", Path(signer + ".pem"), "-inkey", Path(signer + ".key")]);
            if (options.Pss)
            {
                arguments.AddRange(["-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_pss_saltlen:" + options.PssSalt]);
            }
        }

        if (options.Attached)
        {
            arguments.Add("-nodetach");
        }

        if (options.Cades)
        {
            arguments.Add("-cades");
        }

        if (options.Streamed)
        {
            arguments.Add("-stream");
        }

        if (options.ExtraCertificates is not null)
        {
            arguments.AddRange(["-certfile", options.ExtraCertificates]);
        }

        Run(arguments);
        var signature = File.ReadAllBytes(output);
        File.Delete(input);
        File.Delete(output);
        return signature;
    }

    /// <summary>Runs openssl with <paramref name="arguments"/> in <see cref="Dir"/>; throws with its output when it fails.</summary>
    public string Run(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(OpenSsl)
        {
            WorkingDirectory = Dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} did not finish within two minutes.");
        }

        var output = stdout.GetAwaiter().GetResult();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.GetAwaiter().GetResult()}");
    }

    public void Dispose()
    {
        Root?.Dispose();
        Intermediate?.Dispose();
        RogueRoot?.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Build(int extraLegal)
    {
        File.WriteAllText(Path("ca.cnf"), Config);
        MakeRoot("root", "/C=KZ/O=Senim test/CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST ROOT");
        MakeRoot("rogue-root", "/C=KZ/O=Not the NCA/CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (FAKE)");
        Issue("root", "intermediate", IntermediateSubject, "v3_intermediate", days: 3650);
        MakeRoot("twin", IntermediateSubject);

        Issue("intermediate", "legal", LegalSubject(Iin, Bin, "ТЕСТОВ", "ТЕСТ", "ТЕСТОВИЧ", Organisation), "v3_first_head");
        Issue("intermediate", "employee", LegalSubject("880512400120", Bin, "ӘБІЛОВА", "АЙГҮЛ", "СЕРІКҚЫЗЫ", Organisation), "v3_employee");
        Issue("intermediate", "expired", LegalSubject(Iin, Bin, "ТЕСТОВ", "ТЕСТ", "ТЕСТОВИЧ", Organisation), "v3_first_head", start: "20200101000000Z", end: "20210101000000Z");
        Issue("intermediate", "future", LegalSubject(Iin, Bin, "ТЕСТОВ", "ТЕСТ", "ТЕСТОВИЧ", Organisation), "v3_first_head", start: "20900101000000Z", end: "20910101000000Z");
        Issue("intermediate", "revoked", LegalSubject(Iin, Bin, "ТЕСТОВ", "ТЕСТ", "ТЕСТОВИЧ", Organisation), "v3_first_head");
        Issue("intermediate", "individual", $"/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN{Iin}/C=KZ/GN=ТЕСТОВИЧ", "v3_individual");
        Issue("intermediate", "nosign", LegalSubject(Iin, Bin, "ТЕСТОВ", "ТЕСТ", "ТЕСТОВИЧ", Organisation), "v3_no_signing");
        Issue("rogue-root", "rogue", LegalSubject(Iin, Bin, "ТЕСТОВ", "ТЕСТ", "ТЕСТОВИЧ", Organisation), "v3_first_head");
        for (var i = 1; i <= extraLegal; i++)
        {
            Issue("intermediate", $"legal{i}", LegalSubject(Iin, Bin, "ТЕСТОВ", $"ТЕСТ {i}", "ТЕСТОВИЧ", Organisation), "v3_first_head");
        }

        Run(["ca", "-config", Path("ca.cnf"), "-name", "intermediate", "-revoke", Path("revoked.pem"), "-crl_reason", "keyCompromise", "-batch"]);
        MakeCrl("root");
        MakeCrl("intermediate");
        MakeCrl("twin");

        Root = X509CertificateLoader.LoadCertificateFromFile(Path("root.pem"));
        Intermediate = X509CertificateLoader.LoadCertificateFromFile(Path("intermediate.pem"));
        RogueRoot = X509CertificateLoader.LoadCertificateFromFile(Path("rogue-root.pem"));
    }

    public void MakeCrl(string ca, string? output = null, int hours = 24 * 7) =>
        Run(["ca", "-config", Path("ca.cnf"), "-name", ca, "-gencrl", "-crlhours", hours.ToString(CultureInfo.InvariantCulture), "-out", output ?? Path(ca + ".crl"), "-batch"]);

    private static string LegalSubject(string iin, string bin, string surname, string name, string patronymic, string organisation) =>
        $"/CN={surname} {name}/SN={surname}/serialNumber=IIN{iin}/C=KZ/O={organisation.Replace("/", "\\/", StringComparison.Ordinal)}/OU=BIN{bin}/GN={patronymic}";

    private void MakeRoot(string name, string subject)
    {
        PrepareCa(name);
        Run(["req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-utf8", "-keyout", Path(name + ".key"), "-out", Path(name + ".pem"),
            "-subj", subject, "-days", "3650", "-sha256", "-config", Path("ca.cnf"), "-extensions", "v3_root"]);
    }

    private void Issue(string ca, string name, string subject, string extensions, int days = 365, string? start = null, string? end = null)
    {
        if (extensions == "v3_intermediate")
        {
            PrepareCa(name);
        }

        Run(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-utf8", "-keyout", Path(name + ".key"), "-out", Path(name + ".csr"), "-subj", subject, "-config", Path("ca.cnf")]);
        var arguments = new List<string> { "ca", "-config", Path("ca.cnf"), "-name", ca, "-batch", "-notext", "-utf8", "-preserveDN", "-extensions", extensions, "-in", Path(name + ".csr"), "-out", Path(name + ".pem") };
        arguments.AddRange(start is null ? ["-days", days.ToString(CultureInfo.InvariantCulture)] : ["-startdate", start, "-enddate", end!]);
        Run(arguments);
        leaves[name] = Path(name + ".pem");
    }

    private void PrepareCa(string name)
    {
        var folder = Path(name + "-db");
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "new"));
        File.WriteAllText(System.IO.Path.Combine(folder, "index.txt"), string.Empty);
        File.WriteAllText(System.IO.Path.Combine(folder, "serial"), Convert.ToHexString(Guid.NewGuid().ToByteArray()[..8]) + "\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "crlnumber"), "01\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "index.txt.attr"), "unique_subject = no\n");
    }

    /// <summary>The leaf profiles: key usage and NCA extended key usage (legal entity with a role, individual, a key that cannot sign).</summary>
    private static readonly (string Section, string Usage)[] LeafProfiles =
    [
        ("v3_first_head", "keyUsage = critical,digitalSignature,nonRepudiation\nextendedKeyUsage = emailProtection,1.2.398.3.3.4.1.2,1.2.398.3.3.4.1.2.1"),
        ("v3_employee", "keyUsage = critical,digitalSignature,nonRepudiation\nextendedKeyUsage = emailProtection,1.2.398.3.3.4.1.2,1.2.398.3.3.4.1.2.5"),
        ("v3_individual", "keyUsage = critical,digitalSignature,nonRepudiation\nextendedKeyUsage = emailProtection,1.2.398.3.3.4.1.1"),
        ("v3_no_signing", "keyUsage = critical,keyEncipherment\nextendedKeyUsage = clientAuth,1.2.398.3.3.4.1.2,1.2.398.3.3.4.1.2.1"),
    ];

    private string Config
    {
        get
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"""
                [ req ]
                distinguished_name = dn
                string_mask = utf8only
                utf8 = yes
                [ dn ]
                [ v3_root ]
                basicConstraints = critical,CA:true
                keyUsage = critical,keyCertSign,cRLSign
                subjectKeyIdentifier = hash

                """);
            foreach (var ca in new[] { "root", "rogue-root", "intermediate", "twin" })
            {
                text.Append(CultureInfo.InvariantCulture, $"""
                    [ {ca} ]
                    dir = {Path(ca + "-db")}
                    database = $dir/index.txt
                    new_certs_dir = $dir/new
                    serial = $dir/serial
                    crlnumber = $dir/crlnumber
                    certificate = {Path(ca + ".pem")}
                    private_key = {Path(ca + ".key")}
                    default_md = sha256
                    default_crl_days = 7
                    policy = any
                    unique_subject = no
                    copy_extensions = none
                    crl_extensions = crl_ext

                    """);
            }

            text.Append("""
                [ any ]
                commonName = supplied
                [ crl_ext ]
                authorityKeyIdentifier = keyid:always
                [ v3_intermediate ]
                basicConstraints = critical,CA:true,pathlen:0
                keyUsage = critical,keyCertSign,cRLSign
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid:always
                crlDistributionPoints = URI:http://crl.test.invalid/root.crl

                """);
            foreach (var (section, usage) in LeafProfiles)
            {
                text.Append(CultureInfo.InvariantCulture, $"""
                    [ {section} ]
                    {usage}
                    basicConstraints = critical,CA:false
                    subjectKeyIdentifier = hash
                    authorityKeyIdentifier = keyid:always
                    certificatePolicies = 1.2.398.3.3.2.1
                    crlDistributionPoints = URI:http://crl.test.invalid/intermediate.crl

                    """);
            }

            return text.ToString();
        }
    }
}
