using System.Security.Cryptography.X509Certificates;
using Senim.Signatures.Algorithms;
using Senim.Signatures.Challenges;
using Senim.Signatures.Certificates;
using Senim.Signatures.Identifiers;
using Senim.Signatures.Revocation;

namespace Senim.Signatures.Verification;

/// <summary>Bounds on what a verifier reads from untrusted input.</summary>
public sealed record SignatureLimits
{
    /// <summary>The largest CMS accepted, after decoding PEM or Base64 (the text form may be a third larger).</summary>
    public int MaxCmsBytes { get; init; } = 1024 * 1024;

    /// <summary>The largest signed content (attached or expected).</summary>
    public int MaxContentBytes { get; init; } = 1024 * 1024;

    /// <summary>The most certificates a signature file may carry.</summary>
    public int MaxCertificates { get; init; } = 20;

    /// <summary>The most certificates in the path from the signer to an anchor, both included.</summary>
    public int MaxChainLength { get; init; } = 10;

    /// <summary>How far a signingTime may lie ahead of the verifier's clock.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// What a verifier trusts and how it checks: the trust anchors (e.g. the NCA's root certificates), the
/// intermediates it may use to build a path (NCALayer puts only the signer's own certificate in the file), the
/// CRLs, an optional OCSP client, extra algorithm families (GOST), the limits and the clock.
/// </summary>
public sealed class TrustSettings
{
    public TrustSettings(IEnumerable<X509Certificate2> anchors, IEnumerable<X509Certificate2>? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        Anchors = [.. anchors];
        Intermediates = intermediates is null ? [] : [.. intermediates];
        if (Anchors.Count == 0)
        {
            throw new ArgumentException("At least one trust anchor is needed.", nameof(anchors));
        }
    }

    /// <summary>The roots a signer's path must end in.</summary>
    public IReadOnlyList<X509Certificate2> Anchors { get; }

    /// <summary>CA certificates the verifier may use between the signer and an anchor.</summary>
    public IReadOnlyList<X509Certificate2> Intermediates { get; }

    /// <summary>The CRLs: configured ones and the host's fetcher. One cache may serve several verifiers.</summary>
    public CrlCache Crls { get; init; } = new();

    /// <summary>Asked first for each certificate's status when set; CRLs answer when it cannot.</summary>
    public IOcspClient? Ocsp { get; init; }

    /// <summary>Algorithm families besides RSA, e.g. a GOST provider.</summary>
    public IReadOnlyList<ISignatureAlgorithm> Algorithms { get; init; } = [];

    public SignatureLimits Limits { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>One signature to verify and what it must prove.</summary>
public sealed record SignatureRequest
{
    /// <summary>The signature file: CMS SignedData as DER, PEM or Base64 (NCALayer returns Base64), attached or detached.</summary>
    public required ReadOnlyMemory<byte> Signature { get; init; }

    /// <summary>The content that must have been signed, byte for byte; required for a detached signature.</summary>
    public ReadOnlyMemory<byte>? ExpectedContent { get; init; }

    /// <summary>
    /// When the expected content was issued. A signingTime before it is refused: the signer chooses that attribute,
    /// and a backdated one could otherwise make an expired certificate look valid at the signing time.
    /// </summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The BIN the certificate must carry, when set.</summary>
    public Bin? ExpectedBin { get; init; }

    /// <summary>The IIN the certificate must carry, when set.</summary>
    public Iin? ExpectedIin { get; init; }

    /// <summary>Whether the certificate must be a legal entity's (NCA extended key usage 1.2.398.3.3.4.1.2.* and a BIN in OU). On by default.</summary>
    public bool RequireLegalEntity { get; init; } = true;

    /// <summary>The legal-entity roles accepted (e.g. first head and signing authority); any when null.</summary>
    public IReadOnlySet<NcaRole>? AcceptedRoles { get; init; }

    /// <summary>
    /// A request for a signature over <paramref name="challenge"/>: its bytes, and for an organisation its BIN and a
    /// legal-entity certificate. <paramref name="issuedAt"/> is when the host issued it; without it, the start of
    /// the day before the challenge's date (UTC) is taken, which allows for any time zone.
    /// </summary>
    public static SignatureRequest ForChallenge(ReadOnlyMemory<byte> signature, Challenge challenge, DateTimeOffset? issuedAt = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return new SignatureRequest
        {
            Signature = signature,
            ExpectedContent = challenge.ToBytes(),
            IssuedAt = issuedAt ?? new DateTimeOffset(challenge.Date.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            ExpectedBin = challenge.Bin,
            RequireLegalEntity = challenge.Purpose == ChallengePurpose.OrganisationVerification,
        };
    }
}

/// <summary>Who signed, as the signer's certificate says.</summary>
/// <param name="Subject">The subject as text.</param>
/// <param name="Issuer">The issuer as text.</param>
/// <param name="SerialNumber">Upper-case hex.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="CertificateSha256">Lower-case hex SHA-256 of the certificate.</param>
/// <param name="Holder">The NCA subject fields: IIN, BIN, organisation, names.</param>
/// <param name="Role">The NCA holder type from the extended key usage.</param>
/// <param name="ExtendedKeyUsages">The extended key usage OIDs.</param>
/// <param name="Certificate">The certificate, DER.</param>
public sealed record SignerDetails(
    string Subject,
    string Issuer,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string CertificateSha256,
    NcaSubject Holder,
    NcaRole Role,
    IReadOnlyList<string> ExtendedKeyUsages,
    ReadOnlyMemory<byte> Certificate)
{
    internal static SignerDetails From(CertificateInfo info) => new(
        info.SubjectText, info.IssuerText, info.Serial, info.NotBefore, info.NotAfter, info.Sha256, info.Holder, info.Role, info.ExtendedKeyUsages, info.Raw);
}

/// <summary>
/// The outcome of one verification: valid, or the first failure in the documented order (docs/signatures.md),
/// with as much about the signer and the file as was learned before it.
/// </summary>
public sealed record SignatureVerdict
{
    /// <summary>Null when the signature is valid.</summary>
    public SignatureFailure? Failure { get; init; }

    public bool IsValid => Failure is null;

    /// <summary>The signer, once their certificate was found.</summary>
    public SignerDetails? Signer { get; init; }

    /// <summary>Lower-case hex SHA-256 of the CMS (decoded from PEM or Base64): what a log entry records.</summary>
    public string? CmsSha256 { get; init; }

    /// <summary>Lower-case hex SHA-256 of the signed content.</summary>
    public string? ContentSha256 { get; init; }

    /// <summary>Whether the content travelled inside the signature file.</summary>
    public bool Attached { get; init; }

    /// <summary>The signingTime attribute, when present: the signer's claim, not a timestamp.</summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>The verifier's clock when it checked.</summary>
    public DateTimeOffset CheckedAt { get; init; }

    /// <summary>The subjects from the signer to the anchor, once the path was built.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>What answered each revocation question, and anything else worth recording.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
