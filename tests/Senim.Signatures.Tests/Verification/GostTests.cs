using System.Security.Cryptography;
using Senim.Signatures.Algorithms;
using Senim.Signatures.Challenges;
using Senim.Signatures.Tests.Support;
using Senim.Signatures.Verification;

namespace Senim.Signatures.Tests.Verification;

/// <summary>
/// GOST signatures: refused with the missing provider named, and verified through <see cref="ISignatureAlgorithm"/>
/// once a deployment adds one. openssl cannot make Kazakh GOST signatures, so the test relabels an RSA/SHA-512
/// signature with the GOST R 34.10-2015 (512-bit) OIDs and plugs in a stand-in provider that verifies those OIDs
/// with RSA/SHA-512: what is tested is the routing, which is the same for a real provider.
/// </summary>
public sealed class GostTests(PkiFixture fixture)
{
    private const string GostDigest = "1.2.398.3.10.1.3.3";
    private const string GostSignature = "1.2.398.3.10.1.1.2.3.2";
    private readonly NcaTestPki pki = fixture.Pki;
    private readonly Challenge challenge = PkiFixture.NewChallenge();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_GOST_signature_without_a_provider_is_refused_naming_the_algorithm_and_the_missing_provider()
    {
        var cms = CmsSurgery.ReplaceAlgorithms(pki.Sign("legal", challenge.ToBytes(), new SignOptions(Digest: "sha512", Cades: false)), GostDigest, GostSignature);

        var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);

        Assert.Equal(SignatureReason.UnsupportedAlgorithm, verdict.Failure!.Reason);
        Assert.Contains("GOST R 34.10-2015 with GOST R 34.11-2015, 512-bit (1.2.398.3.10.1.1.2.3.2)", verdict.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(".NET has no GOST provider and the deployment configured none", verdict.Failure.Message, StringComparison.Ordinal);
        Assert.NotNull(verdict.Signer);
    }

    [Fact]
    public async Task A_configured_provider_verifies_what_RSA_cannot()
    {
        var cms = CmsSurgery.ReplaceAlgorithms(pki.Sign("legal", challenge.ToBytes(), new SignOptions(Digest: "sha512", Cades: false)), GostDigest, GostSignature);
        var provider = new StandInGost();

        var verdict = await fixture.Verifier(t => PkiFixture.Copy(t) is var copy ? new TrustSettings(copy.Anchors, copy.Intermediates) { Crls = copy.Crls, Algorithms = [provider] } : t).VerifyAsync(cms, challenge, Token);

        Assert.True(verdict.IsValid, verdict.Failure?.Message);
        Assert.True(provider.Digests > 0 && provider.Verifications > 0);
    }

    [Fact]
    public void The_known_Kazakh_OIDs_have_names()
    {
        Assert.True(AlgorithmNames.IsGost("1.2.398.3.10.1.1.1.2"));
        Assert.Equal("GOST 34.310-2004 with GOST 34.311-95 (1.2.398.3.10.1.1.1.2)", AlgorithmNames.Describe("1.2.398.3.10.1.1.1.2"));
        Assert.Equal("a GOST algorithm (1.2.398.3.10.9)", AlgorithmNames.Describe("1.2.398.3.10.9"));
        Assert.False(AlgorithmNames.IsGost("1.2.840.113549.1.1.11"));
    }

    /// <summary>Answers for the GOST OIDs, computing with SHA-512 and RSA: a stand-in for a real GOST provider.</summary>
    private sealed class StandInGost : ISignatureAlgorithm
    {
        public int Digests { get; private set; }

        public int Verifications { get; private set; }

        public string Name => "stand-in GOST";

        public bool CanDigest(string digestOid) => digestOid == GostDigest;

        public byte[] Digest(string digestOid, ReadOnlySpan<byte> data)
        {
            Digests++;
            return SHA512.HashData(data);
        }

        public bool CanVerify(AlgorithmId signature, string? digestOid, string keyAlgorithmOid) => signature.Oid == GostSignature;

        public bool Verify(AlgorithmId signature, string? digestOid, ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signatureValue)
        {
            Verifications++;
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return rsa.VerifyData(signedData, signatureValue, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        }
    }
}
