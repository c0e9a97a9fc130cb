using System.Security.Cryptography.X509Certificates;

namespace Senim.Authority.State;

/// <summary>What a certificate of the authority is for.</summary>
public enum CertificateKind
{
    /// <summary>The self-signed root CA.</summary>
    Root,

    /// <summary>The issuing CA, signed by the root; it signs signer certificates and the signers' CRL.</summary>
    IssuingCa,

    /// <summary>A label-signing certificate of a registered AI system.</summary>
    Signer,
}

/// <summary>Whose private key a signer certificate certifies.</summary>
public enum KeyCustody
{
    /// <summary>The CA's own key, in the authority's key store.</summary>
    Authority,

    /// <summary>The owner keeps the key and sent a certificate signing request; Senim never saw the private key.</summary>
    Owner,

    /// <summary>Senim generated the key and holds it in its key store; the owner signs through the API.</summary>
    Managed,
}

/// <summary>A certificate the authority issued, as its state store keeps it.</summary>
/// <param name="Serial">The serial number in upper-case hex, as X509Certificate2.SerialNumber writes it.</param>
/// <param name="Kind">Root, issuing CA or signer.</param>
/// <param name="IssuerSerial">The serial of the certificate that signed it (its own for the root).</param>
/// <param name="RegisterNumber">The system's register number, for signer certificates.</param>
/// <param name="Subject">The subject distinguished name as text, for people.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="Der">The certificate (DER).</param>
/// <param name="Custody">Who holds the private key.</param>
/// <param name="KeyName">The key's name in the key store, for CA and managed keys.</param>
/// <param name="Revocation">Set while the certificate is revoked or on hold.</param>
public sealed record IssuedCertificate(
    string Serial,
    CertificateKind Kind,
    string IssuerSerial,
    string? RegisterNumber,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    byte[] Der,
    KeyCustody Custody,
    string? KeyName,
    Revocation? Revocation)
{
    /// <summary>A new object over the certificate's bytes (public key only).</summary>
    public X509Certificate2 ToCertificate() => X509CertificateLoader.LoadCertificate(Der);

    /// <summary>The certificate as PEM, ending in a newline so PEM files can be concatenated.</summary>
    public string ToPem() => new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", Der)) + "\n";
}

/// <summary>A revocation entry: when and why (RFC 5280 CRLReason).</summary>
public sealed record Revocation(DateTimeOffset At, RevocationReason Reason);

/// <summary>
/// The CRLReason codes (RFC 5280 §5.3.1) the authority uses. A suspended system's certificate goes on
/// <see cref="CertificateHold"/>, which can be lifted; a withdrawn system's is revoked for
/// <see cref="CessationOfOperation"/>; a leaked key is <see cref="KeyCompromise"/>.
/// </summary>
public enum RevocationReason
{
    /// <summary>No reason given (code 0).</summary>
    Unspecified = 0,

    /// <summary>The private key is known or suspected to be compromised (code 1).</summary>
    KeyCompromise = 1,

    /// <summary>The subject's name or organisation changed (code 3).</summary>
    AffiliationChanged = 3,

    /// <summary>Replaced by a new certificate (code 4).</summary>
    Superseded = 4,

    /// <summary>The system was withdrawn from the register: it no longer operates under this certificate (code 5).</summary>
    CessationOfOperation = 5,

    /// <summary>The system is suspended; the hold is lifted when the suspension ends (code 6).</summary>
    CertificateHold = 6,
}
