namespace Senim.Signatures.Algorithms;

/// <summary>
/// Human names for the algorithm OIDs that appear in Kazakh NCA certificates and signatures, so a refusal can
/// say what was found and which provider is missing (docs/signatures.md lists the sources).
/// </summary>
public static class AlgorithmNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["1.2.398.3.10.1.1.1.1"] = "GOST 34.310-2004 (key)",
        ["1.2.398.3.10.1.1.1.2"] = "GOST 34.310-2004 with GOST 34.311-95",
        ["1.2.398.3.10.1.1.2.1"] = "GOST R 34.10-2015, 256-bit (key)",
        ["1.2.398.3.10.1.1.2.2"] = "GOST R 34.10-2015, 512-bit (key)",
        ["1.2.398.3.10.1.1.2.3.1"] = "GOST R 34.10-2015 with GOST R 34.11-2015, 256-bit",
        ["1.2.398.3.10.1.1.2.3.2"] = "GOST R 34.10-2015 with GOST R 34.11-2015, 512-bit",
        ["1.2.398.3.10.1.3.1"] = "GOST 34.311-95 (digest)",
        ["1.2.398.3.10.1.3.2"] = "GOST R 34.11-2015, 256-bit (digest)",
        ["1.2.398.3.10.1.3.3"] = "GOST R 34.11-2015, 512-bit (digest)",
        [Oids.Sha1] = "SHA-1",
        [Oids.Sha256] = "SHA-256",
        [Oids.Sha384] = "SHA-384",
        [Oids.Sha512] = "SHA-512",
        [Oids.RsaEncryption] = "RSA",
        [Oids.Sha1WithRsa] = "RSA with SHA-1",
        [Oids.Sha256WithRsa] = "RSA with SHA-256",
        [Oids.Sha384WithRsa] = "RSA with SHA-384",
        [Oids.Sha512WithRsa] = "RSA with SHA-512",
        [Oids.RsaPss] = "RSASSA-PSS",
        ["1.2.840.10045.2.1"] = "ECDSA (key)",
        ["1.2.840.10045.4.3.2"] = "ECDSA with SHA-256",
        ["1.2.840.10045.4.3.3"] = "ECDSA with SHA-384",
        ["1.2.840.10045.4.3.4"] = "ECDSA with SHA-512",
    };

    /// <summary>Whether <paramref name="oid"/> is a GOST algorithm (Kazakh arc 1.2.398.3.10 or Russian 1.2.643).</summary>
    public static bool IsGost(string oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        return oid.StartsWith(Oids.KazakhGostArc, StringComparison.Ordinal) || oid.StartsWith(Oids.RussianArc, StringComparison.Ordinal);
    }

    /// <summary>"name (oid)", or the bare OID when it has no name here.</summary>
    public static string Describe(string oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        if (Names.TryGetValue(oid, out var name))
        {
            return $"{name} ({oid})";
        }

        return IsGost(oid) ? $"a GOST algorithm ({oid})" : oid;
    }

    /// <summary>The sentence that ends an <c>unsupported-algorithm</c> message: what to do about it.</summary>
    internal static string Remedy(string oid) => IsGost(oid)
        ? ".NET has no GOST provider and the deployment configured none: GOST signatures need an ISignatureAlgorithm for GOST (see docs/signatures.md), or the signer can use an RSA certificate of the NCA."
        : oid == Oids.Sha1 || oid == Oids.Sha1WithRsa
            ? "SHA-1 is no longer accepted for signatures; sign again with SHA-256."
            : "Senim accepts RSA with SHA-256, SHA-384 or SHA-512, and GOST through a configured provider.";
}
