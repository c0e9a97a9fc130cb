using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Trust;

/// <summary>
/// The C2PA certificate profile for claim signers (C2PA 2.x, "Certificate Profile"): an end-entity
/// certificate (not a CA), digitalSignature key usage, and an extended key usage that C2PA accepts
/// (emailProtection, documentSigning or c2pa-kp-claimSigning), never anyExtendedKeyUsage.
/// </summary>
public static class CertificateProfile
{
    /// <summary>id-kp-emailProtection.</summary>
    public const string EmailProtection = "1.3.6.1.5.5.7.3.4";

    /// <summary>id-kp-documentSigning (RFC 9336).</summary>
    public const string DocumentSigning = "1.3.6.1.5.5.7.3.36";

    /// <summary>c2pa-kp-claimSigning.</summary>
    public const string ClaimSigning = "1.3.6.1.4.1.62558.2.1";

    private const string AnyExtendedKeyUsage = "2.5.29.37.0";
    private const string TimeStamping = "1.3.6.1.5.5.7.3.8";
    private const string OcspSigning = "1.3.6.1.5.5.7.3.9";

    /// <summary>Why the certificate does not fit the profile, or null when it does.</summary>
    public static string? Problem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.Version != 3)
        {
            return "the signer certificate is not X.509 version 3";
        }

        foreach (var extension in certificate.Extensions)
        {
            switch (extension)
            {
                case X509BasicConstraintsExtension basic when basic.CertificateAuthority:
                    return "the signer certificate is a CA certificate";
                case X509KeyUsageExtension usage when (usage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0:
                    return "the signer certificate's key usage lacks digitalSignature";
                case X509EnhancedKeyUsageExtension eku:
                {
                    var allowed = false;
                    foreach (var oid in eku.EnhancedKeyUsages)
                    {
                        switch (oid.Value)
                        {
                            case AnyExtendedKeyUsage:
                                return "the signer certificate allows anyExtendedKeyUsage";
                            case TimeStamping or OcspSigning:
                                return "the signer certificate is for time-stamping or OCSP signing";
                            case EmailProtection or DocumentSigning or ClaimSigning:
                                allowed = true;
                                break;
                        }
                    }

                    if (!allowed)
                    {
                        return "the signer certificate's extended key usage has none of emailProtection, documentSigning, c2pa-kp-claimSigning";
                    }

                    break;
                }
            }
        }

        if (certificate.Extensions["2.5.29.15"] is null)
        {
            return "the signer certificate has no key usage extension";
        }

        if (certificate.Extensions["2.5.29.37"] is null)
        {
            return "the signer certificate has no extended key usage extension";
        }

        return null;
    }

    /// <summary>Throws <see cref="LabelError.SignerCertificateInvalid"/> when Senim is asked to sign with a certificate outside the profile.</summary>
    public static void CheckSigner(X509Certificate2 certificate)
    {
        if (Problem(certificate) is { } problem)
        {
            throw new LabelException(LabelError.SignerCertificateInvalid, $"Cannot sign: {problem} ('{certificate.Subject}').");
        }
    }

    /// <summary>Whether the certificate is issued by itself (a root).</summary>
    public static bool IsSelfSigned(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
    }
}
