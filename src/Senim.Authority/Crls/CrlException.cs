namespace Senim.Authority.Crls;

/// <summary>Why a CRL could not be used to decide a certificate's status.</summary>
public enum CrlError
{
    /// <summary>Not a DER (or PEM) X.509 CRL, damaged, truncated or oversize.</summary>
    Malformed,

    /// <summary>The CRL is not from the certificate's issuer (name or key identifier differ).</summary>
    WrongIssuer,

    /// <summary>The issuer certificate may not sign CRLs (its keyUsage lacks cRLSign).</summary>
    IssuerCannotSignCrls,

    /// <summary>The CRL's signature does not verify with the issuer's key, or uses an unsupported algorithm.</summary>
    BadSignature,

    /// <summary>The CRL's thisUpdate is in the future.</summary>
    NotYetValid,

    /// <summary>The CRL's nextUpdate has passed (or it has none): a fresh CRL is needed.</summary>
    Expired,

    /// <summary>The CRL carries a critical extension this checker does not process (a delta CRL, an issuing distribution point).</summary>
    UnsupportedExtension,
}

/// <summary>A CRL could not be used; <see cref="Error"/> says why.</summary>
public sealed class CrlException(CrlError error, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Why the CRL could not be used.</summary>
    public CrlError Error { get; } = error;
}
