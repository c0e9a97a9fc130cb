using System.Security.Cryptography;
using Senim.Labels.Cose;
using Senim.Labels.Signing;
using Senim.Labels.Tests.Support;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

public sealed class AlgorithmTests
{
    public static TheoryData<string, string> Curves => new()
    {
        { "nistP384", "ES384" },
        { "nistP521", "ES512" },
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Labels_signed_with_p384_and_p521_keys_verify(string curve, string algorithm)
    {
        var (certificate, key) = TestPki.Shared.IssueSigner($"Signer {curve}", curve: ECCurve.CreateFromFriendlyName(curve));
        var signer = new LabelSigner(SigningCredentials.FromEcdsa(key, [certificate]));

        var report = Labeling.Validate(Labeling.Sign(TinyImages.Png(4, 4, 71), signer: signer));

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(algorithm, report.Active!.Signer!.Algorithm);
    }

    [Fact]
    public void A_callback_signer_with_a_wrong_signature_length_is_refused()
    {
        var credentials = SigningCredentials.FromCallback([TestPki.Shared.Signer.Certificate], CoseAlgorithm.ES256, 64, _ => new byte[63]);
        var error = Assert.Throws<LabelException>(() => Labeling.Sign(TinyImages.Jpeg(2, 2, 72), signer: new LabelSigner(credentials)));
        Assert.Equal(LabelError.UnsupportedAlgorithm, error.Error);
    }

    [Fact]
    public void A_callback_signer_labels_like_a_key()
    {
        var key = TestPki.Shared.Signer.Key;
        var credentials = SigningCredentials.FromCallback([TestPki.Shared.Signer.Certificate], CoseAlgorithm.ES256, 64, data => key.SignData(data.Span, HashAlgorithmName.SHA256));
        Assert.Equal(ValidationState.Trusted, Labeling.Validate(Labeling.Sign(TinyImages.Jpeg(2, 2, 73), signer: new LabelSigner(credentials))).State);
    }

    [Fact]
    public void Ed25519_verification_accepts_the_rfc_8032_test_vectors_and_rejects_changes()
    {
        // RFC 8032, section 7.1, TEST 1 (empty message) and TEST 2 (one byte).
        var key1 = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var signature1 = Convert.FromHexString("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        var key2 = Convert.FromHexString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        var signature2 = Convert.FromHexString("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

        Assert.True(Ed25519.Verify(key1, [], signature1));
        Assert.True(Ed25519.Verify(key2, [0x72], signature2));
        Assert.False(Ed25519.Verify(key2, [0x73], signature2));
        Assert.False(Ed25519.Verify(key1, [0x72], signature2));
        signature1[10] ^= 1;
        Assert.False(Ed25519.Verify(key1, [], signature1));
        Assert.False(Ed25519.Verify(key1.AsSpan(0, 31), [], signature1));
    }
}
