using System.Formats.Asn1;
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

    private const string Pbes2 = "1.2.840.113549.1.5.13";
    private const string Pbkdf2 = "1.2.840.113549.1.5.12";
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

            var algorithm = info.ReadSequence();
            var scheme = algorithm.ReadObjectIdentifier();
            if (scheme != Pbes2)
            {
                throw Corrupt(name, $"it is encrypted with {scheme}, not PBES2");
            }

            var pbes2 = algorithm.ReadSequence();
            algorithm.ThrowIfNotEmpty();

            var kdf = pbes2.ReadSequence();
            var kdfOid = kdf.ReadObjectIdentifier();
            if (kdfOid != Pbkdf2)
            {
                throw Corrupt(name, $"its key derivation is {kdfOid}, not PBKDF2");
            }

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
                var prf = kdfParams.ReadSequence();
                var prfOid = prf.ReadObjectIdentifier();
                if (!HmacSha2.Contains(prfOid))
                {
                    throw Corrupt(name, $"its PBKDF2 pseudo-random function is {prfOid}, not HMAC-SHA-2");
                }
            }

            kdfParams.ThrowIfNotEmpty();

            var cipher = pbes2.ReadSequence();
            var cipherOid = cipher.ReadObjectIdentifier();
            if (!AesCbc.Contains(cipherOid))
            {
                throw Corrupt(name, $"its cipher is {cipherOid}, not AES-CBC");
            }

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

    private static KeyStoreException Corrupt(string name, string reason, Exception? inner = null) =>
        new(KeyStoreError.Corrupt, $"The key file for '{name}' is not a usable encrypted PKCS#8 key: {reason}.", inner);
}
