using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Cose;

/// <summary>Verifies a COSE signature with a certificate's public key, for the algorithms C2PA allows.</summary>
internal static class SignatureVerifier
{
    private const string Ed25519Oid = "1.3.101.112";
    private const string RsaPssOid = "1.2.840.113549.1.1.10";

    /// <summary>Whether <paramref name="algorithmId"/> is one this verifier supports.</summary>
    public static bool IsSupported(int? algorithmId) => algorithmId is (int)CoseAlgorithm.ES256 or (int)CoseAlgorithm.ES384 or (int)CoseAlgorithm.ES512
        or (int)CoseAlgorithm.PS256 or (int)CoseAlgorithm.PS384 or (int)CoseAlgorithm.PS512 or (int)CoseAlgorithm.Ed25519;

    /// <summary>True when <paramref name="signature"/> is valid for <paramref name="data"/> under the certificate's key; false for a wrong key type.</summary>
    public static bool Verify(CoseAlgorithm algorithm, X509Certificate2 certificate, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        switch (algorithm)
        {
            case CoseAlgorithm.ES256:
            case CoseAlgorithm.ES384:
            case CoseAlgorithm.ES512:
            {
                using var key = certificate.GetECDsaPublicKey();
                if (key is null || key.KeySize != CurveBits(algorithm))
                {
                    return false;
                }

                return key.VerifyData(data, signature, HashFor(algorithm), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }

            case CoseAlgorithm.PS256:
            case CoseAlgorithm.PS384:
            case CoseAlgorithm.PS512:
            {
                using var key = RsaKey(certificate);
                return key is not null && key.KeySize >= 2048 && key.VerifyData(data, signature, HashFor(algorithm), RSASignaturePadding.Pss);
            }

            case CoseAlgorithm.Ed25519:
            {
                if (certificate.PublicKey.Oid.Value != Ed25519Oid)
                {
                    return false;
                }

                return Ed25519.Verify(certificate.PublicKey.EncodedKeyValue.RawData, data, signature);
            }

            default:
                return false;
        }
    }

    /// <summary>The RSA key of a certificate, also for RSASSA-PSS keys (OID 1.2.840.113549.1.1.10), which .NET does not open itself.</summary>
    private static RSA? RsaKey(X509Certificate2 certificate)
    {
        if (certificate.GetRSAPublicKey() is { } key)
        {
            return key;
        }

        if (certificate.PublicKey.Oid.Value != RsaPssOid)
        {
            return null;
        }

        var rsa = RSA.Create();
        rsa.ImportRSAPublicKey(certificate.PublicKey.EncodedKeyValue.RawData, out _);
        return rsa;
    }

    private static int CurveBits(CoseAlgorithm algorithm) => algorithm switch
    {
        CoseAlgorithm.ES256 => 256,
        CoseAlgorithm.ES384 => 384,
        _ => 521,
    };

    private static HashAlgorithmName HashFor(CoseAlgorithm algorithm) => algorithm switch
    {
        CoseAlgorithm.ES256 or CoseAlgorithm.PS256 => HashAlgorithmName.SHA256,
        CoseAlgorithm.ES384 or CoseAlgorithm.PS384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };
}
