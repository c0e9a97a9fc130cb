using Senim.Signatures.Verification;

namespace Senim.Signatures.Algorithms;

/// <summary>The algorithm families a verifier may use, in order: RSA through .NET first, then the configured providers.</summary>
internal sealed class AlgorithmSet(IReadOnlyList<ISignatureAlgorithm> families)
{
    public ISignatureAlgorithm? FindDigest(string digestOid) => families.FirstOrDefault(f => f.CanDigest(digestOid));

    public ISignatureAlgorithm? FindSignature(AlgorithmId signature, string? digestOid, string keyAlgorithmOid) =>
        families.FirstOrDefault(f => f.CanVerify(signature, digestOid, keyAlgorithmOid));

    /// <summary>The digest of <paramref name="data"/>, or an <c>unsupported-algorithm</c> refusal naming what is missing.</summary>
    public byte[] Digest(string digestOid, ReadOnlySpan<byte> data)
    {
        var family = FindDigest(digestOid) ?? throw Unsupported($"The signature's digest is {AlgorithmNames.Describe(digestOid)}.", digestOid);
        return family.Digest(digestOid, data);
    }

    /// <summary>Verifies a signature by <paramref name="subjectPublicKeyInfo"/>, or refuses with <c>unsupported-algorithm</c> when no family can.</summary>
    /// <param name="what">What is signed, for the message: "the signature", "the certificate of 'X'".</param>
    public bool Verify(string what, AlgorithmId signature, string? digestOid, string keyAlgorithmOid, ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signatureValue)
    {
        var family = FindSignature(signature, digestOid, keyAlgorithmOid);
        if (family is null)
        {
            // The remedy names the most telling of the three: GOST anywhere, else a weak digest, else the signature.
            string[] found = [signature.Oid, keyAlgorithmOid, .. digestOid is null ? Array.Empty<string>() : [digestOid]];
            var culprit = found.FirstOrDefault(AlgorithmNames.IsGost) ?? (digestOid == Oids.Sha1 ? digestOid : signature.Oid);
            var digest = digestOid is null ? string.Empty : $" over {AlgorithmNames.Describe(digestOid)}";
            throw Unsupported($"{Capitalise(what)} is made with {AlgorithmNames.Describe(signature.Oid)}{digest} and a {AlgorithmNames.Describe(keyAlgorithmOid)} key.", culprit);
        }

        try
        {
            return family.Verify(signature, digestOid, subjectPublicKeyInfo, signedData, signatureValue);
        }
        catch (UnsupportedAlgorithmException ex)
        {
            throw new SignatureFailureException(SignatureReason.UnsupportedAlgorithm, $"{Capitalise(what)} cannot be verified: {ex.Message}", ex);
        }
    }

    private static SignatureFailureException Unsupported(string found, string oid) =>
        new(SignatureReason.UnsupportedAlgorithm, $"{found} {AlgorithmNames.Remedy(oid)}");

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
