using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Senim.Signatures.Algorithms;
using Senim.Signatures.Certificates;

namespace Senim.Signatures.Revocation;

/// <summary>Why a CRL was not taken.</summary>
public enum CrlProblem
{
    /// <summary>Over the configured size limit; refused before any of it was parsed.</summary>
    TooLarge,

    /// <summary>Not a readable X.509 v2 CRL in DER or PEM.</summary>
    Malformed,
}

/// <summary>A CRL that cannot be taken; <see cref="Problem"/> says why.</summary>
public sealed class CrlException(CrlProblem problem, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Why the CRL was not taken.</summary>
    public CrlProblem Problem { get; } = problem;
}

/// <summary>One entry of a CRL: when and (if given) why the certificate was revoked.</summary>
internal readonly record struct RevokedEntry(DateTimeOffset RevokedAt, int? Reason);

/// <summary>
/// A complete X.509 v2 CRL (RFC 5280 §5) read from DER or PEM: structure only. Whether it can be relied on
/// for a certificate (its issuer's name and key, signature, dates, extensions) is the
/// question (<see cref="IssuerProblem"/>, <see cref="DateProblem"/>), asked with the issuer in hand.
/// </summary>
internal sealed class RevocationList
{
    private const string DeltaCrlIndicator = "2.5.29.27";
    private const string CrlNumberOid = "2.5.29.20";
    private const string AuthorityKeyIdOid = "2.5.29.35";
    private const string ReasonCodeOid = "2.5.29.21";
    private const string InvalidityDateOid = "2.5.29.24";

    private RevocationList()
    {
    }

    public required byte[] Issuer { get; init; }

    public required DateTimeOffset ThisUpdate { get; init; }

    public DateTimeOffset? NextUpdate { get; init; }

    public BigInteger? Number { get; init; }

    public byte[]? AuthorityKeyId { get; init; }

    public required IReadOnlyDictionary<string, RevokedEntry> Entries { get; init; }

    public required IReadOnlyList<string> UnknownCriticalExtensions { get; init; }

    public bool IsDelta { get; init; }

    public required byte[] SignedPart { get; init; }

    public required AlgorithmId SignatureAlgorithm { get; init; }

    public required byte[] Signature { get; init; }

    public string IssuerText => issuerText ??= new System.Security.Cryptography.X509Certificates.X500DistinguishedName(Issuer).Name;

    private string? issuerText;

    /// <summary>Parses a CRL already known to be within the size limit.</summary>
    /// <exception cref="CrlException">With <see cref="CrlProblem.Malformed"/>.</exception>
    public static RevocationList Parse(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw Malformed("it is empty");
        }

        var der = data[0] == 0x30 ? data.ToArray() : FromPem(data);
        try
        {
            return ParseDer(der);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException)
        {
            throw Malformed("its DER structure is damaged or truncated", ex);
        }
    }

    /// <summary>What this CRL's signature check found per issuer certificate (SHA-256): null when it verified, else why not.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string?> IssuerChecks { get; } = new(StringComparer.Ordinal);

    /// <summary>Why this CRL is not <paramref name="issuer"/>'s complete CRL (name, key identifier, key usage, kind, extensions), or null. The signature is checked by the caller.</summary>
    public string? IssuerProblem(CertificateInfo issuer)
    {
        if (!issuer.Subject.Span.SequenceEqual(Issuer))
        {
            return $"the CRL is issued by '{IssuerText}', not '{issuer.SubjectText}'";
        }

        if (AuthorityKeyId is not null && issuer.SubjectKeyId is not null && !AuthorityKeyId.AsSpan().SequenceEqual(issuer.SubjectKeyId))
        {
            return $"the CRL of '{IssuerText}' was signed by another key of that name";
        }

        if (issuer.KeyUsage is { } usage && !usage.HasFlag(System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.CrlSign))
        {
            return $"'{issuer.SubjectText}' may not sign CRLs (no cRLSign key usage)";
        }

        if (IsDelta)
        {
            return $"the CRL of '{IssuerText}' is a delta CRL, which this verifier does not combine with a base CRL";
        }

        if (UnknownCriticalExtensions.Count > 0)
        {
            return $"the CRL of '{IssuerText}' has critical extensions this verifier does not process ({string.Join(", ", UnknownCriticalExtensions)})";
        }

        return null;
    }

    /// <summary>Why this CRL is not current at <paramref name="at"/>, or null when it is.</summary>
    public string? DateProblem(DateTimeOffset at)
    {
        if (ThisUpdate > at)
        {
            return $"the CRL of '{IssuerText}' is dated {ThisUpdate:u}, after {at:u}";
        }

        if (NextUpdate is not { } next)
        {
            return $"the CRL of '{IssuerText}' has no nextUpdate, so nothing says it is current";
        }

        if (next < at)
        {
            return $"the CRL of '{IssuerText}' was due to be replaced at {next:u}";
        }

        return null;
    }

    private static RevocationList ParseDer(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var list = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var signedPart = list.ReadEncodedValue().ToArray();
        var algorithm = Asn.ReadAlgorithm(list);
        var signature = list.ReadBitString(out _);
        list.ThrowIfNotEmpty();

        var tbs = new AsnReader(signedPart, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer) && (!tbs.TryReadInt32(out var version) || version != 1))
        {
            throw Malformed("it is not a version 2 CRL");
        }

        if (!Asn.ReadAlgorithm(tbs).SameAs(algorithm))
        {
            throw Malformed("the signature algorithm inside and outside the signed part differ");
        }

        var issuer = tbs.ReadEncodedValue().ToArray();
        var thisUpdate = Asn.ReadTime(tbs);
        DateTimeOffset? nextUpdate = tbs.HasData && Asn.IsTime(tbs.PeekTag()) ? Asn.ReadTime(tbs) : null;

        var entries = new Dictionary<string, RevokedEntry>(StringComparer.Ordinal);
        var unknown = new List<string>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var revoked = tbs.ReadSequence();
            while (revoked.HasData)
            {
                var entry = revoked.ReadSequence();
                var serial = Asn.ReadSerial(entry);
                var at = Asn.ReadTime(entry);
                int? reason = null;
                if (entry.HasData)
                {
                    foreach (var (oid, critical, value) in Asn.ReadExtensions(entry))
                    {
                        if (oid == ReasonCodeOid)
                        {
                            reason = (int)new AsnReader(value, AsnEncodingRules.DER).ReadEnumeratedValue<System.Security.Cryptography.X509Certificates.X509RevocationReason>();
                        }
                        else if (critical && oid != InvalidityDateOid)
                        {
                            unknown.Add(oid);
                        }
                    }
                }

                entry.ThrowIfNotEmpty();
                entries[serial] = new RevokedEntry(at, reason);
            }
        }

        BigInteger? number = null;
        byte[]? authorityKeyId = null;
        var isDelta = false;
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            var wrapper = tbs.ReadSequence(extensionsTag);
            foreach (var (oid, critical, value) in Asn.ReadExtensions(wrapper))
            {
                switch (oid)
                {
                    case CrlNumberOid:
                        number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
                        break;
                    case AuthorityKeyIdOid:
                        var aki = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
                        var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
                        authorityKeyId = aki.HasData && aki.PeekTag().HasSameClassAndValue(keyIdTag) ? aki.ReadOctetString(keyIdTag) : null;
                        break;
                    case DeltaCrlIndicator:
                        isDelta = true;
                        break;
                    default:
                        if (critical)
                        {
                            unknown.Add(oid);
                        }

                        break;
                }
            }

            wrapper.ThrowIfNotEmpty();
        }

        tbs.ThrowIfNotEmpty();
        return new RevocationList
        {
            Issuer = issuer,
            ThisUpdate = thisUpdate,
            NextUpdate = nextUpdate,
            Number = number,
            AuthorityKeyId = authorityKeyId,
            Entries = entries,
            UnknownCriticalExtensions = unknown,
            IsDelta = isDelta,
            SignedPart = signedPart,
            SignatureAlgorithm = algorithm,
            Signature = signature,
        };
    }

    private static byte[] FromPem(ReadOnlySpan<byte> data)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException ex)
        {
            throw Malformed("it is neither DER nor PEM", ex);
        }

        if (!PemEncoding.TryFind(text, out var fields) || !text.AsSpan()[fields.Label].SequenceEqual("X509 CRL"))
        {
            throw Malformed("it is neither DER nor an 'X509 CRL' PEM block");
        }

        var der = new byte[fields.DecodedDataLength];
        return Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written) && written == der.Length
            ? der
            : throw Malformed("its PEM Base64 is damaged");
    }

    private static CrlException Malformed(string reason, Exception? inner = null) =>
        new(CrlProblem.Malformed, $"The CRL cannot be read: {reason}.", inner);
}
