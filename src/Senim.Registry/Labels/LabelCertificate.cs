using Senim.Authority.State;

namespace Senim.Registry.Labels;

/// <summary>A label-signing certificate of a registered system, as its owners and the API see it.</summary>
/// <param name="Serial">Upper-case hex serial.</param>
/// <param name="RegisterNumber">The system's register number (the certificate's subject serialNumber).</param>
/// <param name="Managed">True when Senim holds the key (signing through the API); false for a key the owner keeps (CSR).</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="State">active, on-hold, revoked, expired or not-yet-valid.</param>
/// <param name="RevokedAt">When it was revoked or put on hold.</param>
/// <param name="RevocationReason">The RFC 5280 reason, kebab-case (certificate-hold, cessation-of-operation, ...).</param>
public sealed record LabelCertificate(string Serial, string RegisterNumber, bool Managed, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string State, DateTimeOffset? RevokedAt, string? RevocationReason)
{
    /// <summary>Every <see cref="State"/> a certificate can be in.</summary>
    public static IReadOnlyList<string> States { get; } = ["active", "on-hold", "revoked", "expired", "not-yet-valid"];

    /// <summary>The view of a certificate the authority issued, judged at <paramref name="now"/>.</summary>
    public static LabelCertificate From(IssuedCertificate certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var state = certificate.Revocation switch
        {
            { Reason: Authority.State.RevocationReason.CertificateHold } => "on-hold",
            not null => "revoked",
            _ when now > certificate.NotAfter => "expired",
            _ when now < certificate.NotBefore => "not-yet-valid",
            _ => "active",
        };
        return new LabelCertificate(
            certificate.Serial,
            certificate.RegisterNumber ?? "",
            certificate.Custody == KeyCustody.Managed,
            certificate.NotBefore,
            certificate.NotAfter,
            state,
            certificate.Revocation?.At,
            certificate.Revocation is { } r ? ReasonCode(r.Reason) : null);
    }

    /// <summary>kebab-case name of a CRLReason.</summary>
    public static string ReasonCode(Authority.State.RevocationReason reason) => reason switch
    {
        Authority.State.RevocationReason.KeyCompromise => "key-compromise",
        Authority.State.RevocationReason.AffiliationChanged => "affiliation-changed",
        Authority.State.RevocationReason.Superseded => "superseded",
        Authority.State.RevocationReason.CessationOfOperation => "cessation-of-operation",
        Authority.State.RevocationReason.CertificateHold => "certificate-hold",
        _ => "unspecified",
    };
}
