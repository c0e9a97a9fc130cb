using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Tests.Support;

/// <summary>A second signer whose certificate has the same DER length as the shared signer's, for swapping.</summary>
internal static class SameLengthSigner
{
    private static readonly Lazy<X509Certificate2> Instance = new(() =>
    {
        var length = TestPki.Shared.Signer.Certificate.RawData.Length;
        for (var i = 0; i < 100; i++)
        {
            var (certificate, key) = TestPki.Shared.IssueSigner("Senim Test Signex");
            key.Dispose();
            if (certificate.RawData.Length == length)
            {
                return certificate;
            }
        }

        throw new CryptographicException("No certificate of the same length in 100 tries.");
    });

    public static X509Certificate2 Certificate => Instance.Value;
}
