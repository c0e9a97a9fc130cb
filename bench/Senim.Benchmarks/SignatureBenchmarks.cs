using BenchmarkDotNet.Attributes;
using Senim.Signatures.Challenges;
using Senim.Signatures.Identifiers;
using Senim.Signatures.Revocation;
using Senim.Signatures.Tests.Support;
using Senim.Signatures.Verification;

namespace Senim.Benchmarks;

/// <summary>
/// Verifying a legal-entity signature as the organisation-verification page will: a detached CMS (RSA-2048,
/// SHA-256, CAdES signing-certificate attribute) over a fresh challenge, a chain of three (leaf in the file,
/// intermediate configured, root anchored), both CRLs cached. Requests are varied: 256 signatures over 256
/// challenges with distinct nonces, by 8 different legal-entity certificates, taken in turn, so no two
/// consecutive calls verify the same bytes; what stays cached is what a long-lived verifier caches in service
/// (parsed certificates, verified CA signatures, parsed CRLs). "cold" builds a new verifier per call: nothing
/// but the CRLs is cached, as for the first request after start-up. The goal (issue 11) is ≥ 2,000 / s on one core.
/// The test PKI is made by openssl (SENIM_TEST_OPENSSL or openssl on PATH) in the setup.
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private const int Signers = 8;
    private const int Signatures = 256;
    private NcaTestPki pki = null!;
    private TrustSettings trust = null!;
    private SignatureVerifier verifier = null!;
    private SignatureRequest[] requests = null!;
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        pki = NcaTestPki.Create(extraLegal: Signers);
        var crls = new CrlCache();
        crls.Add(File.ReadAllBytes(pki.Path("root.crl")));
        crls.Add(File.ReadAllBytes(pki.Path("intermediate.crl")));
        trust = new TrustSettings([pki.Root], [pki.Intermediate]) { Crls = crls };
        verifier = new SignatureVerifier(trust);
        var origin = new Uri("https://senim.example.kz");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        requests = new SignatureRequest[Signatures];
        for (var i = 0; i < Signatures; i++)
        {
            var challenge = Challenge.ForOrganisation(NcaTestPki.Organisation, Bin.Parse(NcaTestPki.Bin), today, origin);
            requests[i] = SignatureRequest.ForChallenge(pki.Sign($"legal{(i % Signers) + 1}", challenge.ToBytes()), challenge);
        }

        foreach (var request in requests)
        {
            var verdict = verifier.VerifyAsync(request).AsTask().GetAwaiter().GetResult();
            if (!verdict.IsValid)
            {
                throw new InvalidOperationException("A benchmark signature does not verify: " + verdict.Failure!.Message);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => pki.Dispose();

    [Benchmark(Description = "verify a legal-entity CMS signature (RSA-2048, chain of 3, CRLs cached)")]
    public bool Verify() => verifier.VerifyAsync(requests[next++ % Signatures]).AsTask().GetAwaiter().GetResult().IsValid;

    [Benchmark(Description = "the same with a new verifier per call (cold caches, CRLs parsed)")]
    public bool VerifyCold() => new SignatureVerifier(trust).VerifyAsync(requests[next++ % Signatures]).AsTask().GetAwaiter().GetResult().IsValid;
}
