using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;

namespace Senim.Authority.Keys;

/// <summary>
/// Reads the outer, unencrypted part of a PKCS#8 EncryptedPrivateKeyInfo (RFC 5958, PBES2 from RFC 8018)
/// before anything is decrypted, so a damaged or hostile file is refused with a clear reason and an
/// absurd PBKDF2 iteration count cannot make the store spin for hours.
/// </summary>
internal static class EncryptedKeyInfo
{
    /// <summary>The highest PBKDF2 iteration count a key file may ask for.</summary>
    public const int MaxIterations = 10_000_000;

    private static readonly HashSet<string> Pbes2 = ["1.2.840.113549.1.5.13"];
    private static readonly HashSet<string> Pbkdf2 = ["1.2.840.113549.1.5.12"];
    private static readonly HashSet<string> AesCbc = ["2.16.840.1.101.3.4.1.2", "2.16.840.1.101.3.4.1.22", "2.16.840.1.101.3.4.1.42"];
    private static readonly HashSet<string> HmacSha2 = ["1.2.840.113549.2.9", "1.2.840.113549.2.10", "1.2.840.113549.2.11"];

    /// <summary>Checks the structure and returns the PBKDF2 iteration count.</summary>
    /// <exception cref="KeyStoreException">With <see cref="KeyStoreError.Corrupt"/> and the reason.</exception>
    public static int Inspect(ReadOnlyMemory<byte> der, string name)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var info = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            var algorithm = ReadAlgorithm(info, Pbes2, name, "it is encrypted with {0}, not PBES2");
            var pbes2 = algorithm.ReadSequence();
            algorithm.ThrowIfNotEmpty();

            var kdf = ReadAlgorithm(pbes2, Pbkdf2, name, "its key derivation is {0}, not PBKDF2");
            var kdfParams = kdf.ReadSequence();
            kdf.ThrowIfNotEmpty();
            var salt = kdfParams.ReadOctetString();
            if (salt.Length < 8)
            {
                throw Corrupt(name, "its PBKDF2 salt is shorter than 8 bytes");
            }

            if (!kdfParams.TryReadInt32(out var iterations) || iterations < 1 || iterations > MaxIterations)
            {
                throw Corrupt(name, $"its PBKDF2 iteration count is outside 1..{MaxIterations:N0}");
            }

            if (kdfParams.HasData && kdfParams.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                kdfParams.ReadInteger();
            }

            if (kdfParams.HasData)
            {
                ReadAlgorithm(kdfParams, HmacSha2, name, "its PBKDF2 pseudo-random function is {0}, not HMAC-SHA-2");
            }

            kdfParams.ThrowIfNotEmpty();

            ReadAlgorithm(pbes2, AesCbc, name, "its cipher is {0}, not AES-CBC");

            pbes2.ThrowIfNotEmpty();
            var encrypted = info.ReadOctetString();
            if (encrypted.Length == 0 || encrypted.Length % 16 != 0)
            {
                throw Corrupt(name, "its encrypted content is not a whole number of AES blocks");
            }

            info.ThrowIfNotEmpty();
            return iterations;
        }
        catch (AsnContentException ex)
        {
            throw Corrupt(name, "its DER structure is damaged", ex);
        }
        catch (CryptographicException ex)
        {
            throw Corrupt(name, "its DER structure is damaged", ex);
        }
    }

    /// <summary>Reads an AlgorithmIdentifier up to its parameters; an algorithm outside <paramref name="accepted"/> is refused with <paramref name="refusal"/> ({0}: its OID).</summary>
    private static AsnReader ReadAlgorithm(AsnReader parent, HashSet<string> accepted, string name, string refusal)
    {
        var algorithm = parent.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        return accepted.Contains(oid) ? algorithm : throw Corrupt(name, string.Format(CultureInfo.InvariantCulture, refusal, oid));
    }

    private static KeyStoreException Corrupt(string name, string reason, Exception? inner = null) =>
        new(KeyStoreError.Corrupt, $"The key file for '{name}' is not a usable encrypted PKCS#8 key: {reason}.", inner);
}
