using System.Formats.Asn1;

namespace Senim.Signatures.Tests.Support;

/// <summary>Edits a CMS SignedData the way an attacker or a broken tool would, re-encoding it as DER.</summary>
internal static class CmsSurgery
{
    /// <summary>Replaces the SignerInfo's digest and signature algorithms (and the SignedData's digest set), keeping everything else.</summary>
    public static byte[] ReplaceAlgorithms(byte[] cms, string digestOid, string signatureOid)
    {
        var explicit0 = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        var contentInfo = new AsnReader(cms, AsnEncodingRules.BER).ReadSequence();
        var type = contentInfo.ReadObjectIdentifier();
        var signedData = contentInfo.ReadSequence(explicit0).ReadSequence();
        var version = signedData.ReadEncodedValue();
        signedData.ReadEncodedValue();
        var encapsulated = signedData.ReadEncodedValue();
        var rest = new List<ReadOnlyMemory<byte>>();
        while (!signedData.PeekTag().HasSameClassAndValue(Asn1Tag.SetOf))
        {
            rest.Add(signedData.ReadEncodedValue());
        }

        var signerInfo = signedData.ReadSetOf().ReadSequence();
        var signerVersion = signerInfo.ReadEncodedValue();
        var sid = signerInfo.ReadEncodedValue();
        signerInfo.ReadEncodedValue();
        var signedAttributes = signerInfo.ReadEncodedValue();
        signerInfo.ReadEncodedValue();
        var signature = signerInfo.ReadEncodedValue();

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(type);
            using (writer.PushSequence(explicit0))
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(version.Span);
                using (writer.PushSetOf())
                {
                    Algorithm(writer, digestOid);
                }

                writer.WriteEncodedValue(encapsulated.Span);
                foreach (var part in rest)
                {
                    writer.WriteEncodedValue(part.Span);
                }

                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteEncodedValue(signerVersion.Span);
                    writer.WriteEncodedValue(sid.Span);
                    Algorithm(writer, digestOid);
                    writer.WriteEncodedValue(signedAttributes.Span);
                    Algorithm(writer, signatureOid);
                    writer.WriteEncodedValue(signature.Span);
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>Changes the first occurrence of <paramref name="find"/> in <paramref name="data"/> to <paramref name="replace"/> (same length).</summary>
    public static byte[] Patch(byte[] data, byte[] find, byte[] replace)
    {
        var at = data.AsSpan().IndexOf(find);
        if (at < 0 || find.Length != replace.Length)
        {
            throw new InvalidOperationException("Nothing to patch.");
        }

        var copy = (byte[])data.Clone();
        replace.CopyTo(copy, at);
        return copy;
    }

    private static void Algorithm(AsnWriter writer, string oid)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
        }
    }
}
