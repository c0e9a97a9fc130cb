using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Senim.Signatures.Challenges;
using Senim.Signatures.Identifiers;
using Senim.Signatures.Revocation;
using Senim.Signatures.Tests.Support;
using Senim.Signatures.Verification;

[assembly: AssemblyFixture(typeof(PkiFixture))]

namespace Senim.Signatures.Tests.Support;

/// <summary>One openssl-made NCA-shaped PKI for the whole test run (key generation is the slow part).</summary>
public sealed class PkiFixture : IDisposable
{
    private readonly Lazy<NcaTestPki> pki = new(() => NcaTestPki.Create());

    internal NcaTestPki Pki => pki.Value;

    /// <summary>A CRL cache holding the root's and the intermediate's CRLs.</summary>
    public CrlCache Crls(ICrlFetcher? fetcher = null, TimeProvider? time = null)
    {
        var cache = RootCrlOnly(fetcher, time);
        cache.Add(File.ReadAllBytes(Pki.Path("intermediate.crl")));
        return cache;
    }

    /// <summary>A CRL cache holding the root's CRL (which covers the intermediate) and, optionally, <paramref name="others"/>.</summary>
    public CrlCache RootCrlOnly(ICrlFetcher? fetcher = null, TimeProvider? time = null, params string[] others)
    {
        var cache = new CrlCache(fetcher, time);
        foreach (var name in (string[])["root.crl", .. others])
        {
            cache.Add(File.ReadAllBytes(Pki.Path(name)));
        }

        return cache;
    }

    /// <summary>A verifier trusting the test root, with the intermediate configured as NCALayer users need it.</summary>
    public SignatureVerifier Verifier(Func<TrustSettings, TrustSettings>? adjust = null, CrlCache? crls = null, TimeProvider? time = null)
    {
        var trust = new TrustSettings([Pki.Root], [Pki.Intermediate])
        {
            Crls = crls ?? Crls(),
            Time = time ?? TimeProvider.System,
        };
        return new SignatureVerifier(adjust is null ? trust : adjust(trust));
    }

    /// <summary>A fresh organisation-verification challenge for the test organisation (or another BIN).</summary>
    public static Challenge NewChallenge(string bin = NcaTestPki.Bin) =>
        Challenge.ForOrganisation(NcaTestPki.Organisation, Bin.Parse(bin), DateOnly.FromDateTime(DateTime.UtcNow), new Uri("https://senim.example.kz"));

    /// <summary>A clock <paramref name="offset"/> from now.</summary>
    public static FakeTimeProvider Clock(TimeSpan offset) => new(DateTimeOffset.UtcNow + offset);

    public static TrustSettings Copy(TrustSettings trust, IEnumerable<X509Certificate2>? anchors = null, IEnumerable<X509Certificate2>? intermediates = null) =>
        new(anchors ?? trust.Anchors, intermediates ?? trust.Intermediates)
        {
            Crls = trust.Crls,
            Ocsp = trust.Ocsp,
            Algorithms = trust.Algorithms,
            Limits = trust.Limits,
            Time = trust.Time,
        };

    public void Dispose()
    {
        if (pki.IsValueCreated)
        {
            pki.Value.Dispose();
        }
    }
}
