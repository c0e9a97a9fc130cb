using System.Formats.Asn1;
using Senim.Signatures.Algorithms;

namespace Senim.Signatures.Certificates;

/// <summary>Small readers shared by the certificate, CRL and CMS parsers.</summary>
internal static class Asn
{
    public static AlgorithmId ReadAlgorithm(AsnReader parent)
    {
        var sequence = parent.ReadSequence();
        var oid = sequence.ReadObjectIdentifier();
        ReadOnlyMemory<byte>? parameters = null;
        if (sequence.HasData)
        {
            var encoded = sequence.ReadEncodedValue();
            // NULL parameters (RSA) mean the same as absent ones.
            if (!(encoded.Length == 2 && encoded.Span[0] == 0x05 && encoded.Span[1] == 0x00))
            {
                parameters = encoded.ToArray();
            }
        }

        sequence.ThrowIfNotEmpty();
        return new AlgorithmId(oid, parameters);
    }

    public static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    public static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    /// <summary>The serial number as upper-case hex of the INTEGER's content octets, as certificates, CRLs and CMS all encode it.</summary>
    public static string ReadSerial(AsnReader reader) => Convert.ToHexString(reader.ReadIntegerBytes().Span);

    /// <summary>Reads Extensions (SEQUENCE OF Extension) into (oid, critical, value) triples.</summary>
    public static List<(string Oid, bool Critical, byte[] Value)> ReadExtensions(AsnReader parent)
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
}
