using Senim.Authority.Keys;

namespace Senim.Registry.Labels;

/// <summary>
/// Where the hosted certificate authority keeps its keys and state, how the keys are protected, the
/// address its certificates name, and the limits of the label endpoints (docs/web.md, "Content labels").
/// </summary>
public sealed record LabelSettings
{
    /// <summary>The default upload limit of the label endpoints: 50 MB.</summary>
    public const long DefaultMaxUploadBytes = 50L * 1024 * 1024;

    /// <summary>The authority's folder: encrypted key files and authority.json (Senim:Pki:Dir).</summary>
    public required string PkiDirectory { get; init; }

    /// <summary>The key store password (Senim:Pki:Password or SENIM_PKI_PASSWORD), at least 12 characters.</summary>
    public required string Password { get; init; }

    /// <summary>PBKDF2 iterations for new key files (Senim:Pki:KeyIterations; 600,000 by default, at least 10,000).</summary>
    public int KeyIterations { get; init; } = FileKeyStore.DefaultIterations;

    /// <summary>The public address certificates name for CRLs, CA certificates and register entries (Senim:PublicBaseUrl).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>A folder of extra trust anchors (PEM or DER certificates) the verifier accepts besides Senim's root (Senim:Labels:TrustAnchors).</summary>
    public string? TrustAnchorsDirectory { get; init; }

    /// <summary>The largest file the label endpoints take (Senim:Labels:MaxUploadBytes).</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>How long a published CRL of the issuing CA is served before a fresh one is signed (it is valid 7 days).</summary>
    public TimeSpan CrlRefresh { get; init; } = TimeSpan.FromHours(12);
}
