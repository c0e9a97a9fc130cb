using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Senim.Labels.Cose;

namespace Senim.Labels.Signing;

/// <summary>
/// Gets RFC 3161 time-stamps for claim signatures through a caller-supplied transport (the library does no
/// networking): <see cref="Send"/> takes a DER TimeStampReq and returns the TSA's DER TimeStampResp. Every
/// signature then carries a v2 time-stamp (sigTst2), so validators judge the signer's certificate at that time.
/// </summary>
public sealed class TimeStampClient
{
    /// <summary>A client; <paramref name="reserve"/> bytes are kept in each manifest for the token (tokens with a TSA chain are 2-6 KB).</summary>
    public TimeStampClient(Func<ReadOnlyMemory<byte>, byte[]> send, int reserve = 8192)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentOutOfRangeException.ThrowIfLessThan(reserve, 512);
        Send = send;
        Reserve = reserve;
    }

    /// <summary>Sends a TimeStampReq, returns the TimeStampResp.</summary>
    public Func<ReadOnlyMemory<byte>, byte[]> Send { get; }

    /// <summary>Bytes reserved for the unprotected header that holds the token.</summary>
    public int Reserve { get; }

    /// <summary>The encoded token over <paramref name="data"/>; throws <see cref="LabelError.TimeStampFailed"/> on any failure.</summary>
    internal byte[] Stamp(byte[] data)
    {
        var request = Rfc3161TimestampRequest.CreateFromData(data, HashAlgorithmName.SHA256, requestSignerCertificates: true, nonce: RandomNumberGenerator.GetBytes(8));
        byte[] response;
        try
        {
            response = Send(request.Encode());
        }
        catch (Exception ex) when (ex is not LabelException)
        {
            throw new LabelException(LabelError.TimeStampFailed, $"The time-stamp authority could not be reached: {ex.Message}", ex);
        }

        try
        {
            var token = request.ProcessResponse(response, out _);
            return token.AsSignedCms().Encode();
        }
        catch (CryptographicException ex)
        {
            throw new LabelException(LabelError.TimeStampFailed, $"The time-stamp authority's response is not a valid time-stamp for this signature: {ex.Message}", ex);
        }
    }

    /// <summary>The unprotected header for a finished signature.</summary>
    internal byte[] Header(ReadOnlySpan<byte> protectedBytes, ReadOnlySpan<byte> signature) =>
        TimeStamps.Unprotected(Stamp(TimeStamps.V2Payload(protectedBytes, signature)), Reserve);
}
