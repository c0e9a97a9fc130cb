using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Trust;

/// <summary>
/// A parsed X.509 CRL (RFC 5280, section 5): issuer, dates, revoked serial numbers and the signature.
/// It counts for a certificate only when its issuer name matches, its signature verifies with the
/// issuer's key, and the validation time lies between thisUpdate and nextUpdate.
/// </summary>
public sealed class RevocationList
{
    private readonly HashSet<BigInteger> revoked;
    private readonly byte[] tbs;
    private readonly byte[] signature;
    private readonly string signatureAlgorithm;

    private RevocationList(byte[] issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, HashSet<BigInteger> revoked, byte[] tbs, string signatureAlgorithm, byte[] signature)
    {
        Issuer = new X500DistinguishedName(issuer);
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        this.revoked = revoked;
        this.tbs = tbs;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signature = signature;
    }

    public X500DistinguishedName Issuer { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    /// <summary>How many serial numbers the list revokes.</summary>
    public int Count => revoked.Count;

    /// <summary>Whether the certificate's serial number is listed (the caller checks issuer and signature first).</summary>
    public bool Lists(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return revoked.Contains(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true));
    }

    /// <summary>Whether this CRL was issued by <paramref name="issuer"/>: same name and a signature its key verifies.</summary>
    public bool IsIssuedBy(X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(Issuer.RawData))
        {
            return false;
        }

        try
        {
            switch (signatureAlgorithm)
            {
                case "1.2.840.10045.4.3.2":
                case "1.2.840.10045.4.3.3":
                case "1.2.840.10045.4.3.4":
                {
                    using var key = issuer.GetECDsaPublicKey();
                    return key is not null && key.VerifyData(tbs, signature, HashFor(signatureAlgorithm), DSASignatureFormat.Rfc3279DerSequence);
                }

                case "1.2.840.113549.1.1.11":
                case "1.2.840.113549.1.1.12":
                case "1.2.840.113549.1.1.13":
                {
                    using var key = issuer.GetRSAPublicKey();
                    return key is not null && key.VerifyData(tbs, signature, HashFor(signatureAlgorithm), RSASignaturePadding.Pkcs1);
                }

                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="time"/> lies in [thisUpdate, nextUpdate].</summary>
    public bool IsCurrent(DateTimeOffset time) => time >= ThisUpdate && (NextUpdate is null || time <= NextUpdate);

    /// <summary>Parses a CRL in DER or PEM ("X509 CRL"); throws <see cref="LabelError.InvalidCredentialFile"/> when it is not one.</summary>
    public static RevocationList Parse(ReadOnlySpan<byte> data)
    {
        var text = System.Text.Encoding.ASCII.GetString(data[..Math.Min(data.Length, 64)]);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var pem = System.Text.Encoding.ASCII.GetString(data);
            if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != "X509 CRL")
            {
                throw new LabelException(LabelError.InvalidCredentialFile, "The PEM file holds no X509 CRL block.");
            }

            return ParseDer(Convert.FromBase64String(pem[fields.Base64Data]));
        }

        return ParseDer(data.ToArray());
    }

    private static RevocationList ParseDer(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var crl = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var tbsBytes = crl.ReadEncodedValue().ToArray();
            var algorithm = crl.ReadSequence();
            var algorithmOid = algorithm.ReadObjectIdentifier();
            var signature = crl.ReadBitString(out _);
            var tbs = new AsnReader(tbsBytes, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger();
            }

            tbs.ReadSequence();
            var issuer = tbs.ReadEncodedValue().ToArray();
            var thisUpdate = ReadTime(tbs);
            DateTimeOffset? nextUpdate = null;
            if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
            {
                nextUpdate = ReadTime(tbs);
            }

            var revoked = new HashSet<BigInteger>();
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    revoked.Add(entry.ReadInteger());
                }
            }

            return new RevocationList(issuer, thisUpdate, nextUpdate, revoked, tbsBytes, algorithmOid, signature);
        }
        catch (AsnContentException ex)
        {
            throw new LabelException(LabelError.InvalidCredentialFile, $"The CRL is not valid DER: {ex.Message}", ex);
        }
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static HashAlgorithmName HashFor(string oid) => oid switch
    {
        "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
        "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };
}
