namespace Senim.Signatures.Algorithms;

/// <summary>An X.509/CMS AlgorithmIdentifier: the OID and the DER of its parameters, if any.</summary>
/// <param name="Oid">The algorithm's object identifier.</param>
/// <param name="Parameters">The DER encoding of the parameters field, or null when absent.</param>
public sealed record AlgorithmId(string Oid, ReadOnlyMemory<byte>? Parameters)
{
    /// <summary>Same OID and the same parameter bytes (record equality would compare the memory by reference).</summary>
    public bool SameAs(AlgorithmId other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Oid == other.Oid && Parameters.HasValue == other.Parameters.HasValue
            && (!Parameters.HasValue || Parameters.Value.Span.SequenceEqual(other.Parameters!.Value.Span));
    }
}

/// <summary>
/// A family of digest and signature algorithms the verifier can use, for the CMS signature, the certificates
/// of the chain and the CRLs alike. <see cref="RsaAlgorithms"/> is built in. A deployment that must accept
/// GOST 34.310-2004 or GOST R 34.10-2015 signatures (Kazakh OIDs 1.2.398.3.10.*) implements this interface over
/// a GOST provider and passes it in <see cref="Verification.TrustSettings.Algorithms"/>; without one such
/// signatures are refused with <c>unsupported-algorithm</c> naming the missing provider.
/// Implementations must be thread-safe: one verifier serves many requests at once.
/// </summary>
public interface ISignatureAlgorithm
{
    /// <summary>A short name for messages, e.g. "RSA (.NET)".</summary>
    string Name { get; }

    /// <summary>Whether this family computes the digest <paramref name="digestOid"/>.</summary>
    bool CanDigest(string digestOid);

    /// <summary>The digest of <paramref name="data"/>.</summary>
    byte[] Digest(string digestOid, ReadOnlySpan<byte> data);

    /// <summary>
    /// Whether this family verifies <paramref name="signature"/> made with a key of <paramref name="keyAlgorithmOid"/>.
    /// <paramref name="digestOid"/> is the CMS SignerInfo's digest algorithm, or null for a certificate or CRL,
    /// whose signature algorithm names its own digest.
    /// </summary>
    bool CanVerify(AlgorithmId signature, string? digestOid, string keyAlgorithmOid);

    /// <summary>Whether <paramref name="signatureValue"/> is a valid signature of <paramref name="signedData"/> by the key in <paramref name="subjectPublicKeyInfo"/>.</summary>
    /// <exception cref="UnsupportedAlgorithmException">The key or parameters are outside what this family accepts (e.g. an RSA key under 2048 bits).</exception>
    bool Verify(AlgorithmId signature, string? digestOid, ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signatureValue);
}

/// <summary>An algorithm, key or parameter set the configured algorithm families do not accept.</summary>
public sealed class UnsupportedAlgorithmException : Exception
{
    public UnsupportedAlgorithmException(string message)
        : base(message)
    {
    }

    public UnsupportedAlgorithmException()
        : this("The algorithm is not supported.")
    {
    }

    public UnsupportedAlgorithmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
