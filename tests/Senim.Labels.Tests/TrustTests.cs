using Microsoft.Extensions.Time.Testing;
using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

public sealed class TrustTests
{
    [Fact]
    public void A_certificate_listed_in_a_crl_of_its_issuer_verifies_as_revoked()
    {
        var (certificate, key) = TestPki.Shared.IssueSigner("Revoked signer");
        var signed = Labeling.Sign(TinyImages.Jpeg(8, 8, 31), signer: Labeling.SignerFor(certificate, key));
        var crl = RevocationList.Parse(TestPki.Shared.Crl([certificate]));
        var validator = new LabelValidator(new TrustSettings([TestPki.Shared.Root], [crl]));

        var report = Labeling.Validate(signed, validator);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal(["signingCredential.revoked"], report.FailureCodes);
    }

    [Fact]
    public void A_crl_that_does_not_list_the_signer_changes_nothing()
    {
        var (other, _) = TestPki.Shared.IssueSigner("Someone else");
        var crl = RevocationList.Parse(TestPki.Shared.Crl([other]));
        var report = Labeling.Validate(Labeling.Sign(TinyImages.Jpeg(8, 8, 32)), new LabelValidator(new TrustSettings([TestPki.Shared.Root], [crl])));
        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Fact]
    public void A_crl_signed_by_another_ca_is_ignored_with_a_note()
    {
        using var impostor = new TestPki("Senim Test Root");
        var crl = RevocationList.Parse(impostor.Crl([TestPki.Shared.Signer.Certificate]));
        var report = Labeling.Validate(Labeling.Sign(TinyImages.Jpeg(8, 8, 33)), new LabelValidator(new TrustSettings([TestPki.Shared.Root], [crl])));

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Contains(report.Notes, n => n.Contains("not signed by that issuer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_crl_past_its_next_update_is_ignored_with_a_note()
    {
        var crl = RevocationList.Parse(TestPki.Shared.Crl([TestPki.Shared.Signer.Certificate], DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-20)));
        var report = Labeling.Validate(Labeling.Sign(TinyImages.Jpeg(8, 8, 34)), new LabelValidator(new TrustSettings([TestPki.Shared.Root], [crl])));

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Contains(report.Notes, n => n.Contains("not current", StringComparison.Ordinal));
    }

    [Fact]
    public void A_signer_whose_certificate_has_since_expired_verifies_as_expired()
    {
        var signed = Labeling.Sign(TinyImages.Jpeg(8, 8, 35));
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(3));
        var report = Labeling.Validate(signed, new LabelValidator(new TrustSettings([TestPki.Shared.Root]), later));

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal(["signingCredential.expired"], report.FailureCodes);
    }

    [Fact]
    public void A_signer_under_another_root_is_valid_but_untrusted()
    {
        using var other = new TestPki("Other Root");
        var report = Labeling.Validate(Labeling.Sign(TinyImages.Jpeg(8, 8, 36)), new LabelValidator(new TrustSettings([other.Root])));
        Assert.Equal(ValidationState.Valid, report.State);
        Assert.Equal(["signingCredential.untrusted"], report.FailureCodes);
    }

    [Fact]
    public void A_pem_crl_and_a_der_crl_read_the_same()
    {
        var der = TestPki.Shared.Crl([TestPki.Shared.Signer.Certificate]);
        var pem = System.Text.Encoding.ASCII.GetBytes(System.Security.Cryptography.PemEncoding.WriteString("X509 CRL", der));
        Assert.True(RevocationList.Parse(pem).Lists(TestPki.Shared.Signer.Certificate));
        Assert.True(RevocationList.Parse(der).IsIssuedBy(TestPki.Shared.Root));
    }

    [Fact]
    public void A_file_that_is_not_a_crl_gets_a_typed_error()
    {
        var error = Assert.Throws<LabelException>(() => RevocationList.Parse("not a CRL"u8));
        Assert.Equal(LabelError.InvalidCredentialFile, error.Error);
    }
}
