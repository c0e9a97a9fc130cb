using Microsoft.Extensions.Time.Testing;
using Senim.Labels.Signing;
using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

public sealed class TimeStampTests
{
    private static LabelSigner StampingSigner(TestTsa tsa) =>
        new(SigningCredentials.FromEcdsa(TestPki.Shared.Signer.Key, [TestPki.Shared.Signer.Certificate]), timeStamps: new TimeStampClient(tsa.Respond));

    [Fact]
    public void A_time_stamped_label_is_trusted_and_reports_when_it_was_stamped()
    {
        var tsa = new TestTsa(TestPki.Shared, DateTimeOffset.UtcNow.AddMinutes(-5));
        var signed = Labeling.Sign(TinyImages.Jpeg(8, 8, 61), signer: StampingSigner(tsa));

        var report = Labeling.Validate(signed);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Contains(report.Statuses, s => s.Code == ValidationCodes.TimeStampValidated && s.Success);
        Assert.Equal(tsa.Clock.ToUnixTimeSeconds(), report.Active!.Signer!.SignedAt!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public void A_time_stamp_keeps_a_label_valid_after_the_signer_certificate_expires()
    {
        var (certificate, key) = TestPki.Shared.IssueSigner("Short-lived signer", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var tsa = new TestTsa(TestPki.Shared);
        var signer = new LabelSigner(SigningCredentials.FromEcdsa(key, [certificate]), timeStamps: new TimeStampClient(tsa.Respond));
        var stamped = Labeling.Sign(TinyImages.Jpeg(8, 8, 62), signer: signer);
        var unstamped = Labeling.Sign(TinyImages.Jpeg(8, 8, 62), signer: Labeling.SignerFor(certificate, key));
        var inTwoYears = new LabelValidator(new TrustSettings([TestPki.Shared.Root]), new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(2)));

        Assert.Equal(ValidationState.Trusted, Labeling.Validate(stamped, inTwoYears).State);
        Assert.Equal(["signingCredential.expired"], Labeling.Validate(unstamped, inTwoYears).FailureCodes);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void A_changed_time_stamp_token_is_ignored_with_a_note_as_in_c2pa_rs(double where)
    {
        var signed = Labeling.Sign(TinyImages.Jpeg(8, 8, 63), signer: StampingSigner(new TestTsa(TestPki.Shared)));
        var (start, length) = TokenRange(signed);
        signed[start + (int)(length * where)] ^= 0x01;

        var report = Labeling.Validate(signed);
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Null(report.Active!.Signer!.SignedAt);
        Assert.Contains(report.Notes, n => n.StartsWith("timeStamp.mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_time_stamp_authority_is_a_typed_error()
    {
        var signer = new LabelSigner(SigningCredentials.FromEcdsa(TestPki.Shared.Signer.Key, [TestPki.Shared.Signer.Certificate]), timeStamps: new TimeStampClient(_ => throw new HttpRequestException("connection refused")));
        var error = Assert.Throws<LabelException>(() => Labeling.Sign(TinyImages.Jpeg(8, 8, 65), signer: signer));
        Assert.Equal(LabelError.TimeStampFailed, error.Error);

        var garbage = new LabelSigner(SigningCredentials.FromEcdsa(TestPki.Shared.Signer.Key, [TestPki.Shared.Signer.Certificate]), timeStamps: new TimeStampClient(_ => [0x30, 0x03, 0x02, 0x01, 0x02]));
        Assert.Equal(LabelError.TimeStampFailed, Assert.Throws<LabelException>(() => Labeling.Sign(TinyImages.Jpeg(8, 8, 66), signer: garbage)).Error);
    }

    /// <summary>Where the time-stamp token lies: from "val" to the "pad" label that follows it.</summary>
    private static (int Start, int Length) TokenRange(byte[] signed)
    {
        var val = Tamper.IndexOf(signed, "cval"u8.ToArray()) + 4;
        var start = val + 3;
        var end = start + signed.AsSpan(start).IndexOf("cpad"u8);
        return (start, end - start);
    }
}
