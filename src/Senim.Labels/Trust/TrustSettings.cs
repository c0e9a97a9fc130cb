using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Trust;

/// <summary>
/// What the validator trusts: anchor certificates (Senim's root plus any an operator adds) and CRLs
/// supplied by the caller. A signer whose chain ends in an anchor is "trusted"; a certificate listed in a
/// current CRL signed by its issuer is "revoked". No network: revocation comes only from these CRLs.
/// </summary>
public sealed class TrustSettings
{
    public TrustSettings(IEnumerable<X509Certificate2> anchors, IEnumerable<RevocationList>? revocationLists = null)
    {
        Anchors = [.. anchors];
        RevocationLists = revocationLists is null ? [] : [.. revocationLists];
    }

    /// <summary>No anchors: every intact signature is "valid" but not trusted.</summary>
    public static TrustSettings None { get; } = new([]);

    public IReadOnlyList<X509Certificate2> Anchors { get; }

    public IReadOnlyList<RevocationList> RevocationLists { get; }
}
