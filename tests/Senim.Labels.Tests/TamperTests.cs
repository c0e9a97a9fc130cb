using Senim.Labels.Tests.Support;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

public sealed class TamperTests
{
    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public void One_changed_pixel_byte_breaks_the_data_hash(string format)
    {
        var report = Labeling.Validate(Tamper.PixelByte(Sign(format)));
        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal(["assertion.dataHash.mismatch"], report.FailureCodes);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public void One_changed_assertion_byte_breaks_its_hashed_uri(string format)
    {
        var report = Labeling.Validate(Tamper.AssertionByte(Sign(format)));
        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal(["assertion.hashedURI.mismatch"], report.FailureCodes);
        Assert.Equal("self#jumbf=c2pa.assertions/kz.senim.label", report.Statuses.Single(s => !s.Success).Url);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public void A_swapped_certificate_breaks_the_claim_signature(string format)
    {
        var swapped = Tamper.SwapCertificate(Sign(format), TestPki.Shared.Signer.Certificate.RawData, SameLengthSigner.Certificate.RawData);
        var report = Labeling.Validate(swapped);
        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal(["claimSignature.mismatch"], report.FailureCodes);
    }

    [Fact]
    public void A_changed_claim_byte_breaks_the_signature()
    {
        var signed = Sign("jpeg");
        var at = Tamper.IndexOf(signed, "c2pa.claim.v2"u8.ToArray());
        var claim = Tamper.IndexOf(signed[at..], "instanceID"u8.ToArray()) + at;
        signed[claim + 20] ^= 0x01;
        Assert.Equal(["claimSignature.mismatch"], Labeling.Validate(signed).FailureCodes);
    }

    private static byte[] Sign(string format) =>
        Labeling.Sign(format == "jpeg" ? TinyImages.Jpeg(16, 16, 21) : TinyImages.Png(16, 16, 21));
}
