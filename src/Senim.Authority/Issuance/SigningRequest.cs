using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Authority.Keys;

namespace Senim.Authority.Issuance;

/// <summary>
/// Reads an owner's PKCS#10 certificate signing request (RFC 2986) and keeps only its public key, after
/// checking that the request is signed by the matching private key (proof of possession) and that the
/// key is ECDSA on P-256 or P-384. Its subject and requested extensions are ignored: the certificate's
/// content comes from the register.
/// </summary>
public static class SigningRequest
{
    /// <summary>The largest request accepted (PEM or DER).</summary>
    public const int MaxBytes = 64 * 1024;

    private const string EcPublicKey = "1.2.840.10045.2.1";
    private static readonly Dictionary<string, HashAlgorithmName> EcdsaSignatures = new()
    {
        ["1.2.840.10045.4.3.2"] = HashAlgorithmName.SHA256,
        ["1.2.840.10045.4.3.3"] = HashAlgorithmName.SHA384,
        ["1.2.840.10045.4.3.4"] = HashAlgorithmName.SHA512,
    };

    /// <summary>Checks a request (PEM or DER) and returns its public key and key algorithm.</summary>
    /// <exception cref="AuthorityException">With <see cref="AuthorityError.BadRequest"/> and the reason.</exception>
    public static (PublicKey Key, KeyAlgorithm Algorithm) Read(ReadOnlySpan<byte> request)
    {
        if (request.Length == 0)
        {
            throw Bad("the request is empty");
        }

        if (request.Length > MaxBytes)
        {
            throw Bad($"the request is {request.Length:N0} bytes; at most {MaxBytes:N0} are accepted");
        }

        var der = ToDer(request);
        var signatureHash = CheckOuterStructure(der);

        CertificateRequest loaded;
        try
        {
            // Default options verify the request's signature with its own public key.
            loaded = CertificateRequest.LoadSigningRequest(der, signatureHash, CertificateRequestLoadOptions.Default);
        }
        catch (CryptographicException ex)
        {
            throw Bad($"its signature does not verify or its content cannot be read ({ex.Message})", ex);
        }

        var key = loaded.PublicKey;
        using var ecdsa = key.GetECDsaPublicKey() ?? throw Bad("its EC public key cannot be read");
        KeyAlgorithm? algorithm;
        try
        {
            algorithm = KeyAlgorithms.Of(ecdsa);
        }
        catch (CryptographicException ex)
        {
            throw Bad("its EC public key uses explicit curve parameters; use a named curve (P-256 or P-384)", ex);
        }

        if (algorithm is null)
        {
            throw Bad("its key is on a curve other than P-256 or P-384");
        }

        return (key, algorithm.Value);
    }

    private static byte[] ToDer(ReadOnlySpan<byte> request)
    {
        // A PEM request is ASCII text; a DER one starts with a SEQUENCE tag.
        if (request[0] == 0x30)
        {
            return request.ToArray();
        }

        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(request);
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw Bad("it is neither DER nor PEM text", ex);
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw Bad("it is neither DER nor a PEM block");
        }

        var label = text.AsSpan()[fields.Label];
        if (!label.SequenceEqual("CERTIFICATE REQUEST") && !label.SequenceEqual("NEW CERTIFICATE REQUEST"))
        {
            throw Bad($"its PEM block is a '{label}', not a 'CERTIFICATE REQUEST'");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written) || written != der.Length)
        {
            throw Bad("its PEM base64 is damaged");
        }

        return der;
    }

    /// <summary>Reads CertificationRequest ::= SEQUENCE { info, signatureAlgorithm, signature } and returns the signature's hash.</summary>
    private static HashAlgorithmName CheckOuterStructure(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var request = reader.ReadSequence();
            if (reader.HasData)
            {
                throw Bad("there are bytes after the request");
            }

            var info = request.ReadSequence();
            info.ReadInteger();
            info.ReadEncodedValue();
            var spki = info.ReadSequence();
            var keyAlgorithm = spki.ReadSequence().ReadObjectIdentifier();
            if (keyAlgorithm != EcPublicKey)
            {
                throw Bad($"its key is {KeyTypeName(keyAlgorithm)}; Senim accepts only ECDSA keys on P-256 (ES256) or P-384 (ES384)");
            }

            var algorithm = request.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            if (!EcdsaSignatures.TryGetValue(oid, out var hash))
            {
                throw Bad($"it is signed with {oid}, not ECDSA with SHA-256, SHA-384 or SHA-512");
            }

            request.ReadBitString(out _);
            request.ThrowIfNotEmpty();
            return hash;
        }
        catch (AsnContentException ex)
        {
            throw Bad("its DER structure is damaged", ex);
        }
    }

    private static string KeyTypeName(string oid) => oid switch
    {
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.2.840.10040.4.1" => "DSA",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        _ => oid,
    };

    private static AuthorityException Bad(string reason, Exception? inner = null) =>
        new(AuthorityError.BadRequest, $"The certificate signing request was refused: {reason}.", inner);
}
