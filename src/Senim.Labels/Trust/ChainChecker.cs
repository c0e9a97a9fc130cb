using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Trust;

/// <summary>What the trust checks found for a signer's chain.</summary>
internal sealed record ChainVerdict(bool Trusted, bool OutsideValidity, bool Revoked, string? ProfileProblem, IReadOnlyList<string> Notes);

/// <summary>
/// Checks a signer chain against <see cref="TrustSettings"/>: the C2PA profile, validity at the signing
/// time, a path to an anchor (X509Chain with a custom root store, revocation off) and the caller's CRLs.
/// Path results are cached per chain, since certificates do not change; dates and CRLs are checked every time.
/// </summary>
internal sealed class ChainChecker
{
    private const int MaxCacheEntries = 4096;
    private readonly TrustSettings trust;
    private readonly ConcurrentDictionary<string, IReadOnlyList<X509Certificate2>?> paths = new();
    private readonly ConcurrentDictionary<(RevocationList, string), bool> crlIssuers = new();

    public ChainChecker(TrustSettings trust)
    {
        this.trust = trust;
    }

    public ChainVerdict Check(IReadOnlyList<X509Certificate2> chain, DateTimeOffset signingTime, DateTimeOffset now)
    {
        var leaf = chain[0];
        var notes = new List<string>();
        var profile = CertificateProfile.Problem(leaf);
        var outside = false;
        foreach (var certificate in chain)
        {
            if (signingTime < new DateTimeOffset(certificate.NotBefore.ToUniversalTime()) || signingTime > new DateTimeOffset(certificate.NotAfter.ToUniversalTime()))
            {
                outside = true;
            }
        }

        var path = trust.Anchors.Count == 0 ? null : TrustedPath(chain);
        var revoked = IsRevoked(path ?? ChainWithAnchors(chain), now, notes);
        return new ChainVerdict(path is not null, outside, revoked, profile, notes);
    }

    private IReadOnlyList<X509Certificate2>? TrustedPath(IReadOnlyList<X509Certificate2> chain)
    {
        var key = string.Join(':', chain.Select(c => c.Thumbprint));
        if (paths.TryGetValue(key, out var cached))
        {
            return cached;
        }

        using var x509 = new X509Chain();
        x509.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        x509.ChainPolicy.CustomTrustStore.AddRange(trust.Anchors.ToArray());
        for (var i = 1; i < chain.Count; i++)
        {
            x509.ChainPolicy.ExtraStore.Add(chain[i]);
        }

        x509.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        x509.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid | X509VerificationFlags.IgnoreWrongUsage | X509VerificationFlags.IgnoreInvalidPolicy;
        x509.ChainPolicy.DisableCertificateDownloads = true;
        IReadOnlyList<X509Certificate2>? path = null;
        if (x509.Build(chain[0]))
        {
            path = [.. x509.ChainElements.Select(e => X509CertificateLoader.LoadCertificate(e.Certificate.RawData))];
        }

        if (paths.Count > MaxCacheEntries)
        {
            paths.Clear();
        }

        paths[key] = path;
        return path;
    }

    private List<X509Certificate2> ChainWithAnchors(IReadOnlyList<X509Certificate2> chain)
    {
        var list = new List<X509Certificate2>(chain);
        var last = chain[^1];
        foreach (var anchor in trust.Anchors)
        {
            if (anchor.SubjectName.RawData.AsSpan().SequenceEqual(last.IssuerName.RawData))
            {
                list.Add(anchor);
                break;
            }
        }

        return list;
    }

    private bool IsRevoked(IReadOnlyList<X509Certificate2> path, DateTimeOffset now, List<string> notes)
    {
        if (trust.RevocationLists.Count == 0)
        {
            return false;
        }

        for (var i = 0; i + 1 < path.Count; i++)
        {
            var certificate = path[i];
            var issuer = path[i + 1];
            foreach (var crl in trust.RevocationLists)
            {
                if (!crl.Issuer.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
                {
                    continue;
                }

                if (!crlIssuers.GetOrAdd((crl, issuer.Thumbprint), k => k.Item1.IsIssuedBy(issuer)))
                {
                    notes.Add($"A CRL naming '{crl.Issuer.Name}' as issuer is not signed by that issuer's key; it was ignored.");
                    continue;
                }

                if (!crl.IsCurrent(now))
                {
                    notes.Add($"The CRL of '{crl.Issuer.Name}' is not current (thisUpdate {crl.ThisUpdate:u}, nextUpdate {crl.NextUpdate:u}); it was ignored.");
                    continue;
                }

                if (crl.Lists(certificate))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
