using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Labels.Cose;

namespace Senim.Labels.Signing;

/// <summary>
/// The signer's certificate chain (signer first, root omitted in the manifest) and a signing function.
/// Build one from an ECDSA key (<see cref="FromEcdsa"/>), PEM files (<see cref="FromPem"/>) or a callback
/// (<see cref="FromCallback"/>: an HSM, a key store, another service) whose signatures have a fixed length.
/// </summary>
public sealed class SigningCredentials
{
    private readonly Func<ReadOnlyMemory<byte>, byte[]> sign;

    private SigningCredentials(IReadOnlyList<X509Certificate2> chain, CoseAlgorithm algorithm, int signatureLength, Func<ReadOnlyMemory<byte>, byte[]> sign)
    {
        if (chain.Count == 0)
        {
            throw new LabelException(LabelError.InvalidCredentialFile, "The certificate chain is empty.");
        }

        Chain = chain;
        Algorithm = algorithm;
        SignatureLength = signatureLength;
        this.sign = sign;
        Trust.CertificateProfile.CheckSigner(chain[0]);
    }

    /// <summary>The x5chain written into the signature: signer first, then intermediates; no self-signed root.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>The COSE algorithm of the signatures.</summary>
    public CoseAlgorithm Algorithm { get; }

    /// <summary>Length of every signature, in bytes (it is reserved in the asset before signing).</summary>
    public int SignatureLength { get; }

    /// <summary>Signs the COSE Sig_structure; throws when the callback returns a signature of another length.</summary>
    public byte[] Sign(ReadOnlyMemory<byte> toBeSigned)
    {
        var signature = sign(toBeSigned);
        if (signature.Length != SignatureLength)
        {
            throw new LabelException(LabelError.UnsupportedAlgorithm, $"The signer returned {signature.Length} bytes; {SignatureLength} were expected.");
        }

        return signature;
    }

    /// <summary>ECDSA credentials: ES256 for P-256 (the default C2PA choice), ES384 for P-384, ES512 for P-521.</summary>
    public static SigningCredentials FromEcdsa(ECDsa key, IEnumerable<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(key);
        var certificates = WithoutRoots(chain);
        var (algorithm, hash, length) = key.KeySize switch
        {
            256 => (CoseAlgorithm.ES256, HashAlgorithmName.SHA256, 64),
            384 => (CoseAlgorithm.ES384, HashAlgorithmName.SHA384, 96),
            521 => (CoseAlgorithm.ES512, HashAlgorithmName.SHA512, 132),
            _ => throw new LabelException(LabelError.UnsupportedAlgorithm, $"An ECDSA key of {key.KeySize} bits is not a C2PA curve (P-256, P-384, P-521)."),
        };
        if (certificates.Count > 0)
        {
            using var certificateKey = certificates[0].GetECDsaPublicKey();
            if (certificateKey is null || !certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                throw new LabelException(LabelError.KeyDoesNotMatchCertificate, $"The private key does not belong to the certificate '{certificates[0].Subject}'.");
            }
        }

        return new SigningCredentials(certificates, algorithm, length, data => key.SignData(data.Span, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>Credentials from a signing callback, e.g. a key held by Senim.Authority or an HSM.</summary>
    public static SigningCredentials FromCallback(IEnumerable<X509Certificate2> chain, CoseAlgorithm algorithm, int signatureLength, Func<ReadOnlyMemory<byte>, byte[]> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        return new SigningCredentials(WithoutRoots(chain), algorithm, signatureLength, sign);
    }

    /// <summary>
    /// Credentials from PEM text: an unencrypted PKCS#8 or SEC1 EC private key and the certificate chain
    /// (signer first). Throws <see cref="LabelError.InvalidCredentialFile"/> for anything else.
    /// </summary>
    public static SigningCredentials FromPem(string keyPem, string chainPem)
    {
        var chain = Pem.ReadCertificates(chainPem, "the certificate chain");
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(keyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new LabelException(LabelError.InvalidCredentialFile, "The key is not an unencrypted EC private key in PEM form (PKCS#8 or SEC1).", ex);
        }

        return FromEcdsa(key, chain);
    }

    private static List<X509Certificate2> WithoutRoots(IEnumerable<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var list = new List<X509Certificate2>();
        foreach (var certificate in chain)
        {
            if (!Trust.CertificateProfile.IsSelfSigned(certificate))
            {
                list.Add(certificate);
            }
        }

        if (list.Count == 0)
        {
            throw new LabelException(LabelError.InvalidCredentialFile, "The chain holds only self-signed certificates; the signer's certificate is needed.");
        }

        return list;
    }
}
