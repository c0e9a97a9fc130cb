using System.Text;
using Senim.Labels.Assertions;
using Senim.Labels.Formats;
using Senim.Labels.Model;
using Senim.Labels.Signing;
using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

public sealed class SigningTests
{
    [Fact]
    public void A_signed_jpeg_is_trusted_with_the_root_as_anchor_and_valid_without()
    {
        var signed = Labeling.Sign(TinyImages.Jpeg(16, 16, 1));

        var trusted = Labeling.Validate(signed);
        Assert.Equal(ValidationState.Trusted, trusted.State);
        Assert.Empty(trusted.FailureCodes);
        Assert.Contains(trusted.Statuses, s => s.Code == ValidationCodes.AssertionDataHashMatch);
        Assert.Contains(trusted.Statuses, s => s.Code == ValidationCodes.ClaimSignatureValidated);

        var untrusted = Labeling.Validate(signed, new LabelValidator(TrustSettings.None));
        Assert.Equal(ValidationState.Valid, untrusted.State);
        Assert.Equal(["signingCredential.untrusted"], untrusted.FailureCodes);
    }

    [Fact]
    public void A_signed_png_is_trusted()
    {
        var signed = Labeling.Sign(TinyImages.Png(8, 8, 2));
        Assert.Equal(ValidationState.Trusted, Labeling.Validate(signed).State);
    }

    [Fact]
    public void The_manifest_names_the_register_number_the_article_and_the_digital_source_type()
    {
        var report = Labeling.Validate(Labeling.Sign(TinyImages.Jpeg(8, 8, 3)));

        Assert.Equal("KZ-AI-2026-000123", report.Active!.Senim!.RegisterNumber);
        Assert.Equal("21(2)", report.Active.Senim.Article);
        Assert.Equal("KZ 230-VIII", report.Active.Senim.Law);
        Assert.Equal(["c2pa.created"], report.Active.Actions);
        Assert.Equal([DigitalSourceTypes.TrainedAlgorithmicMedia], report.Active.DigitalSourceTypes);
        Assert.Equal(2, report.Active.ClaimVersion);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public void The_xmp_digital_source_type_is_written_inside_the_hashed_content(string format)
    {
        var asset = format == "jpeg" ? TinyImages.Jpeg(8, 8, 4) : TinyImages.Png(4, 4, 4);
        var signed = Labeling.Sign(asset);
        using var stream = new MemoryStream(signed);

        Assert.Equal(DigitalSourceTypes.TrainedAlgorithmicMedia, AssetReader.ReadXmpDigitalSourceType(stream, AssetFormats.Detect(stream)));
        Assert.Equal(ValidationState.Trusted, Labeling.Validate(signed).State);
    }

    [Fact]
    public void An_existing_xmp_packet_gets_the_digital_source_type_added()
    {
        var asset = TinyImages.Jpeg(8, 8, 5);
        var packet = Encoding.UTF8.GetBytes("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:format>image/jpeg</dc:format></rdf:Description></rdf:RDF></x:xmpmeta>");
        var withXmp = asset[..2].Concat(new byte[] { 0xFF, 0xE1, (byte)((packet.Length + 2) >> 8), (byte)(packet.Length + 2) }).Concat(packet).Concat(asset[2..]).ToArray();

        var signed = Labeling.Sign(withXmp);
        var text = Encoding.UTF8.GetString(signed);

        Assert.Contains("<dc:format>image/jpeg</dc:format>", text, StringComparison.Ordinal);
        Assert.Contains(DigitalSourceTypes.TrainedAlgorithmicMedia, text, StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(text, "http://ns.adobe.com/xap/1.0/"));
        Assert.Equal(ValidationState.Trusted, Labeling.Validate(signed).State);
    }

    [Fact]
    public void Editing_a_labelled_file_keeps_its_manifest_as_the_parent_ingredient()
    {
        var first = Labeling.Sign(TinyImages.Jpeg(8, 8, 6));
        var edited = Labeling.Sign(first, Labeling.Request with { Origin = ContentOrigin.Edited });

        var report = Labeling.Validate(edited);
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(2, report.ManifestCount);
        Assert.Equal(["c2pa.opened", "c2pa.edited"], report.Active!.Actions);
        Assert.Equal([DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia], report.Active.DigitalSourceTypes);
        var ingredient = Assert.Single(report.Active.Ingredients);
        Assert.True(ingredient.IsIntact);
    }

    [Fact]
    public void A_large_manifest_is_split_across_several_app11_segments()
    {
        var first = Labeling.Sign(TinyImages.Jpeg(8, 8, 7));
        var store = first;
        for (var i = 0; i < 40; i++)
        {
            store = Labeling.Sign(store, Labeling.Request with { Origin = ContentOrigin.Edited });
        }

        using var stream = new MemoryStream(store);
        var embedded = AssetReader.FindStore(stream, AssetFormat.Jpeg)!;
        Assert.True(embedded.Bytes.Length > 65535);
        Assert.True(embedded.Ranges.Count >= 2);
        Assert.Equal(41, ManifestStore.Parse(embedded.Bytes).Manifests.Count);
        Assert.Equal(ValidationState.Trusted, Labeling.Validate(store).State);
    }

    [Fact]
    public void A_sidecar_validates_against_its_asset_and_fails_against_another()
    {
        var asset = Encoding.ASCII.GetBytes("RIFF....WAVEfmt any bytes at all");
        using var sidecar = new MemoryStream();
        Labeling.Signer.SignSidecar(new MemoryStream(asset), sidecar, Labeling.Request);

        var good = Labeling.TrustingValidator.ValidateSidecar(new MemoryStream(sidecar.ToArray()), new MemoryStream(asset));
        Assert.Equal(ValidationState.Trusted, good.State);

        asset[^1] ^= 1;
        var bad = Labeling.TrustingValidator.ValidateSidecar(new MemoryStream(sidecar.ToArray()), new MemoryStream(asset));
        Assert.Equal(["assertion.dataHash.mismatch"], bad.FailureCodes);
    }

    [Fact]
    public void Signing_with_an_expired_certificate_is_refused_with_a_code()
    {
        var (certificate, key) = TestPki.Shared.IssueSigner("Expired signer", DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddYears(-1));
        var signer = Labeling.SignerFor(certificate, key);

        var error = Assert.Throws<LabelException>(() => Labeling.Sign(TinyImages.Jpeg(8, 8, 8), signer: signer));
        Assert.Equal(LabelError.SignerCertificateExpired, error.Error);
        Assert.Equal("labels.signer.expired", error.Code);
    }

    [Fact]
    public void A_certificate_outside_the_c2pa_profile_cannot_sign()
    {
        var (certificate, key) = TestPki.Shared.IssueSigner("TLS server", eku: "1.3.6.1.5.5.7.3.1");
        var error = Assert.Throws<LabelException>(() => SigningCredentials.FromEcdsa(key, [certificate]));
        Assert.Equal(LabelError.SignerCertificateInvalid, error.Error);
    }

    [Fact]
    public void A_key_that_does_not_belong_to_the_certificate_is_refused()
    {
        var (other, _) = TestPki.Shared.IssueSigner("Other signer");
        var error = Assert.Throws<LabelException>(() => SigningCredentials.FromEcdsa(TestPki.Shared.Signer.Key, [other]));
        Assert.Equal(LabelError.KeyDoesNotMatchCertificate, error.Error);
    }

    [Fact]
    public void A_malformed_register_number_is_refused()
    {
        var request = Labeling.Request with { Senim = new SenimAssertion { RegisterNumber = "KZ-AI-26-1" } };
        var error = Assert.Throws<LabelException>(() => Labeling.Sign(TinyImages.Jpeg(8, 8, 9), request));
        Assert.Equal(LabelError.InvalidSenimAssertion, error.Error);
    }

    [Fact]
    public void A_file_that_is_neither_jpeg_nor_png_cannot_carry_an_embedded_label()
    {
        var error = Assert.Throws<LabelException>(() => Labeling.Sign(Encoding.ASCII.GetBytes("%PDF-1.7 not an image")));
        Assert.Equal(LabelError.UnsupportedFormat, error.Error);
    }

    [Fact]
    public void Signing_twice_gives_the_same_asset_bytes_outside_the_manifest()
    {
        var asset = TinyImages.Png(32, 32, 10);
        var a = Labeling.Sign(asset);
        var b = Labeling.Sign(asset);
        Assert.Equal(a.Length, b.Length);
        Assert.Equal(a[^100..], b[^100..]);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
