using System.Security.Cryptography;
using System.Text;
using Senim.Signatures.Certificates;
using Senim.Signatures.Challenges;
using Senim.Signatures.Identifiers;
using Senim.Signatures.Tests.Support;
using Senim.Signatures.Verification;

namespace Senim.Signatures.Tests.Verification;

/// <summary>The verifier against signatures openssl makes with an NCA-shaped test PKI: each refusal with its own reason.</summary>
public sealed class SignatureVerifierTests(PkiFixture fixture)
{
    private static readonly Uri Origin = new("https://senim.example.kz");
    private readonly NcaTestPki pki = fixture.Pki;

    private static Challenge NewChallenge(string bin = NcaTestPki.Bin) => PkiFixture.NewChallenge(bin);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_detached_DER_signature_over_the_challenge_verifies_and_names_the_signer()
    {
        var challenge = NewChallenge();
        var cms = pki.Sign("legal", challenge.ToBytes());

        var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);

        Assert.True(verdict.IsValid, verdict.Failure?.Message);
        var signer = verdict.Signer!;
        Assert.Equal(NcaTestPki.Bin, signer.Holder.Bin);
        Assert.Equal(NcaTestPki.Iin, signer.Holder.Iin);
        Assert.Equal(NcaTestPki.Organisation, signer.Holder.Organisation);
        Assert.Equal("ТЕСТОВ ТЕСТ", signer.Holder.CommonName);
        Assert.Equal("ТЕСТОВ", signer.Holder.Surname);
        Assert.Equal("ТЕСТОВИЧ", signer.Holder.GivenName);
        Assert.Equal("KZ", signer.Holder.Country);
        Assert.Equal(NcaRole.FirstHead, signer.Role);
        using var leaf = pki.Leaf("legal");
        Assert.Equal(leaf.SerialNumber, signer.SerialNumber);
        Assert.Equal(leaf.Issuer, signer.Issuer);
        Assert.Equal(new DateTimeOffset(leaf.NotAfter.ToUniversalTime()), signer.NotAfter);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(cms)), verdict.CmsSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(challenge.ToBytes())), verdict.ContentSha256);
        Assert.False(verdict.Attached);
        Assert.NotNull(verdict.SigningTime);
        Assert.Equal(3, verdict.Path.Count);
        Assert.Equal(2, verdict.Notes.Count(n => n.Contains("not revoked", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_attached_PEM_signature_verifies_and_its_log_hash_is_over_the_DER()
    {
        var challenge = NewChallenge();
        var pem = pki.Sign("legal", challenge.ToBytes(), new SignOptions(Attached: true, Pem: true));
        Assert.StartsWith("-----BEGIN CMS-----", Encoding.ASCII.GetString(pem), StringComparison.Ordinal);

        var verdict = await fixture.Verifier().VerifyAsync(pem, challenge, Token);

        Assert.True(verdict.IsValid, verdict.Failure?.Message);
        Assert.True(verdict.Attached);
        var der = Convert.FromBase64String(string.Concat(Encoding.ASCII.GetString(pem).Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(der)), verdict.CmsSha256);
    }

    [Fact]
    public async Task The_Base64_that_NCALayer_returns_verifies_attached_and_detached()
    {
        var challenge = NewChallenge();
        foreach (var attached in new[] { true, false })
        {
            var base64 = Convert.ToBase64String(pki.Sign("legal", challenge.ToBytes(), new SignOptions(Attached: attached)));
            var verdict = await fixture.Verifier().VerifyAsync(Encoding.ASCII.GetBytes(base64 + "\r\n"), challenge, Token);
            Assert.True(verdict.IsValid, verdict.Failure?.Message);
            Assert.Equal(attached, verdict.Attached);
        }
    }

    [Fact]
    public async Task A_BER_signature_with_indefinite_lengths_verifies_attached_and_detached()
    {
        var challenge = NewChallenge();
        foreach (var attached in new[] { true, false })
        {
            var cms = pki.Sign("legal", challenge.ToBytes(), new SignOptions(Attached: attached, Streamed: true));
            Assert.Equal(0x80, cms[1]);
            var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);
            Assert.True(verdict.IsValid, verdict.Failure?.Message);
        }
    }

    [Theory]
    [InlineData("sha256", false)]
    [InlineData("sha384", false)]
    [InlineData("sha512", false)]
    [InlineData("sha256", true)]
    [InlineData("sha512", true)]
    public async Task RSA_with_PKCS1_and_PSS_over_SHA2_verifies(string digest, bool pss)
    {
        var challenge = NewChallenge();
        var cms = pki.Sign("legal", challenge.ToBytes(), new SignOptions(Digest: digest, Pss: pss));
        var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);
        Assert.True(verdict.IsValid, verdict.Failure?.Message);
    }

    [Fact]
    public async Task PSS_with_a_salt_other_than_the_hash_length_is_refused_saying_why()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("legal", challenge.ToBytes(), new SignOptions(Pss: true, PssSalt: "20")), challenge, Token);
        Refused(verdict, SignatureReason.UnsupportedAlgorithm, "RSASSA-PSS with a 20-byte salt is not accepted");
    }

    [Fact]
    public async Task Many_verifications_at_once_share_the_caches_safely()
    {
        var challenges = Enumerable.Range(0, 8).Select(_ => NewChallenge()).ToArray();
        var requests = challenges.Select((c, i) => SignatureRequest.ForChallenge(pki.Sign(i % 2 == 0 ? "legal" : "employee", c.ToBytes()), c)).ToArray();
        var verifier = fixture.Verifier();
        var verdicts = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () => await verifier.VerifyAsync(requests[i % requests.Length], Token), Token)));
        Assert.All(verdicts, v => Assert.True(v.IsValid, v.Failure?.Message));
        Assert.Equal(8, verdicts.Select(v => v.ContentSha256).Distinct().Count());
    }

    [Fact]
    public async Task SHA1_is_refused_as_unsupported_algorithm()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("legal", challenge.ToBytes(), new SignOptions(Digest: "sha1", Cades: false)), challenge, Token);
        Refused(verdict, SignatureReason.UnsupportedAlgorithm, "SHA-1 is no longer accepted");
    }

    [Fact]
    public async Task A_signature_without_the_CAdES_signing_certificate_attribute_also_verifies()
    {
        var challenge = NewChallenge();
        var cms = pki.Sign("legal", challenge.ToBytes(), new SignOptions(Cades: false));
        Assert.True((await fixture.Verifier().VerifyAsync(cms, challenge, Token)).IsValid);
    }

    [Fact]
    public async Task Another_organisations_BIN_is_refused_as_wrong_bin()
    {
        var challenge = NewChallenge(NcaTestPki.OtherBin);
        var cms = pki.Sign("legal", challenge.ToBytes());

        var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);

        Refused(verdict, SignatureReason.WrongBin, $"issued for BIN {NcaTestPki.Bin} ({NcaTestPki.Organisation}), not for the organisation's BIN {NcaTestPki.OtherBin}");
        Assert.Equal(NcaTestPki.Bin, verdict.Signer!.Holder.Bin);
    }

    [Fact]
    public async Task A_certificate_expired_before_signing_is_refused_as_expired()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("expired", challenge.ToBytes()), challenge, Token);
        Refused(verdict, SignatureReason.Expired, "expired at 2021-01-01 00:00:00Z, before the signing time");
    }

    [Fact]
    public async Task A_certificate_valid_only_after_the_signing_time_is_refused_as_not_yet_valid()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("future", challenge.ToBytes()), challenge, Token);
        Refused(verdict, SignatureReason.NotYetValid, "is valid from 2090-01-01 00:00:00Z, after the signing time");
    }

    [Fact]
    public async Task A_revoked_certificate_is_refused_as_revoked_with_the_CRL_that_says_so()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("revoked", challenge.ToBytes()), challenge, Token);
        Refused(verdict, SignatureReason.Revoked, "(keyCompromise), says the CRL number 1 of");
    }

    [Fact]
    public async Task A_certificate_under_an_unknown_root_is_refused_as_untrusted_root()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("rogue", challenge.ToBytes(), new SignOptions(ExtraCertificates: pki.Path("rogue-root.pem"))), challenge, Token);
        Refused(verdict, SignatureReason.UntrustedRoot, "a root that is not among the configured trust anchors");

        var bare = await fixture.Verifier().VerifyAsync(pki.Sign("rogue", challenge.ToBytes()), challenge, Token);
        Refused(bare, SignatureReason.UntrustedRoot, "cannot be traced to a trusted root");
    }

    [Fact]
    public async Task Without_the_configured_intermediate_the_signer_cannot_be_traced()
    {
        var challenge = NewChallenge();
        var verifier = fixture.Verifier(t => PkiFixture.Copy(t, intermediates: []));
        var verdict = await verifier.VerifyAsync(pki.Sign("legal", challenge.ToBytes()), challenge, Token);
        Refused(verdict, SignatureReason.UntrustedRoot, "No certificate of");

        var carried = await verifier.VerifyAsync(pki.Sign("legal", challenge.ToBytes(), new SignOptions(ExtraCertificates: pki.Path("intermediate.pem"))), challenge, Token);
        Assert.True(carried.IsValid, carried.Failure?.Message);
    }

    [Fact]
    public async Task A_challenge_changed_inside_an_attached_signature_is_refused_as_signature_invalid()
    {
        var challenge = NewChallenge();
        var cms = pki.Sign("legal", challenge.ToBytes(), new SignOptions(Attached: true));
        var tampered = CmsSurgery.Patch(cms, Encoding.UTF8.GetBytes("bin: " + NcaTestPki.Bin), Encoding.UTF8.GetBytes("bin: " + NcaTestPki.OtherBin));

        var verdict = await fixture.Verifier().VerifyAsync(tampered, challenge, Token);

        Refused(verdict, SignatureReason.SignatureInvalid, "changed after signing");
    }

    [Fact]
    public async Task A_detached_signature_over_a_changed_copy_of_the_challenge_is_refused_as_content_mismatch()
    {
        var challenge = NewChallenge();
        var changed = Encoding.UTF8.GetBytes(challenge.ToString().Replace("senim.example.kz", "senim.example.xx", StringComparison.Ordinal));
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("legal", changed), challenge, Token);
        Refused(verdict, SignatureReason.ContentMismatch, "other content than the expected challenge");
    }

    [Fact]
    public async Task An_attached_signature_over_another_text_names_the_line_that_differs()
    {
        var challenge = NewChallenge();
        var other = new Challenge(challenge.Purpose, "ТОО «Басқа»", challenge.Bin, null, null, challenge.Date, challenge.Nonce, challenge.Origin);
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("legal", other.ToBytes(), new SignOptions(Attached: true)), challenge, Token);
        Refused(verdict, SignatureReason.ContentMismatch, "in its 'organisation' line");
    }

    [Fact]
    public async Task A_signature_over_another_nonce_is_refused_as_nonce_mismatch()
    {
        var challenge = NewChallenge();
        var earlier = new Challenge(challenge.Purpose, challenge.Organisation, challenge.Bin, null, null, challenge.Date, Challenge.NewNonce(), challenge.Origin);
        var cms = pki.Sign("legal", earlier.ToBytes(), new SignOptions(Attached: true));

        var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);

        Refused(verdict, SignatureReason.NonceMismatch, "issued for another request");
        var detached = await fixture.Verifier().VerifyAsync(pki.Sign("legal", earlier.ToBytes()), challenge, Token);
        Assert.Equal(SignatureReason.ContentMismatch, detached.Failure!.Reason);
    }

    [Fact]
    public async Task A_detached_signature_without_its_content_is_refused_as_content_missing()
    {
        var cms = pki.Sign("legal", NewChallenge().ToBytes());
        var verdict = await fixture.Verifier().VerifyAsync(new SignatureRequest { Signature = cms }, Token);
        Refused(verdict, SignatureReason.ContentMissing, "detached");
    }

    [Fact]
    public async Task An_individuals_certificate_is_refused_as_not_legal_entity_but_may_sign_an_act()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("individual", challenge.ToBytes()), challenge, Token);
        Refused(verdict, SignatureReason.NotLegalEntity, "an individual's");

        var act = Challenge.ForAct("KZ-AI-2026-000123/recommendation/1", SHA256.HashData("text"u8), null, null, challenge.Date, Origin);
        var request = SignatureRequest.ForChallenge(pki.Sign("individual", act.ToBytes()), act) with { ExpectedIin = Iin.Parse(NcaTestPki.Iin) };
        var signed = await fixture.Verifier().VerifyAsync(request, Token);
        Assert.True(signed.IsValid, signed.Failure?.Message);
        Assert.Equal(NcaRole.Individual, signed.Signer!.Role);

        var someoneElse = await fixture.Verifier().VerifyAsync(request with { ExpectedIin = Iin.Parse("880512400120") }, Token);
        Refused(someoneElse, SignatureReason.WrongIin, "not for the expected IIN 880512400120");
    }

    [Fact]
    public async Task A_key_that_may_not_sign_is_refused_as_wrong_key_usage()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier().VerifyAsync(pki.Sign("nosign", challenge.ToBytes()), challenge, Token);
        Refused(verdict, SignatureReason.WrongKeyUsage, "neither digitalSignature nor nonRepudiation");
    }

    [Fact]
    public async Task A_role_outside_the_accepted_ones_is_refused_as_role_not_accepted()
    {
        var challenge = NewChallenge();
        var request = SignatureRequest.ForChallenge(pki.Sign("employee", challenge.ToBytes()), challenge) with
        {
            AcceptedRoles = new HashSet<NcaRole> { NcaRole.FirstHead, NcaRole.SigningAuthority },
        };
        var verdict = await fixture.Verifier().VerifyAsync(request, Token);
        Refused(verdict, SignatureReason.RoleNotAccepted, "role is Employee");
        Assert.True((await fixture.Verifier().VerifyAsync(request with { AcceptedRoles = null }, Token)).IsValid);
    }

    [Fact]
    public async Task A_signing_time_ahead_of_the_clock_is_refused()
    {
        var challenge = NewChallenge();
        var verdict = await fixture.Verifier(time: PkiFixture.Clock(TimeSpan.FromHours(-1))).VerifyAsync(pki.Sign("legal", challenge.ToBytes()), challenge, Token);
        Refused(verdict, SignatureReason.SigningTimeInFuture, "later than now");
    }

    [Fact]
    public async Task A_signing_time_before_the_challenge_was_issued_is_refused()
    {
        var challenge = NewChallenge();
        var cms = pki.Sign("legal", challenge.ToBytes());
        var request = SignatureRequest.ForChallenge(cms, challenge, issuedAt: DateTimeOffset.UtcNow.AddHours(1));
        var verdict = await fixture.Verifier(time: PkiFixture.Clock(TimeSpan.FromHours(2))).VerifyAsync(request, Token);
        Refused(verdict, SignatureReason.SigningTimeBeforeIssue, "before its content was issued");
    }

    [Fact]
    public async Task A_path_longer_than_the_limit_is_refused_as_chain_too_long()
    {
        var challenge = NewChallenge();
        var verifier = fixture.Verifier(t => new TrustSettings(t.Anchors, t.Intermediates) { Crls = t.Crls, Limits = new SignatureLimits { MaxChainLength = 2 } });
        var verdict = await verifier.VerifyAsync(pki.Sign("legal", challenge.ToBytes()), challenge, Token);
        Refused(verdict, SignatureReason.ChainTooLong, "longer than 2 certificates");
    }

    [Fact]
    public async Task The_verdict_of_a_refusal_still_carries_what_was_learned()
    {
        var challenge = NewChallenge(NcaTestPki.OtherBin);
        var cms = pki.Sign("legal", challenge.ToBytes());
        var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);
        Assert.Equal("wrong-bin", verdict.Failure!.Code);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(cms)), verdict.CmsSha256);
        Assert.NotNull(verdict.Signer);
        Assert.Equal(3, verdict.Path.Count);
    }

    private static void Refused(SignatureVerdict verdict, SignatureReason reason, string words)
    {
        Assert.False(verdict.IsValid);
        Assert.True(verdict.Failure!.Reason == reason, $"expected {reason}, got {verdict.Failure.Reason}: {verdict.Failure.Message}");
        Assert.Contains(words, verdict.Failure.Message, StringComparison.Ordinal);
    }
}
