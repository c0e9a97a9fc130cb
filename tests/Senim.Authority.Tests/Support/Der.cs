using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Authority.Tests.Support;

/// <summary>Reads the pieces of a certificate tests assert on.</summary>
internal static class Der
{
    /// <summary>The signature algorithm OID of a certificate (outer AlgorithmIdentifier).</summary>
    public static string SignatureAlgorithm(X509Certificate2 certificate) => certificate.SignatureAlgorithm.Value!;

    /// <summary>Each RDN of a name as (attribute OID, string tag, value), in encoded order.</summary>
    public static List<(string Oid, UniversalTagNumber Tag, string Value)> Attributes(X500DistinguishedName name)
    {
        var result = new List<(string, UniversalTagNumber, string)>();
        var reader = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
        while (reader.HasData)
        {
            var set = reader.ReadSetOf();
            while (set.HasData)
            {
                var attribute = set.ReadSequence();
                var oid = attribute.ReadObjectIdentifier();
                var tag = (UniversalTagNumber)attribute.PeekTag().TagValue;
                var value = attribute.ReadCharacterString(tag);
                result.Add((oid, tag, value));
            }
        }

        return result;
    }

    /// <summary>The URIs of a CRL distribution points extension (fullName uniformResourceIdentifier only).</summary>
    public static List<string> DistributionPoints(X509Extension extension)
    {
        var uris = new List<string>();
        var points = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        while (points.HasData)
        {
            var point = points.ReadSequence();
            var name = point.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            var full = name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            while (full.HasData)
            {
                uris.Add(full.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6)));
            }
        }

        return uris;
    }

    /// <summary>The uniformResourceIdentifier names of a subjectAltName extension.</summary>
    public static List<string> Uris(X509Extension extension)
    {
        var uris = new List<string>();
        var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        while (names.HasData)
        {
            if (names.PeekTag().HasSameClassAndValue(uriTag))
            {
                uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
            }
            else
            {
                names.ReadEncodedValue();
            }
        }

        return uris;
    }
}
