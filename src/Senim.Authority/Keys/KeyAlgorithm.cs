using System.Security.Cryptography;

namespace Senim.Authority.Keys;

/// <summary>The key types Senim's authority creates and accepts: ECDSA on the NIST curves C2PA signers use.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA on P-256 (secp256r1) with SHA-256: COSE ES256. Label-signing keys.</summary>
    EcP256,

    /// <summary>ECDSA on P-384 (secp384r1) with SHA-384: COSE ES384. The CA keys.</summary>
    EcP384,
}

/// <summary>Facts about each <see cref="KeyAlgorithm"/>.</summary>
public static class KeyAlgorithms
{
    /// <summary>The OID of the named curve in a SubjectPublicKeyInfo.</summary>
    public static string CurveOid(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcP256 => "1.2.840.10045.3.1.7",
        KeyAlgorithm.EcP384 => "1.3.132.0.34",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The hash paired with the curve (SHA-256 for P-256, SHA-384 for P-384).</summary>
    public static HashAlgorithmName Hash(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcP256 => HashAlgorithmName.SHA256,
        KeyAlgorithm.EcP384 => HashAlgorithmName.SHA384,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The COSE algorithm name: ES256 or ES384.</summary>
    public static string CoseName(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcP256 => "ES256",
        KeyAlgorithm.EcP384 => "ES384",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The OID of ecdsa-with-SHA256 or ecdsa-with-SHA384 (RFC 5758), the X.509 signature algorithm.</summary>
    public static string SignatureOid(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcP256 => "1.2.840.10045.4.3.2",
        KeyAlgorithm.EcP384 => "1.2.840.10045.4.3.3",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    internal static ECCurve Curve(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcP256 => ECCurve.NamedCurves.nistP256,
        KeyAlgorithm.EcP384 => ECCurve.NamedCurves.nistP384,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The algorithm of an ECDSA key, or null when its curve is not one Senim uses.</summary>
    internal static KeyAlgorithm? Of(ECDsa key)
    {
        var curve = key.ExportParameters(false).Curve;
        if (!curve.IsNamed)
        {
            return null;
        }

        // Platforms name curves by OID value or by friendly name only; accept either.
        return (curve.Oid.Value, curve.Oid.FriendlyName) switch
        {
            ("1.2.840.10045.3.1.7", _) or (_, "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1") => KeyAlgorithm.EcP256,
            ("1.3.132.0.34", _) or (_, "nistP384" or "ECDSA_P384" or "secp384r1") => KeyAlgorithm.EcP384,
            _ => null,
        };
    }
}
