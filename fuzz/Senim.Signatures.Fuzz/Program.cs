using SharpFuzz;
using Senim.Signatures.Challenges;
using Senim.Signatures.Revocation;
using Senim.Signatures.Tests.Support;
using Senim.Signatures.Verification;

if (args is ["--seed", var folder])
{
    // Seeds and the trust the verifier runs with: an NCA-shaped PKI made by openssl, a signed challenge in
    // several encodings, and the CRLs. Made before instrumenting, as the instrumented library runs only under AFL.
    Directory.CreateDirectory(Path.Combine(folder, "corpus"));
    using var pki = NcaTestPki.Create();
    var content = Challenge.ForOrganisation(NcaTestPki.Organisation, Senim.Signatures.Identifiers.Bin.Parse(NcaTestPki.Bin), new DateOnly(2026, 1, 18), new Uri("https://senim.example.kz")).ToBytes();
    File.WriteAllBytes(Path.Combine(folder, "challenge.txt"), content);
    File.WriteAllBytes(Path.Combine(folder, "corpus", "detached.der"), pki.Sign("legal", content));
    File.WriteAllBytes(Path.Combine(folder, "corpus", "attached.der"), pki.Sign("legal", content, new SignOptions(Attached: true)));
    File.WriteAllBytes(Path.Combine(folder, "corpus", "attached.pem"), pki.Sign("legal", content, new SignOptions(Attached: true, Pem: true)));
    File.WriteAllBytes(Path.Combine(folder, "corpus", "streamed.ber"), pki.Sign("legal", content, new SignOptions(Streamed: true)));
    File.WriteAllBytes(Path.Combine(folder, "corpus", "intermediate.crl"), File.ReadAllBytes(pki.Path("intermediate.crl")));
    foreach (var name in new[] { "root.pem", "intermediate.pem", "root.crl", "intermediate.crl" })
    {
        File.Copy(pki.Path(name), Path.Combine(folder, name), overwrite: true);
    }

    return;
}

// AFL++ drives this process through SharpFuzz: every input is verified as a signature over the seed
// challenge, read as a challenge and added as a CRL. A verdict, a ChallengeException and a CrlException are
// expected answers to bad input; any other exception, a hang or a crash is a finding.
var trustFolder = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("SENIM_FUZZ_TRUST") ?? ".";
SignatureVerifier? verifier = null;
byte[]? challenge = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    if (verifier is null)
    {
        var crls = new CrlCache();
        crls.Add(File.ReadAllBytes(Path.Combine(trustFolder, "root.crl")));
        crls.Add(File.ReadAllBytes(Path.Combine(trustFolder, "intermediate.crl")));
        var anchors = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(trustFolder, "root.pem"));
        var intermediate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(trustFolder, "intermediate.pem"));
        verifier = new SignatureVerifier(new TrustSettings([anchors], [intermediate]) { Crls = crls });
        challenge = File.ReadAllBytes(Path.Combine(trustFolder, "challenge.txt"));
    }

    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    var bytes = buffer.ToArray();
    verifier.VerifyAsync(new SignatureRequest { Signature = bytes, ExpectedContent = challenge }).AsTask().GetAwaiter().GetResult();
    try
    {
        Challenge.Parse(bytes);
    }
    catch (ChallengeException)
    {
    }

    try
    {
        new CrlCache().Add(bytes);
    }
    catch (CrlException)
    {
    }
});
