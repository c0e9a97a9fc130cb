using System.Formats.Cbor;
using System.Security.Cryptography.X509Certificates;
using Senim.Labels.Cbor;

namespace Senim.Labels.Cose;

/// <summary>
/// A parsed COSE_Sign1 claim signature (RFC 9052) as C2PA uses it: detached payload (the claim),
/// the algorithm and x5chain in the protected header (v1 signatures may carry x5chain unprotected),
/// time-stamps in the unprotected header.
/// </summary>
public sealed class CoseSign1
{
    private CoseSign1(ReadOnlyMemory<byte> protectedBytes, CborNode protectedHeader, CborNode unprotectedHeader, ReadOnlyMemory<byte> signature, int? algorithm, IReadOnlyList<byte[]> chain)
    {
        ProtectedBytes = protectedBytes;
        ProtectedHeader = protectedHeader;
        UnprotectedHeader = unprotectedHeader;
        Signature = signature;
        AlgorithmId = algorithm;
        Chain = chain;
    }

    /// <summary>The serialized protected header, as signed.</summary>
    public ReadOnlyMemory<byte> ProtectedBytes { get; }

    public CborNode ProtectedHeader { get; }

    public CborNode UnprotectedHeader { get; }

    /// <summary>The signature bytes (IEEE P1363 r‖s for ECDSA).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The COSE algorithm number from the protected header, if present.</summary>
    public int? AlgorithmId { get; }

    /// <summary>The x5chain certificates (DER), signer first.</summary>
    public IReadOnlyList<byte[]> Chain { get; }

    /// <summary>Parses a COSE_Sign1 (tagged 18 or untagged).</summary>
    public static CoseSign1 Parse(ReadOnlyMemory<byte> bytes, LabelLimits limits)
    {
        var node = CborNode.Decode(bytes, limits.MaxDepth);
        if (node.Kind == CborKind.Tag)
        {
            if (node.Tag != 18)
            {
                throw new LabelException(LabelError.MalformedSignature, $"The claim signature has CBOR tag {node.Tag}, not 18 (COSE_Sign1).");
            }

            node = node.Items[0];
        }

        if (node.Kind != CborKind.Array || node.Items.Count != 4)
        {
            throw new LabelException(LabelError.MalformedSignature, "The claim signature is not a four-element COSE_Sign1 array.");
        }

        var protectedBytes = node.Items[0].Kind == CborKind.Bytes ? node.Items[0].Bytes : throw new LabelException(LabelError.MalformedSignature, "The COSE protected header is not a byte string.");
        var protectedHeader = protectedBytes.Length == 0 ? CborNode.Decode(new byte[] { 0xA0 }) : CborNode.Decode(protectedBytes, limits.MaxDepth);
        var unprotected = node.Items[1];
        if (protectedHeader.Kind != CborKind.Map || unprotected.Kind != CborKind.Map)
        {
            throw new LabelException(LabelError.MalformedSignature, "A COSE header is not a map.");
        }

        if (node.Items[3].Kind != CborKind.Bytes)
        {
            throw new LabelException(LabelError.MalformedSignature, "The COSE signature is not a byte string.");
        }

        var algorithm = protectedHeader[1]?.AsInt64() is { } alg && alg is >= int.MinValue and <= int.MaxValue ? (int)alg : (int?)null;
        var chainNode = protectedHeader[33] ?? unprotected[33] ?? unprotected["x5chain"];
        var chain = new List<byte[]>();
        if (chainNode?.Kind == CborKind.Bytes)
        {
            chain.Add(chainNode.Bytes.ToArray());
        }
        else if (chainNode?.Kind == CborKind.Array)
        {
            if (chainNode.Items.Count > limits.MaxChainLength)
            {
                throw new LabelException(LabelError.TooComplex, $"The x5chain has {chainNode.Items.Count} certificates, more than {limits.MaxChainLength}.");
            }

            foreach (var item in chainNode.Items)
            {
                chain.Add(item.Kind == CborKind.Bytes ? item.Bytes.ToArray() : throw new LabelException(LabelError.MalformedSignature, "An x5chain entry is not a byte string."));
            }
        }

        return new CoseSign1(protectedBytes, protectedHeader, unprotected, node.Items[3].Bytes, algorithm, chain);
    }

    /// <summary>The Sig_structure for a detached payload: ["Signature1", protected, h'', payload].</summary>
    public static byte[] ToBeSigned(ReadOnlySpan<byte> protectedBytes, ReadOnlySpan<byte> payload) => SigStructure("Signature1", protectedBytes, payload);

    /// <summary>A to-be-signed structure with empty external data: [context, protected, h'', payload] (RFC 9052 §4.4, §5.3).</summary>
    internal static byte[] SigStructure(string context, ReadOnlySpan<byte> protectedBytes, ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, initialCapacity: protectedBytes.Length + payload.Length + 32);
        writer.WriteStartArray(4);
        writer.WriteTextString(context);
        writer.WriteByteString(protectedBytes);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>The protected header Senim writes: the algorithm and the x5chain (a byte string for one certificate, else an array).</summary>
    public static byte[] EncodeProtected(CoseAlgorithm algorithm, IReadOnlyList<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(2);
        writer.WriteInt32(1);
        writer.WriteInt32((int)algorithm);
        writer.WriteInt32(33);
        if (chain.Count == 1)
        {
            writer.WriteByteString(chain[0].RawData);
        }
        else
        {
            writer.WriteStartArray(chain.Count);
            foreach (var certificate in chain)
            {
                writer.WriteByteString(certificate.RawData);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>A tagged COSE_Sign1 with a detached payload and the given unprotected header (already encoded as a CBOR map).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> protectedBytes, ReadOnlySpan<byte> unprotectedMap, ReadOnlySpan<byte> signature)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteTag((CborTag)18);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedBytes);
        writer.WriteEncodedValue(unprotectedMap);
        writer.WriteNull();
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
