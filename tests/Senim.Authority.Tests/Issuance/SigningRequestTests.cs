using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Authority.Issuance;
using Senim.Authority.Keys;
using Senim.Authority.Tests.Support;

namespace Senim.Authority.Tests.Issuance;

public class SigningRequestTests
{
    [Fact]
    public void A_P256_request_gives_its_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (publicKey, algorithm) = SigningRequest.Read(Requests.Ecdsa(key));
        Assert.Equal(KeyAlgorithm.EcP256, algorithm);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), publicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void A_request_whose_signature_does_not_verify_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = Requests.Ecdsa(key);
        der[^1] ^= 0x01; // the last byte of the signature's s
        Refused(der, "its signature does not verify");
    }

    [Fact]
    public void A_request_signed_by_another_key_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var honest = Requests.Ecdsa(key);

        // Same content, signature from a key the owner does not claim: no proof of possession.
        var info = new System.Formats.Asn1.AsnReader(honest, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence().ReadEncodedValue().ToArray();
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(info);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.10045.4.3.2");
            }

            writer.WriteBitString(other.SignData(info, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        Refused(writer.Encode(), "its signature does not verify");
    }

    [Fact]
    public void A_changed_subject_breaks_the_signature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = Requests.Ecdsa(key, "CN=aaaa");
        var at = der.AsSpan().IndexOf("aaaa"u8);
        der[at] = (byte)'b';
        Refused(der, "its signature does not verify");
    }

    [Fact]
    public void An_RSA_key_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var der = new CertificateRequest("CN=rsa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
        Refused(der, "its key is RSA; Senim accepts only ECDSA keys on P-256 (ES256) or P-384 (ES384)");
    }

    [Theory]
    [InlineData("nistP521")]
    [InlineData("secP256k1")]
    [InlineData("brainpoolP256r1")]
    public void Other_curves_are_refused(string curve)
    {
        using var key = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        var der = new CertificateRequest("CN=curve", key, HashAlgorithmName.SHA256).CreateSigningRequest();
        Refused(der, "its key is on a curve other than P-256 or P-384");
    }

    [Fact]
    public void An_Ed25519_request_made_by_openssl_is_refused_for_its_key()
    {
        // openssl genpkey -algorithm ed25519; openssl req -new -subj /CN=ed -key k.pem -outform DER | base64
        var der = Convert.FromBase64String("MIGMMEACAQAwDTELMAkGA1UEAwwCZWQwKjAFBgMrZXADIQDLBDqnqXe86wzxrb80WzZX2U57ep1Rh3Nf5LYbizuKZaAAMAUGAytlcANBABtWVbTklVBdpoFvaFo0CPURoBP63oE6vGdXZLGNnvzi5Ff4/hCPBSOLDF2X8rzFuHk6CjDzx7O1g/NIW1OcjQM=");
        Refused(der, "its key is Ed25519; Senim accepts only ECDSA keys");
    }

    public static TheoryData<byte[], string> Garbage => new()
    {
        { [], "the request is empty" },
        { [0x30], "its DER structure is damaged" },
        { [0x30, 0x82, 0xFF, 0xFF, 0x00], "its DER structure is damaged" },
        { "hello"u8.ToArray(), "it is neither DER nor a PEM block" },
        { [0xFF, 0xFE, 0x00], "it is neither DER nor PEM text" },
        { "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"u8.ToArray(), "its PEM block is a 'CERTIFICATE', not a 'CERTIFICATE REQUEST'" },
        { new byte[SigningRequest.MaxBytes + 1], "at most 65,536 are accepted" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Malformed_input_is_refused_with_its_reason(byte[] input, string reason) => Refused(input, reason);

    [Fact]
    public void Bytes_after_the_request_are_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Refused([.. Requests.Ecdsa(key), 0x00], "there are bytes after the request");
    }

    [Fact]
    public void A_truncated_request_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = Requests.Ecdsa(key);
        Refused(der[..^10], "its DER structure is damaged");
    }

    private static void Refused(byte[] request, string reason)
    {
        var ex = Assert.Throws<AuthorityException>(() => SigningRequest.Read(request));
        Assert.Equal(AuthorityError.BadRequest, ex.Error);
        Assert.StartsWith("The certificate signing request was refused: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
