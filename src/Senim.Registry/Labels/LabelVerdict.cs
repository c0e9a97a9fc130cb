using Senim.Labels.Validation;

namespace Senim.Registry.Labels;

/// <summary>The verdict in one word, for people: what the verification page and the API lead with.</summary>
public enum LabelVerdictKind
{
    /// <summary>Intact, signed under Senim's root (or a configured anchor) by a system registered now.</summary>
    Trusted,

    /// <summary>The file carries no C2PA label.</summary>
    NoLabel,

    /// <summary>Intact, but the signer does not chain to a trust anchor.</summary>
    UnknownSigner,

    /// <summary>Intact and trusted, but the system is not (or no longer) registered.</summary>
    NotRegistered,

    /// <summary>The signer's certificate is revoked or on hold (the system was suspended or withdrawn).</summary>
    Revoked,

    /// <summary>The signer's certificate was not valid when the label was signed.</summary>
    Expired,

    /// <summary>The content, an assertion or the claim changed after signing.</summary>
    Tampered,

    /// <summary>Any other failure of the label's structure or signature.</summary>
    Invalid,

    /// <summary>The file or its label could not be read at all.</summary>
    Unreadable,

    /// <summary>The file is not a JPEG or PNG image and came without a .c2pa sidecar: there is no label to read in it.</summary>
    UnsupportedFormat,
}

/// <summary>A registered system as the public register shows it, for a verdict.</summary>
/// <param name="Id">The system's id: the register entry is /register/{Id}.</param>
/// <param name="RegisterNumber">KZ-AI-YYYY-NNNNNN.</param>
/// <param name="NameKk">Name in Kazakh.</param>
/// <param name="NameRu">Name in Russian.</param>
/// <param name="NameEn">Name in English.</param>
/// <param name="Organisation">The owner organisation's name.</param>
/// <param name="Status">The system's current status in the register.</param>
public sealed record LabelSystem(Guid Id, string RegisterNumber, string? NameKk, string? NameRu, string? NameEn, string Organisation, SystemStatus Status);

/// <summary>A label's validation report, read against the register.</summary>
/// <param name="Kind">The verdict.</param>
/// <param name="Report">The full validation report (status codes, signer, notes).</param>
/// <param name="RegisterNumber">The register number the label names (the certificate's, else the Senim assertion's).</param>
/// <param name="System">The system in the public register, when it is there.</param>
/// <param name="Warnings">Warning codes: revoked, expired, tampered, unknown-signer, not-registered, suspended, withdrawn, refused, number-mismatch, format-mismatch, no-label, unreadable.</param>
public sealed record LabelVerdict(LabelVerdictKind Kind, ValidationReport Report, string? RegisterNumber, LabelSystem? System, IReadOnlyList<string> Warnings)
{
    /// <summary>ok, warn or danger: how the page colours the verdict.</summary>
    public string Severity => Kind switch
    {
        LabelVerdictKind.Trusted => "ok",
        LabelVerdictKind.NoLabel or LabelVerdictKind.UnknownSigner or LabelVerdictKind.UnsupportedFormat => "warn",
        _ => "danger",
    };

    /// <summary>kebab-case code of <see cref="Kind"/>.</summary>
    public string Code => Kind switch
    {
        LabelVerdictKind.NoLabel => "no-label",
        LabelVerdictKind.UnknownSigner => "unknown-signer",
        LabelVerdictKind.NotRegistered => "not-registered",
        LabelVerdictKind.UnsupportedFormat => "unsupported-format",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
