using System.Formats.Asn1;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Senim.Labels.Cbor;

namespace Senim.Labels.Cose;

/// <summary>What a claim signature's RFC 3161 time-stamp says: when, and whether it matches the signature.</summary>
internal sealed record TimeStampCheck(bool Valid, DateTimeOffset Time, string Header, X509Certificate2? Authority, string Explanation);

/// <summary>
/// RFC 3161 time-stamps in the COSE unprotected header (C2PA 2.x, "Time-stamps"). v2 ("sigTst2") holds a
/// TimeStampToken over ["CounterSignature", protected, h'', bstr(signature)] (the signature is complete
/// before it is time-stamped); deprecated v1 ("sigTst") holds a TimeStampResp over ["CounterSignature",
/// protected, h'', claim]. Both are a tstContainer: {"tstTokens": [{"val": bytes}]}.
/// </summary>
internal static class TimeStamps
{
    /// <summary>What a v2 time-stamp covers.</summary>
    public static byte[] V2Payload(ReadOnlySpan<byte> protectedBytes, ReadOnlySpan<byte> signature)
    {
        var inner = new CborWriter(CborConformanceMode.Lax);
        inner.WriteByteString(signature);
        return CounterSignature(protectedBytes, inner.Encode());
    }

    /// <summary>What a v1 time-stamp covers.</summary>
    public static byte[] V1Payload(ReadOnlySpan<byte> protectedBytes, ReadOnlySpan<byte> claim) => CounterSignature(protectedBytes, claim);

    /// <summary>Reads and checks the time-stamp of a signature; null when it has none.</summary>
    public static TimeStampCheck? Check(CoseSign1 cose, ReadOnlySpan<byte> claim)
    {
        var v2 = cose.UnprotectedHeader["sigTst2"];
        var container = v2 ?? cose.UnprotectedHeader["sigTst"];
        if (container is null)
        {
            return null;
        }

        var header = v2 is null ? "sigTst" : "sigTst2";
        if (container["tstTokens"] is not { Kind: CborKind.Array } tokens || tokens.Items.Count == 0 || tokens.Items[0]["val"] is not { Kind: CborKind.Bytes } val)
        {
            return new TimeStampCheck(false, default, header, null, "The time-stamp container holds no token.");
        }

        if (TokenFrom(val.Bytes) is not { } token)
        {
            return new TimeStampCheck(false, default, header, null, "The time-stamp token cannot be read.");
        }

        var data = v2 is null ? V1Payload(cose.ProtectedBytes.Span, claim) : V2Payload(cose.ProtectedBytes.Span, cose.Signature.Span);
        try
        {
            return token.VerifySignatureForData(data, out var authority)
                ? new TimeStampCheck(true, token.TokenInfo.Timestamp, header, authority, $"Time-stamped at {token.TokenInfo.Timestamp:u}.")
                : new TimeStampCheck(false, token.TokenInfo.Timestamp, header, null, "The time-stamp does not match the signature, or its own signature is invalid.");
        }
        catch (CryptographicException ex)
        {
            return new TimeStampCheck(false, default, header, null, $"The time-stamp cannot be verified: {ex.Message}");
        }
    }

    /// <summary>The unprotected header with a v2 time-stamp, padded to exactly <paramref name="size"/> bytes.</summary>
    public static byte[] Unprotected(byte[] token, int size) => Padded(size, pad =>
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(2);
        writer.WriteTextString("sigTst2");
        writer.WriteStartMap(1);
        writer.WriteTextString("tstTokens");
        writer.WriteStartArray(1);
        writer.WriteStartMap(1);
        writer.WriteTextString("val");
        writer.WriteByteString(token);
        writer.WriteEndMap();
        writer.WriteEndArray();
        writer.WriteEndMap();
        writer.WriteTextString("pad");
        writer.WriteByteString(new byte[pad]);
        writer.WriteEndMap();
        return writer.Encode();
    });

    /// <summary>An unprotected header of exactly <paramref name="size"/> bytes holding only padding (the reserve before the time-stamp is known).</summary>
    public static byte[] Placeholder(int size) => Padded(size, pad =>
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(1);
        writer.WriteTextString("pad");
        writer.WriteByteString(new byte[pad]);
        writer.WriteEndMap();
        return writer.Encode();
    });

    /// <summary>Reads a TimeStampToken, or a TimeStampResp that wraps one.</summary>
    public static Rfc3161TimestampToken? TokenFrom(ReadOnlyMemory<byte> bytes)
    {
        if (Rfc3161TimestampToken.TryDecode(bytes, out var token, out _))
        {
            return token;
        }

        try
        {
            var response = new AsnReader(bytes, AsnEncodingRules.BER).ReadSequence();
            var status = response.ReadSequence();
            if (status.ReadInteger() > 1 || !response.HasData)
            {
                return null;
            }

            return Rfc3161TimestampToken.TryDecode(response.ReadEncodedValue(), out token, out _) ? token : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>Builds the header with the one "pad" length that makes it exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Padded(int size, Func<int, byte[]> build)
    {
        var fixedPart = build(0).Length - 1;
        var target = size - fixedPart;
        for (var head = 1; head <= 5; head++)
        {
            var length = target - head;
            if (length >= 0 && HeadLength(length) == head)
            {
                return build(length);
            }
        }

        throw new LabelException(LabelError.TimeStampFailed, $"The time-stamp does not fit the {size} bytes reserved for it.");
    }

    private static int HeadLength(int length) => length < 24 ? 1 : length < 256 ? 2 : length < 65536 ? 3 : 5;

    private static byte[] CounterSignature(ReadOnlySpan<byte> protectedBytes, ReadOnlySpan<byte> payload) =>
        CoseSign1.SigStructure("CounterSignature", protectedBytes, payload);
}
