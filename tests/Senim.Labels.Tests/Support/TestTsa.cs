using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Tests.Support;

/// <summary>An in-process RFC 3161 time-stamp authority under the test root: answers a DER TimeStampReq with a DER TimeStampResp.</summary>
internal sealed class TestTsa
{
    private readonly X509Certificate2 certificate;
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private long serial = 1;

    public TestTsa(TestPki pki, DateTimeOffset? clock = null)
    {
        Clock = clock ?? DateTimeOffset.UtcNow;
        var request = new CertificateRequest("CN=Senim Test TSA, O=Senim Tests, C=KZ", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(pki.Root, true, false));
        certificate = request.Create(pki.Root, DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(5), [0x11, 0x22, 0x33]).CopyWithPrivateKey(key);
    }

    /// <summary>The time the TSA writes into its tokens.</summary>
    public DateTimeOffset Clock { get; set; }

    public byte[] Respond(ReadOnlyMemory<byte> requestDer)
    {
        if (!Rfc3161TimestampRequest.TryDecode(requestDer, out var request, out _))
        {
            throw new CryptographicException("Not a TimeStampReq.");
        }

        var info = new Rfc3161TimestampTokenInfo(
            new Oid("1.3.6.1.4.1.99999.1"),
            request.HashAlgorithmId,
            request.GetMessageHash(),
            BitConverter.GetBytes(Interlocked.Increment(ref serial)),
            Clock,
            nonce: request.GetNonce());
        var signed = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), info.Encode()));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate, key)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
        };
        signer.SignedAttributes.Add(new AsnEncodedData("1.2.840.113549.1.9.16.2.47", SigningCertificateV2()));
        signed.ComputeSignature(signer);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
            }

            writer.WriteEncodedValue(signed.Encode());
        }

        return writer.Encode();
    }

    private byte[] SigningCertificateV2()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
        }

        return writer.Encode();
    }
}
