using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Signatures.Algorithms;

namespace Senim.Signatures.Certificates;

/// <summary>
/// One X.509 certificate, read once into what path validation needs: the signed part, its signature, the key,
/// the names as DER, the validity, the extensions the verifier processes and the critical ones it does not.
/// Certificates do not change, so <see cref="CertificateCache"/> keeps these by the certificate's SHA-256.
/// </summary>
internal sealed record CertificateInfo
{
    private static readonly HashSet<string> Processed = new(StringComparer.Ordinal)
    {
        "2.5.29.14", // subjectKeyIdentifier
        "2.5.29.15", // keyUsage
        "2.5.29.17", // subjectAltName (informational)
        "2.5.29.18", // issuerAltName (informational)
        "2.5.29.19", // basicConstraints
        "2.5.29.31", // cRLDistributionPoints
        "2.5.29.32", // certificatePolicies: no policy is required, so any set is acceptable
        "2.5.29.35", // authorityKeyIdentifier
        "2.5.29.37", // extKeyUsage
        "1.3.6.1.5.5.7.1.1", // authorityInfoAccess (informational: no downloads)
        "1.3.6.1.5.5.7.1.3", // qcStatements (informational)
    };

    private X509Certificate2? certificate;
    private string? subjectText;
    private string? issuerText;

    private CertificateInfo()
    {
    }

    public required byte[] Raw { get; init; }

    public required string Sha256 { get; init; }

    public required ReadOnlyMemory<byte> SignedPart { get; init; }

    public required AlgorithmId SignatureAlgorithm { get; init; }

    public required byte[] SignatureValue { get; init; }

    public required ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; init; }

    public required string KeyAlgorithmOid { get; init; }

    public required ReadOnlyMemory<byte> Issuer { get; init; }

    public required ReadOnlyMemory<byte> Subject { get; init; }

    public required string Serial { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public bool IsCa { get; private init; }

    public int? PathLength { get; private init; }

    public X509KeyUsageFlags? KeyUsage { get; private init; }

    public IReadOnlyList<string> ExtendedKeyUsages { get; private init; } = [];

    public byte[]? SubjectKeyId { get; private init; }

    public byte[]? AuthorityKeyId { get; private init; }

    public IReadOnlyList<Uri> CrlDistributionPoints { get; private init; } = [];

    public IReadOnlyList<string> UnknownCriticalExtensions { get; private init; } = [];

    public required NcaSubject Holder { get; init; }

    public NcaRole Role => NcaSubject.RoleOf(ExtendedKeyUsages);

    public bool IsSelfIssued => Subject.Span.SequenceEqual(Issuer.Span);

    public string SubjectText => subjectText ??= new X500DistinguishedName(Subject.Span).Name;

    public string IssuerText => issuerText ??= new X500DistinguishedName(Issuer.Span).Name;

    /// <summary>The certificate as a .NET object, made on first use (for hosts' OCSP clients and for display).</summary>
    public X509Certificate2 Certificate => certificate ??= X509CertificateLoader.LoadCertificate(Raw);

    /// <summary>Reads a DER certificate.</summary>
    /// <exception cref="FormatException">It is not a readable X.509 v3 certificate; the message says why.</exception>
    public static CertificateInfo Parse(byte[] der)
    {
        try
        {
            return ParseDer(der);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException)
        {
            throw new FormatException("its DER structure is damaged", ex);
        }
    }

    private static CertificateInfo ParseDer(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var certificate = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var signedPart = certificate.ReadEncodedValue();
        var algorithm = Asn.ReadAlgorithm(certificate);
        var signature = certificate.ReadBitString(out var unused);
        certificate.ThrowIfNotEmpty();
        if (unused != 0)
        {
            throw new FormatException("its signature has unused bits");
        }

        var tbs = new AsnReader(signedPart, AsnEncodingRules.DER).ReadSequence();
        var versionTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        var version = 0;
        if (tbs.PeekTag().HasSameClassAndValue(versionTag) && !tbs.ReadSequence(versionTag).TryReadInt32(out version))
        {
            throw new FormatException("its version cannot be read");
        }

        var serial = Asn.ReadSerial(tbs);
        if (!Asn.ReadAlgorithm(tbs).SameAs(algorithm))
        {
            throw new FormatException("the signature algorithm inside and outside the signed part differ");
        }

        var issuer = tbs.ReadEncodedValue();
        var validity = tbs.ReadSequence();
        var notBefore = Asn.ReadTime(validity);
        var notAfter = Asn.ReadTime(validity);
        validity.ThrowIfNotEmpty();
        var subject = tbs.ReadEncodedValue();
        var spki = tbs.ReadEncodedValue();
        var keyAlgorithm = Asn.ReadAlgorithm(new AsnReader(spki, AsnEncodingRules.DER).ReadSequence()).Oid;

        var issuerUniqueId = new Asn1Tag(TagClass.ContextSpecific, 1);
        var subjectUniqueId = new Asn1Tag(TagClass.ContextSpecific, 2);
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, true);
        while (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(issuerUniqueId) || tbs.PeekTag().HasSameClassAndValue(subjectUniqueId)))
        {
            tbs.ReadEncodedValue();
        }

        var info = new CertificateInfo
        {
            Raw = der,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(der)),
            SignedPart = signedPart,
            SignatureAlgorithm = algorithm,
            SignatureValue = signature,
            SubjectPublicKeyInfo = spki,
            KeyAlgorithmOid = keyAlgorithm,
            Issuer = issuer,
            Subject = subject,
            Serial = serial,
            NotBefore = notBefore,
            NotAfter = notAfter,
            Holder = NcaSubject.Read(subject),
        };

        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            info = WithExtensions(info, Asn.ReadExtensions(tbs.ReadSequence(extensionsTag)));
        }

        tbs.ThrowIfNotEmpty();
        if (version != 2)
        {
            throw new FormatException($"it is X.509 version {version + 1}, not 3");
        }

        return info;
    }

    private static CertificateInfo WithExtensions(CertificateInfo info, List<(string Oid, bool Critical, byte[] Value)> extensions)
    {
        bool isCa = false;
        int? pathLength = null;
        X509KeyUsageFlags? keyUsage = null;
        var eku = new List<string>();
        byte[]? ski = null, aki = null;
        var crlDps = new List<Uri>();
        var unknown = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (oid, critical, value) in extensions)
        {
            if (!seen.Add(oid))
            {
                throw new FormatException($"extension {oid} appears twice");
            }

            var data = new AsnEncodedData(oid, value);
            switch (oid)
            {
                case "2.5.29.19":
                    var basic = new X509BasicConstraintsExtension(data, critical);
                    isCa = basic.CertificateAuthority;
                    pathLength = basic.HasPathLengthConstraint ? basic.PathLengthConstraint : null;
                    break;
                case "2.5.29.15":
                    var usage = new X509KeyUsageExtension(data, critical);
                    keyUsage = usage.KeyUsages;
                    break;
                case "2.5.29.37":
                    var enhanced = new X509EnhancedKeyUsageExtension(data, critical);
                    foreach (var usageOid in enhanced.EnhancedKeyUsages)
                    {
                        eku.Add(usageOid.Value!);
                    }

                    break;
                case "2.5.29.14":
                    ski = new AsnReader(value, AsnEncodingRules.DER).ReadOctetString();
                    break;
                case "2.5.29.35":
                    var authority = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
                    var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
                    if (authority.HasData && authority.PeekTag().HasSameClassAndValue(keyIdTag))
                    {
                        aki = authority.ReadOctetString(keyIdTag);
                    }

                    break;
                case "2.5.29.31":
                    crlDps.AddRange(ReadDistributionPoints(value));
                    break;
                default:
                    if (critical && !Processed.Contains(oid))
                    {
                        unknown.Add(oid);
                    }

                    break;
            }
        }

        return info with
        {
            IsCa = isCa,
            PathLength = pathLength,
            KeyUsage = keyUsage,
            ExtendedKeyUsages = eku,
            SubjectKeyId = ski,
            AuthorityKeyId = aki,
            CrlDistributionPoints = crlDps,
            UnknownCriticalExtensions = unknown,
        };
    }

    /// <summary>The URIs in the fullName of each DistributionPoint (RFC 5280 §4.2.1.13).</summary>
    private static List<Uri> ReadDistributionPoints(byte[] value)
    {
        var points = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
        var nameTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        var result = new List<Uri>();
        while (points.HasData)
        {
            var point = points.ReadSequence();
            if (!point.HasData || !point.PeekTag().HasSameClassAndValue(nameTag))
            {
                continue;
            }

            var name = point.ReadSequence(nameTag);
            if (!name.PeekTag().HasSameClassAndValue(nameTag))
            {
                continue;
            }

            var generalNames = name.ReadSequence(nameTag);
            while (generalNames.HasData)
            {
                if (generalNames.PeekTag().HasSameClassAndValue(uriTag)
                    && Uri.TryCreate(generalNames.ReadCharacterString(UniversalTagNumber.IA5String, uriTag), UriKind.Absolute, out var uri))
                {
                    result.Add(uri);
                }
                else
                {
                    generalNames.ReadEncodedValue();
                }
            }
        }

        return result;
    }
}

/// <summary>Parsed certificates by SHA-256, bounded: cleared when it outgrows <see cref="MaxEntries"/>.</summary>
internal sealed class CertificateCache
{
    public const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, CertificateInfo> entries = new(StringComparer.Ordinal);

    /// <summary>The parsed certificate for <paramref name="der"/>.</summary>
    /// <exception cref="FormatException">It cannot be read.</exception>
    public CertificateInfo Get(ReadOnlySpan<byte> der)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(der));
        if (entries.TryGetValue(key, out var found))
        {
            return found;
        }

        var parsed = CertificateInfo.Parse(der.ToArray());
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        return entries.GetOrAdd(key, parsed);
    }
}
