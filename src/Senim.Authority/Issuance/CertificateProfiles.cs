using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Authority.Issuance;

/// <summary>
/// The three certificate shapes of the authority, each built fresh from the register's data: what a
/// request asks for is never copied in. See docs/authority.md for the profile, field by field.
/// </summary>
internal static class CertificateProfiles
{
    /// <summary>id-kp-documentSigning (RFC 9336).</summary>
    public const string DocumentSigningEku = "1.3.6.1.5.5.7.3.36";

    /// <summary>id-kp-emailProtection (RFC 5280): accepted by every C2PA validator's default trust policy.</summary>
    public const string EmailProtectionEku = "1.3.6.1.5.5.7.3.4";

    /// <summary>X.520 serialNumber: the register number in a signer's subject.</summary>
    public const string SerialNumberAttribute = "2.5.4.5";

    public static X500DistinguishedName CaName(AuthorityOptions options, string commonName)
    {
        // The builder encodes the last attribute added first: this encodes C, O, CN (most general first).
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(commonName);
        name.AddOrganizationName(options.OperatorName);
        name.AddCountryOrRegion(options.Country);
        return name.Build();
    }

    public static X500DistinguishedName SignerName(SystemIdentity identity)
    {
        // Encoded as O, CN, serialNumber (the builder encodes the last attribute added first).
        var name = new X500DistinguishedNameBuilder();
        name.Add(SerialNumberAttribute, identity.RegisterNumber, UniversalTagNumber.PrintableString);
        name.AddCommonName(identity.SystemName);
        name.AddOrganizationName(identity.Organisation);
        return name.Build();
    }

    /// <summary>Root: CA with pathLen 1 (one issuing CA below it), keyCertSign and cRLSign, SKI and AKI.</summary>
    public static CertificateRequest Root(X500DistinguishedName subject, PublicKey key, HashAlgorithmName hash)
    {
        var request = new CertificateRequest(subject, key, hash);
        var ski = new X509SubjectKeyIdentifierExtension(key, X509SubjectKeyIdentifierHashAlgorithm.Sha1, critical: false);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 1, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(ski);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        return request;
    }

    /// <summary>Issuing CA: CA with pathLen 0 (signs only end entities), keyCertSign and cRLSign, CRL and caIssuers pointing at the root's.</summary>
    public static CertificateRequest Issuing(X500DistinguishedName subject, PublicKey key, HashAlgorithmName hash, X509Certificate2 root, AuthorityOptions options)
    {
        var request = new CertificateRequest(subject, key, hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, X509SubjectKeyIdentifierHashAlgorithm.Sha1, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([options.RootCrlUrl.AbsoluteUri]));
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [options.RootCertificateUrl.AbsoluteUri]));
        return request;
    }

    /// <summary>
    /// Signer (C2PA claim signer): not a CA; keyUsage digitalSignature only (critical); extended key usage
    /// documentSigning and emailProtection; SKI, AKI; CRL distribution point and caIssuers of the issuing
    /// CA; the register entry as a URI subject alternative name.
    /// </summary>
    public static CertificateRequest Signer(SystemIdentity identity, PublicKey key, HashAlgorithmName hash, X509Certificate2 issuing, AuthorityOptions options)
    {
        var request = new CertificateRequest(SignerName(identity), key, hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(DocumentSigningEku), new Oid(EmailProtectionEku)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, X509SubjectKeyIdentifierHashAlgorithm.Sha1, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuing, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([options.IssuingCrlUrl.AbsoluteUri]));
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [options.IssuingCertificateUrl.AbsoluteUri]));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(options.RegisterEntryUrl(identity.RegisterNumber));
        request.CertificateExtensions.Add(san.Build());
        return request;
    }

    /// <summary>A fresh 16-byte positive serial (126 random bits; the first byte is 0x40-0x7F so DER keeps all 16).</summary>
    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }
}
