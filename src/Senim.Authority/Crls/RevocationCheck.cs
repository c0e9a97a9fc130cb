using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Authority.Crls;

/// <summary>A certificate's status according to a CRL that passed every check.</summary>
/// <param name="Revoked">Whether the CRL lists the certificate (a hold counts as revoked while it lasts).</param>
/// <param name="RevokedAt">The revocation date, when revoked.</param>
/// <param name="Reason">The reason code, when the CRL gives one.</param>
/// <param name="CrlNumber">The CRL's number, when it has one.</param>
/// <param name="ThisUpdate">When the CRL was issued.</param>
/// <param name="NextUpdate">When the next CRL is due; the status is good until then.</param>
public sealed record RevocationStatus(
    bool Revoked,
    DateTimeOffset? RevokedAt,
    X509RevocationReason? Reason,
    BigInteger? CrlNumber,
    DateTimeOffset ThisUpdate,
    DateTimeOffset NextUpdate);

/// <summary>
/// Decides whether a certificate is revoked, from its issuer's CRL, as a verifier must before trusting a
/// label's signer (RFC 5280 §6.3, for a complete CRL from the certificate's own issuer): the CRL must name
/// the issuer and match its key identifier, be signed by the issuer's key (which must allow cRLSign), be
/// current at <c>at</c>, and carry no critical extension this checker cannot process.
/// </summary>
public static class RevocationCheck
{
    /// <summary>Checks <paramref name="certificate"/> against <paramref name="crl"/> (DER or PEM) of <paramref name="issuer"/>.</summary>
    /// <exception cref="CrlException">The CRL cannot be relied on; the error says why.</exception>
    public static RevocationStatus Check(X509Certificate2 certificate, X509Certificate2 issuer, ReadOnlySpan<byte> crl, DateTimeOffset at)
    {
        return Check(certificate, issuer, RevocationList.Parse(crl), at);
    }

    /// <summary>
    /// Checks <paramref name="certificate"/> against a CRL parsed once with <see cref="RevocationList.Parse"/>:
    /// a verifier fetching a CRL every few hours parses it once and checks every label against it.
    /// </summary>
    /// <exception cref="CrlException">The CRL cannot be relied on; the error says why.</exception>
    public static RevocationStatus Check(X509Certificate2 certificate, X509Certificate2 issuer, RevocationList list, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(list);
        Verify(list, issuer, at);

        if (!certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            throw new CrlException(CrlError.WrongIssuer, $"The certificate was issued by '{certificate.Issuer}', not by '{issuer.Subject}' whose CRL this is.");
        }

        list.Entries.TryGetValue(certificate.SerialNumber, out var entry);
        return new RevocationStatus(entry is not null, entry?.RevokedAt, entry?.Reason, list.CrlNumber, list.ThisUpdate, list.NextUpdate!.Value);
    }

    /// <summary>Checks that <paramref name="list"/> is <paramref name="issuer"/>'s, correctly signed and current at <paramref name="at"/>.</summary>
    /// <exception cref="CrlException">The CRL cannot be relied on; the error says why.</exception>
    public static void Verify(RevocationList list, X509Certificate2 issuer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(issuer);
        if (!list.IssuerName.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            throw new CrlException(CrlError.WrongIssuer, $"The CRL was issued by '{new X500DistinguishedName(list.IssuerName).Name}', not by '{issuer.Subject}'.");
        }

        var ski = issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
        if (list.AuthorityKeyId is not null && ski is not null && !ski.SubjectKeyIdentifierBytes.Span.SequenceEqual(list.AuthorityKeyId))
        {
            throw new CrlException(CrlError.WrongIssuer, "The CRL's authority key identifier is not the issuer's subject key identifier: it was signed by another key of that name.");
        }

        var keyUsage = issuer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (keyUsage is not null && !keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign))
        {
            throw new CrlException(CrlError.IssuerCannotSignCrls, $"The issuer '{issuer.Subject}' is not allowed to sign CRLs (no cRLSign key usage).");
        }

        if (!SignatureVerifies(list, issuer))
        {
            throw new CrlException(CrlError.BadSignature, $"The CRL's signature does not verify with the key of '{issuer.Subject}'.");
        }

        if (list.UnknownCriticalExtensions.Count > 0)
        {
            throw new CrlException(CrlError.UnsupportedExtension, $"The CRL has critical extensions this checker does not process: {string.Join(", ", list.UnknownCriticalExtensions)}.");
        }

        if (list.ThisUpdate > at)
        {
            throw new CrlException(CrlError.NotYetValid, $"The CRL is dated {list.ThisUpdate:u}, after {at:u}.");
        }

        if (list.NextUpdate is null)
        {
            throw new CrlException(CrlError.Expired, "The CRL has no nextUpdate, so there is no telling whether it is current.");
        }

        if (list.NextUpdate.Value < at)
        {
            throw new CrlException(CrlError.Expired, $"The CRL was due to be replaced at {list.NextUpdate.Value:u}; fetch a current one.");
        }
    }

    private static bool SignatureVerifies(RevocationList list, X509Certificate2 issuer)
    {
        try
        {
            switch (list.SignatureAlgorithm)
            {
                case "1.2.840.10045.4.3.2":
                case "1.2.840.10045.4.3.3":
                case "1.2.840.10045.4.3.4":
                {
                    using var key = issuer.GetECDsaPublicKey();
                    return key is not null && key.VerifyData(list.SignedPart, list.Signature, EcdsaHash(list.SignatureAlgorithm), DSASignatureFormat.Rfc3279DerSequence);
                }

                case "1.2.840.113549.1.1.11":
                case "1.2.840.113549.1.1.12":
                case "1.2.840.113549.1.1.13":
                {
                    using var key = issuer.GetRSAPublicKey();
                    return key is not null && key.VerifyData(list.SignedPart, list.Signature, RsaHash(list.SignatureAlgorithm), RSASignaturePadding.Pkcs1);
                }

                default:
                    throw new CrlException(CrlError.BadSignature, $"The CRL is signed with {list.SignatureAlgorithm}, which this checker does not support (ECDSA or RSA with SHA-2 only).");
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static HashAlgorithmName EcdsaHash(string oid) => oid switch
    {
        "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
        "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    private static HashAlgorithmName RsaHash(string oid) => oid switch
    {
        "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
        "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };
}
