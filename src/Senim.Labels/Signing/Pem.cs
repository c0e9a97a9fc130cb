using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Signing;

/// <summary>Reads certificates from PEM text, turning every failure into <see cref="LabelError.InvalidCredentialFile"/>.</summary>
public static class Pem
{
    /// <summary>Every CERTIFICATE block of the text, in order; at least one.</summary>
    public static IReadOnlyList<X509Certificate2> ReadCertificates(string pem, string what)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var certificates = new List<X509Certificate2>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
                }
                catch (CryptographicException ex)
                {
                    throw new LabelException(LabelError.InvalidCredentialFile, $"A certificate in {what} cannot be read: {ex.Message}", ex);
                }
            }

            rest = rest[fields.Location.End.Value..];
        }

        if (certificates.Count == 0)
        {
            throw new LabelException(LabelError.InvalidCredentialFile, $"No PEM certificate found in {what}.");
        }

        return certificates;
    }
}
