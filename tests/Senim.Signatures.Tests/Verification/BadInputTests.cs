using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Senim.Signatures.Challenges;
using Senim.Signatures.Revocation;
using Senim.Signatures.Tests.Support;
using Senim.Signatures.Verification;

namespace Senim.Signatures.Tests.Verification;

/// <summary>What a careless or hostile upload gets: a clear refusal, never an exception, within the limits.</summary>
public sealed class BadInputTests(PkiFixture fixture)
{
    private readonly NcaTestPki pki = fixture.Pki;
    private readonly Challenge challenge = PkiFixture.NewChallenge();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "empty", [], "it is empty" },
        { "binary junk", [0x04, 0xFF, 0xFE, 0x00, 0x81], "neither" },
        { "a DER SEQUENCE of junk", [0x30, 0x03, 0x02, 0x01, 0x05], "damaged or truncated" },
        { "truncated DER", [0x30, 0x82, 0x10, 0x00, 0x06, 0x09], "damaged or truncated" },
        { "Base64 of junk", Encoding.ASCII.GetBytes(Convert.ToBase64String([0x04, .. Enumerable.Range(1, 63).Select(i => (byte)i)])), "not an ASN.1 SEQUENCE" },
        { "a PEM certificate", Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"), "labelled 'CERTIFICATE'" },
        { "text", Encoding.UTF8.GetBytes("Қолтаңба"), "neither DER, PEM nor Base64" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_file_that_is_not_CMS_is_refused_as_malformed(string what, byte[] input, string words)
    {
        var verdict = await fixture.Verifier().VerifyAsync(input, challenge, Token);
        Assert.True(verdict.Failure?.Reason == SignatureReason.Malformed, $"{what}: {verdict.Failure?.Reason} {verdict.Failure?.Message}");
        Assert.Contains(words, verdict.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_uploaded_instead_of_a_signature_is_refused_as_malformed()
    {
        var verdict = await fixture.Verifier().VerifyAsync(pki.Root.RawData, challenge, Token);
        Assert.Equal(SignatureReason.Malformed, verdict.Failure!.Reason);
    }

    [Fact]
    public async Task Every_truncation_of_a_valid_signature_is_refused_without_an_exception()
    {
        var cms = pki.Sign("legal", challenge.ToBytes());
        var verifier = fixture.Verifier();
        for (var length = 0; length < cms.Length; length += 37)
        {
            var verdict = await verifier.VerifyAsync(cms.AsMemory(0, length), challenge, Token);
            Assert.False(verdict.IsValid);
        }
    }

    [Fact]
    public async Task Random_corruption_of_a_valid_signature_gives_a_verdict_and_never_a_valid_signer_for_a_changed_signed_part()
    {
        var cms = pki.Sign("legal", challenge.ToBytes(), new SignOptions(Attached: true));
        var verifier = fixture.Verifier();
        var random = new Random(11);
        var refused = 0;
        for (var i = 0; i < 400; i++)
        {
            var copy = (byte[])cms.Clone();
            var at = random.Next(copy.Length);
            copy[at] ^= (byte)(1 << random.Next(8));
            var verdict = await verifier.VerifyAsync(copy, challenge, Token);
            refused += verdict.IsValid ? 0 : 1;
        }

        // A flip in the unsigned SignedData digest-algorithm set changes nothing that is relied on; everything else is refused.
        Assert.InRange(refused, 390, 400);
    }

    [Fact]
    public async Task Ten_thousand_mutated_files_each_get_a_verdict()
    {
        // Bit flips, byte changes, cuts and insertions over an attached and a detached PEM-free signature: any
        // exception escaping the verifier fails the test. (fuzz/signatures/run.sh runs AFL++ for longer.)
        var seeds = new[] { pki.Sign("legal", challenge.ToBytes(), new SignOptions(Attached: true)), pki.Sign("legal", challenge.ToBytes(), new SignOptions(Streamed: true)) };
        var verifier = fixture.Verifier();
        var random = new Random(230);
        for (var i = 0; i < 10_000; i++)
        {
            var input = Mutate(seeds[i % seeds.Length], random);
            var verdict = await verifier.VerifyAsync(input, challenge, Token);
            Assert.NotNull(verdict);
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 64)));
                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)random.Next(256), random.Next(1, 8)));
                    break;
            }

            if (bytes.Count == 0)
            {
                bytes.Add(0x30);
            }
        }

        return [.. bytes];
    }

    [Fact]
    public async Task A_signature_carrying_fifty_certificates_is_refused_as_chain_too_long_before_they_are_parsed()
    {
        var extra = pki.Path("fifty.pem");
        using (var writer = new StreamWriter(extra))
        {
            for (var i = 0; i < 49; i++)
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                using var certificate = new CertificateRequest($"CN=Filler {i}", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
                await writer.WriteAsync(certificate.ExportCertificatePem() + "\n");
            }
        }

        var cms = pki.Sign("legal", challenge.ToBytes(), new SignOptions(ExtraCertificates: extra));
        var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);

        Assert.Equal(SignatureReason.ChainTooLong, verdict.Failure!.Reason);
        Assert.Contains("more than 20 certificates", verdict.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_challenge_signed_twice_in_one_file_is_refused_as_multiple_signers()
    {
        var cms = pki.Sign("legal", challenge.ToBytes(), new SignOptions(Signers: ["employee"]));
        var verdict = await fixture.Verifier().VerifyAsync(cms, challenge, Token);
        Assert.Equal(SignatureReason.MultipleSigners, verdict.Failure!.Reason);
        Assert.Contains("holds 2 signatures", verdict.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_file_over_the_limit_is_refused_as_too_large_before_decoding()
    {
        var verifier = fixture.Verifier(t => new TrustSettings(t.Anchors, t.Intermediates) { Crls = t.Crls, Limits = new SignatureLimits { MaxCmsBytes = 1000 } });
        var der = pki.Sign("legal", challenge.ToBytes());
        var verdict = await verifier.VerifyAsync(der, challenge, Token);
        Assert.Equal(SignatureReason.TooLarge, verdict.Failure!.Reason);
        Assert.Contains("at most 1,000 bytes", verdict.Failure.Message, StringComparison.Ordinal);

        var base64 = await verifier.VerifyAsync(Encoding.ASCII.GetBytes(new string('A', 4000)), challenge, Token);
        Assert.Equal(SignatureReason.TooLarge, base64.Failure!.Reason);
    }

    [Fact]
    public async Task Expected_content_over_the_limit_is_refused_as_too_large()
    {
        var verdict = await fixture.Verifier().VerifyAsync(new SignatureRequest { Signature = pki.Sign("legal", [1]), ExpectedContent = new byte[2 * 1024 * 1024] }, Token);
        Assert.Equal(SignatureReason.TooLarge, verdict.Failure!.Reason);
    }

    [Fact]
    public async Task A_CRL_file_of_50_MB_is_refused_by_its_length_before_it_is_read()
    {
        var path = pki.Path("huge.crl");
        await using (var file = File.Create(path))
        {
            file.SetLength(50L * 1024 * 1024);
        }

        var cache = new CrlCache();
        var ex = await Assert.ThrowsAsync<CrlException>(() => cache.AddFileAsync(path, Token));
        Assert.Equal(CrlProblem.TooLarge, ex.Problem);
        Assert.Contains("over the 33,554,432-byte limit ('huge.crl' is 52,428,800 bytes); it was not read", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, cache.Count);
        File.Delete(path);
    }

    [Fact]
    public async Task A_fetched_CRL_stream_of_50_MB_is_cut_off_at_the_limit_and_the_signature_refused_as_crl_unavailable()
    {
        var endless = new ZeroStream(50L * 1024 * 1024);
        var fetcher = new FakeFetcher(_ => endless);

        var verdict = await fixture.Verifier(crls: fixture.RootCrlOnly(fetcher)).VerifyAsync(pki.Sign("legal", challenge.ToBytes()), challenge, Token);

        Assert.Equal(SignatureReason.CrlUnavailable, verdict.Failure!.Reason);
        Assert.Contains("http://crl.test.invalid/intermediate.crl was refused: The CRL is over the 33,554,432-byte limit", verdict.Failure.Message, StringComparison.Ordinal);
        Assert.InRange(endless.Position, CrlCache.DefaultMaxBytes, CrlCache.DefaultMaxBytes + (1024 * 1024));
    }

    [Fact]
    public void A_damaged_CRL_is_refused_as_malformed()
    {
        var cache = new CrlCache();
        Assert.Equal(CrlProblem.Malformed, Assert.Throws<CrlException>(() => cache.Add([0x30, 0x01, 0x00])).Problem);
        Assert.Equal(CrlProblem.Malformed, Assert.Throws<CrlException>(() => cache.Add(Encoding.ASCII.GetBytes("-----BEGIN X509 CRL-----\n!!\n-----END X509 CRL-----"))).Problem);
        Assert.Equal(CrlProblem.Malformed, Assert.Throws<CrlException>(() => cache.Add(pki.Root.RawData)).Problem);
    }

    /// <summary>Reads as zeros up to a length, without holding them.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
