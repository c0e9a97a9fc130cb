using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Authority.Crls;

/// <summary>One revoked certificate in a CRL.</summary>
/// <param name="Serial">Upper-case hex of the serial's DER content bytes, as X509Certificate2.SerialNumber writes it.</param>
/// <param name="RevokedAt">The revocationDate.</param>
/// <param name="Reason">The reasonCode entry extension, if present.</param>
public sealed record RevokedEntry(string Serial, DateTimeOffset RevokedAt, X509RevocationReason? Reason);

/// <summary>
/// A parsed X.509 v2 CRL (RFC 5280 §5). Parsing checks the structure only; <see cref="RevocationCheck"/>
/// checks the issuer, signature and dates. Input is bounded by <see cref="MaxBytes"/> and read with DER rules.
/// </summary>
public sealed class RevocationList
{
    /// <summary>The largest CRL accepted.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private const string CrlNumberOid = "2.5.29.20";
    private const string AuthorityKeyIdOid = "2.5.29.35";
    private const string ReasonCodeOid = "2.5.29.21";
    private const string InvalidityDateOid = "2.5.29.24";

    private RevocationList()
    {
    }

    /// <summary>The issuer Name, DER.</summary>
    public required byte[] IssuerName { get; init; }

    /// <summary>thisUpdate.</summary>
    public DateTimeOffset ThisUpdate { get; private init; }

    /// <summary>nextUpdate, when present.</summary>
    public DateTimeOffset? NextUpdate { get; private init; }

    /// <summary>The cRLNumber extension, when present.</summary>
    public BigInteger? CrlNumber { get; private init; }

    /// <summary>The keyIdentifier of the authorityKeyIdentifier extension, when present.</summary>
    public byte[]? AuthorityKeyId { get; private init; }

    /// <summary>Revoked serials (upper-case hex) and their entries.</summary>
    public required IReadOnlyDictionary<string, RevokedEntry> Entries { get; init; }

    /// <summary>Critical CRL or entry extensions this reader does not understand.</summary>
    public required IReadOnlyList<string> UnknownCriticalExtensions { get; init; }

    /// <summary>The signed part (tbsCertList), DER.</summary>
    public required byte[] SignedPart { get; init; }

    /// <summary>The signature algorithm OID.</summary>
    public required string SignatureAlgorithm { get; init; }

    /// <summary>The signature value.</summary>
    public required byte[] Signature { get; init; }

    /// <summary>Parses a CRL in DER or PEM ("X509 CRL").</summary>
    /// <exception cref="CrlException">With <see cref="CrlError.Malformed"/> and the reason.</exception>
    public static RevocationList Parse(ReadOnlySpan<byte> crl)
    {
        if (crl.Length == 0 || crl.Length > MaxBytes)
        {
            throw Malformed(crl.Length == 0 ? "it is empty" : $"it is {crl.Length:N0} bytes, over the {MaxBytes:N0}-byte limit");
        }

        var der = crl[0] == 0x30 ? crl.ToArray() : FromPem(crl);
        try
        {
            return ParseDer(der);
        }
        catch (AsnContentException ex)
        {
            throw Malformed("its DER structure is damaged or truncated", ex);
        }
        catch (ArgumentException ex)
        {
            throw Malformed("its DER structure is damaged", ex);
        }
        catch (CryptographicException ex)
        {
            throw Malformed("its DER structure is damaged", ex);
        }
    }

    private static RevocationList ParseDer(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var list = outer.ReadSequence();
        if (outer.HasData)
        {
            throw Malformed("there are bytes after the CRL");
        }

        var signedPart = list.ReadEncodedValue().ToArray();
        var outerAlgorithm = ReadAlgorithm(list);
        var signature = list.ReadBitString(out var unused);
        if (unused != 0)
        {
            throw Malformed("its signature bit string has unused bits");
        }

        list.ThrowIfNotEmpty();

        var tbs = new AsnReader(signedPart, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            if (!tbs.TryReadInt32(out var version) || version != 1)
            {
                throw Malformed("its version is not v2");
            }
        }

        var innerAlgorithm = ReadAlgorithm(tbs);
        if (innerAlgorithm != outerAlgorithm)
        {
            throw Malformed("the signature algorithm inside and outside the signed part differ");
        }

        var issuer = tbs.ReadEncodedValue().ToArray();
        _ = new X500DistinguishedName(issuer);
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && IsTime(tbs.PeekTag()))
        {
            nextUpdate = ReadTime(tbs);
        }

        var entries = new Dictionary<string, RevokedEntry>(StringComparer.Ordinal);
        var unknownCritical = new List<string>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var revoked = tbs.ReadSequence();
            while (revoked.HasData)
            {
                var entry = revoked.ReadSequence();
                var serial = Convert.ToHexString(entry.ReadIntegerBytes().Span);
                var at = ReadTime(entry);
                X509RevocationReason? reason = null;
                if (entry.HasData)
                {
                    foreach (var (oid, critical, value) in ReadExtensions(entry))
                    {
                        if (oid == ReasonCodeOid)
                        {
                            var code = new AsnReader(value, AsnEncodingRules.DER).ReadEnumeratedValue<X509RevocationReason>();
                            reason = code;
                        }
                        else if (critical && oid != InvalidityDateOid)
                        {
                            unknownCritical.Add(oid);
                        }
                    }
                }

                entry.ThrowIfNotEmpty();
                if (!entries.TryAdd(serial, new RevokedEntry(serial, at, reason)))
                {
                    throw Malformed($"serial {serial} is listed twice");
                }
            }
        }

        BigInteger? crlNumber = null;
        byte[]? authorityKeyId = null;
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            var wrapper = tbs.ReadSequence(extensionsTag);
            foreach (var (oid, critical, value) in ReadExtensions(wrapper))
            {
                switch (oid)
                {
                    case CrlNumberOid:
                        crlNumber = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
                        break;
                    case AuthorityKeyIdOid:
                        var aki = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
                        var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
                        if (aki.HasData && aki.PeekTag().HasSameClassAndValue(keyIdTag))
                        {
                            authorityKeyId = aki.ReadOctetString(keyIdTag);
                        }

                        break;
                    default:
                        if (critical)
                        {
                            unknownCritical.Add(oid);
                        }

                        break;
                }
            }

            wrapper.ThrowIfNotEmpty();
        }

        tbs.ThrowIfNotEmpty();
        return new RevocationList
        {
            IssuerName = issuer,
            ThisUpdate = thisUpdate,
            NextUpdate = nextUpdate,
            CrlNumber = crlNumber,
            AuthorityKeyId = authorityKeyId,
            Entries = entries,
            UnknownCriticalExtensions = unknownCritical,
            SignedPart = signedPart,
            SignatureAlgorithm = outerAlgorithm,
            Signature = signature,
        };
    }

    private static List<(string Oid, bool Critical, byte[] Value)> ReadExtensions(AsnReader parent)
    {
        var result = new List<(string, bool, byte[])>();
        var sequence = parent.ReadSequence();
        while (sequence.HasData)
        {
            var extension = sequence.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            var value = extension.ReadOctetString();
            extension.ThrowIfNotEmpty();
            result.Add((oid, critical, value));
        }

        return result;
    }

    private static string ReadAlgorithm(AsnReader parent)
    {
        var algorithm = parent.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData)
        {
            // Parameters: NULL for RSA, absent for ECDSA; anything else is read and ignored.
            algorithm.ReadEncodedValue();
        }

        algorithm.ThrowIfNotEmpty();
        return oid;
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static byte[] FromPem(ReadOnlySpan<byte> crl)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(crl);
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw Malformed("it is neither DER nor PEM text", ex);
        }

        if (!PemEncoding.TryFind(text, out var fields) || !text.AsSpan()[fields.Label].SequenceEqual("X509 CRL"))
        {
            throw Malformed("it is neither DER nor an 'X509 CRL' PEM block");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written) || written != der.Length)
        {
            throw Malformed("its PEM base64 is damaged");
        }

        return der;
    }

    private static CrlException Malformed(string reason, Exception? inner = null) =>
        new(CrlError.Malformed, $"The CRL cannot be read: {reason}.", inner);
}
