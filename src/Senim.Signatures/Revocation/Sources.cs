using System.Security.Cryptography.X509Certificates;

namespace Senim.Signatures.Revocation;

/// <summary>
/// Fetches a CRL from a distribution point named in a certificate. The host implements it (HTTP with its own
/// timeouts, proxy and allow-list); the library does no networking of its own. The stream is read up to
/// <see cref="CrlCache.MaxBytes"/> and refused beyond, so an implementation need not bound it.
/// </summary>
public interface ICrlFetcher
{
    /// <summary>Opens the CRL at <paramref name="distributionPoint"/>, or returns null when it cannot be had now.</summary>
    ValueTask<Stream?> OpenAsync(Uri distributionPoint, CancellationToken cancellationToken);
}

/// <summary>A certificate's status according to an OCSP responder.</summary>
public enum OcspCertificateStatus
{
    /// <summary>Not revoked.</summary>
    Good,

    /// <summary>Revoked (including on hold).</summary>
    Revoked,

    /// <summary>The responder does not know the certificate; the verifier falls back to CRLs.</summary>
    Unknown,
}

/// <summary>An OCSP answer the client has already verified.</summary>
/// <param name="Status">The certificate's status.</param>
/// <param name="ProducedAt">When the responder produced the answer.</param>
/// <param name="RevokedAt">The revocation time, when revoked.</param>
/// <param name="Responder">Who answered, for the verdict's notes.</param>
public sealed record OcspAnswer(OcspCertificateStatus Status, DateTimeOffset ProducedAt, DateTimeOffset? RevokedAt, string Responder);

/// <summary>
/// Asks an OCSP responder (RFC 6960) about a certificate. Optional: when configured, the verifier asks it first
/// for every certificate of the path and falls back to CRLs when it returns null or <see cref="OcspCertificateStatus.Unknown"/>.
/// The implementation owns the network and must verify the response before returning it: the responder's
/// signature and authorisation (the issuer or a delegated responder with id-kp-OCSPSigning), the CertID, the
/// nonce if it sent one, and thisUpdate/nextUpdate against the current time.
/// </summary>
public interface IOcspClient
{
    /// <summary>The verified status of <paramref name="certificate"/>, or null when the responder could not be asked.</summary>
    ValueTask<OcspAnswer?> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken);
}
