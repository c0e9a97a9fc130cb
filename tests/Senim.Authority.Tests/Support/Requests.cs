using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Authority.Tests.Support;

/// <summary>Certificate signing requests an owner might send, good and bad.</summary>
internal static class Requests
{
    public static byte[] Ecdsa(ECDsa key, string subject = "CN=owner's choice")
    {
        var request = new CertificateRequest(subject, key, key.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);
        return request.CreateSigningRequest();
    }

    public static string Pem(byte[] der) => PemEncoding.WriteString("CERTIFICATE REQUEST", der);
}
