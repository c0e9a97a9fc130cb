namespace Senim.Signatures.Verification;

/// <summary>
/// Why a signature was refused. Each reason has a stable kebab-case code (<see cref="SignatureReasons.Code"/>)
/// for logs and the API, an English message with the details in <see cref="SignatureFailure.Message"/>, and a
/// text for people in kk, ru and en (<see cref="Texts.SignatureTexts"/>).
/// </summary>
public enum SignatureReason
{
    /// <summary>malformed: the file is not a readable CMS SignedData (or not DER, PEM or Base64 at all).</summary>
    Malformed,

    /// <summary>too-large: the file or its content is over the configured limit.</summary>
    TooLarge,

    /// <summary>multiple-signers: more than one SignerInfo; one signature file holds exactly one signer.</summary>
    MultipleSigners,

    /// <summary>signer-certificate-missing: the signer's certificate is neither in the file nor among the configured certificates.</summary>
    SignerCertificateMissing,

    /// <summary>unsupported-algorithm: a digest, signature or key algorithm no configured provider verifies (GOST without a provider, SHA-1, small RSA keys).</summary>
    UnsupportedAlgorithm,

    /// <summary>signature-invalid: the signature does not verify, or the content inside the file was changed after signing.</summary>
    SignatureInvalid,

    /// <summary>content-missing: a detached signature was given without the content it signs.</summary>
    ContentMissing,

    /// <summary>content-mismatch: the signed content is not the expected content (another text or another challenge).</summary>
    ContentMismatch,

    /// <summary>nonce-mismatch: the signed challenge is the expected one except for its nonce: an old or another session's challenge.</summary>
    NonceMismatch,

    /// <summary>signing-time-in-future: the signingTime attribute is later than now.</summary>
    SigningTimeInFuture,

    /// <summary>signing-time-before-issue: the signingTime attribute is earlier than the expected content was issued, which cannot be true.</summary>
    SigningTimeBeforeIssue,

    /// <summary>chain-too-long: more certificates in the file, or in the path to an anchor, than the limits allow.</summary>
    ChainTooLong,

    /// <summary>untrusted-root: no path from the signer's certificate to a configured trust anchor.</summary>
    UntrustedRoot,

    /// <summary>chain-invalid: a certificate in the path is not a valid CA for the next, its signature fails, or it has a critical extension the verifier does not process.</summary>
    ChainInvalid,

    /// <summary>expired: a certificate in the path had expired at the signing time.</summary>
    Expired,

    /// <summary>not-yet-valid: a certificate in the path was not yet valid at the signing time.</summary>
    NotYetValid,

    /// <summary>revoked: a certificate in the path is revoked (CRL or OCSP).</summary>
    Revoked,

    /// <summary>crl-unavailable: no current, intact CRL could be had for an issuer in the path, and OCSP gave no answer.</summary>
    CrlUnavailable,

    /// <summary>wrong-key-usage: the signer's certificate does not allow digital signature or non-repudiation.</summary>
    WrongKeyUsage,

    /// <summary>not-legal-entity: a legal-entity certificate was required (NCA extended key usage and a BIN in the subject), and this is not one.</summary>
    NotLegalEntity,

    /// <summary>role-not-accepted: a legal-entity certificate whose NCA role is not among the accepted ones.</summary>
    RoleNotAccepted,

    /// <summary>wrong-bin: the certificate's BIN is not the organisation's.</summary>
    WrongBin,

    /// <summary>wrong-iin: the certificate's IIN is not the expected person's.</summary>
    WrongIin,
}

/// <summary>The stable codes of <see cref="SignatureReason"/>.</summary>
public static class SignatureReasons
{
    /// <summary>The kebab-case code, e.g. "wrong-bin".</summary>
    public static string Code(SignatureReason reason) => reason switch
    {
        SignatureReason.Malformed => "malformed",
        SignatureReason.TooLarge => "too-large",
        SignatureReason.MultipleSigners => "multiple-signers",
        SignatureReason.SignerCertificateMissing => "signer-certificate-missing",
        SignatureReason.UnsupportedAlgorithm => "unsupported-algorithm",
        SignatureReason.SignatureInvalid => "signature-invalid",
        SignatureReason.ContentMissing => "content-missing",
        SignatureReason.ContentMismatch => "content-mismatch",
        SignatureReason.NonceMismatch => "nonce-mismatch",
        SignatureReason.SigningTimeInFuture => "signing-time-in-future",
        SignatureReason.SigningTimeBeforeIssue => "signing-time-before-issue",
        SignatureReason.ChainTooLong => "chain-too-long",
        SignatureReason.UntrustedRoot => "untrusted-root",
        SignatureReason.ChainInvalid => "chain-invalid",
        SignatureReason.Expired => "expired",
        SignatureReason.NotYetValid => "not-yet-valid",
        SignatureReason.Revoked => "revoked",
        SignatureReason.CrlUnavailable => "crl-unavailable",
        SignatureReason.WrongKeyUsage => "wrong-key-usage",
        SignatureReason.NotLegalEntity => "not-legal-entity",
        SignatureReason.RoleNotAccepted => "role-not-accepted",
        SignatureReason.WrongBin => "wrong-bin",
        SignatureReason.WrongIin => "wrong-iin",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

/// <summary>A refusal: the reason and an English message with the particulars (which certificate, which dates).</summary>
/// <param name="Reason">Why.</param>
/// <param name="Message">For logs and operators; people get <see cref="Texts.SignatureTexts"/> in their language.</param>
public sealed record SignatureFailure(SignatureReason Reason, string Message)
{
    /// <summary>The stable code of <see cref="Reason"/>.</summary>
    public string Code => SignatureReasons.Code(Reason);
}

/// <summary>Carries a refusal out of the depths of verification; never leaves the library.</summary>
internal sealed class SignatureFailureException(SignatureReason reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public SignatureReason Reason { get; } = reason;
}
