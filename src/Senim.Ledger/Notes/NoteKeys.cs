using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Senim.Ledger.Notes;

/// <summary>
/// C2SP signed-note key formats and key ids. A verifier key (vkey) is <c>name+hhhhhhhh+base64(type ‖ public key)</c>;
/// a signer key (skey) is <c>PRIVATE+KEY+name+hhhhhhhh+base64(type ‖ 32-byte Ed25519 seed)</c>. The key id is
/// SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], big-endian. Type 0x01 signs notes (checkpoints); type 0x04 makes
/// tlog-cosignature/v1 witness cosignatures.
/// </summary>
public static class NoteKeys
{
    /// <summary>Signature type of Ed25519 note signatures.</summary>
    public const byte Ed25519Type = 0x01;

    /// <summary>Signature type of timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature).</summary>
    public const byte CosignatureType = 0x04;

    internal const int MaxKeyText = 1024;

    /// <summary>The key id of a public key under a name and signature type.</summary>
    public static uint KeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = 0x0A;
        buffer[nameBytes.Length + 1] = type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    /// <summary>
    /// A key name is non-empty, has no Unicode white space and no '+', and (Senim's limit) is at most 256
    /// characters of printable text.
    /// </summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 256 || name.Contains('+', StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done
                || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>Parses a verifier key; accepts Ed25519 note keys (type 0x01) and cosigner keys (type 0x04).</summary>
    public static NoteVerifier ParseVerifierKey(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        vkey = vkey.Trim();
        if (vkey.Length > MaxKeyText)
        {
            throw Malformed("The verifier key is too long.");
        }

        // The base64 key may itself contain '+': split off the name and the key id only.
        var parts = vkey.Split('+', 3);
        if (parts.Length != 3)
        {
            throw Malformed("A verifier key has three parts: name+keyid+base64key.");
        }

        var (name, idText) = (parts[0], parts[1]);
        var (id, key) = ReadIdAndKey(name, idText, parts[2]);
        if (key.Length != 33 || (key[0] != Ed25519Type && key[0] != CosignatureType))
        {
            throw Malformed("Only Ed25519 keys (type 0x01) and Ed25519 cosigner keys (type 0x04) are supported.");
        }

        if (KeyId(name, key[0], key.AsSpan(1)) != id)
        {
            throw Malformed($"The key id {idText} does not match the key and name.");
        }

        var publicKey = ImportPublic(key.AsSpan(1));
        return key[0] == Ed25519Type ? new Ed25519NoteVerifier(name, id, publicKey, key[1..]) : new CosignatureVerifier(name, id, publicKey, key[1..]);
    }

    /// <summary>Parses a signer key: an Ed25519 note signer (type 0x01) or an Ed25519 cosigner (type 0x04).</summary>
    public static NoteSigner ParseSignerKey(string skey, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(skey);
        skey = skey.Trim();
        if (skey.Length > MaxKeyText)
        {
            throw Malformed("The signer key is too long.");
        }

        var parts = skey.Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
        {
            throw Malformed("A signer key reads PRIVATE+KEY+name+keyid+base64key.");
        }

        var (name, idText) = (parts[2], parts[3]);
        var (id, key) = ReadIdAndKey(name, idText, parts[4]);
        try
        {
            if (key.Length != 33 || (key[0] != Ed25519Type && key[0] != CosignatureType))
            {
                throw Malformed("Only Ed25519 signer keys (type 0x01 or 0x04, 32-byte seed) are supported.");
            }

            var signer = key[0] == Ed25519Type
                ? (NoteSigner)new Ed25519NoteSigner(name, key.AsSpan(1))
                : new CosignatureSigner(name, key.AsSpan(1), clock ?? TimeProvider.System);
            if (signer.KeyId != id)
            {
                signer.Dispose();
                throw Malformed($"The key id {idText} does not match the key and name.");
            }

            return signer;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Checks the name and the key id of a key text and decodes its key bytes (type byte first).</summary>
    private static (uint Id, byte[] Key) ReadIdAndKey(string name, string idText, string keyText)
    {
        if (!IsValidName(name))
        {
            throw Malformed($"'{MerkleShort(name)}' is not a valid key name.");
        }

        if (idText.Length != 8 || !uint.TryParse(idText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            throw Malformed($"'{MerkleShort(idText)}' is not an 8-digit hex key id.");
        }

        return (id, DecodeBase64(keyText) ?? throw Malformed("The key is not standard base64."));
    }

    /// <summary>A new random key pair of the given type: the signer key text and the verifier key text.</summary>
    public static (string SignerKey, string VerifierKey) Generate(string name, byte type = Ed25519Type)
    {
        if (!IsValidName(name))
        {
            throw Malformed($"'{MerkleShort(name)}' is not a valid key name: non-empty, no spaces, no '+'.");
        }

        if (type != Ed25519Type && type != CosignatureType)
        {
            throw new ArgumentOutOfRangeException(nameof(type), "Use NoteKeys.Ed25519Type or NoteKeys.CosignatureType.");
        }

        var seed = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
            var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            var id = KeyId(name, type, publicKey);
            return (FormatSigner(name, id, type, seed), FormatVerifier(name, id, type, publicKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal static string FormatVerifier(string name, uint id, byte type, ReadOnlySpan<byte> publicKey)
    {
        var key = new byte[1 + publicKey.Length];
        key[0] = type;
        publicKey.CopyTo(key.AsSpan(1));
        return string.Create(CultureInfo.InvariantCulture, $"{name}+{id:x8}+{Convert.ToBase64String(key)}");
    }

    private static string FormatSigner(string name, uint id, byte type, ReadOnlySpan<byte> seed)
    {
        var key = new byte[1 + seed.Length];
        key[0] = type;
        seed.CopyTo(key.AsSpan(1));
        var text = string.Create(CultureInfo.InvariantCulture, $"PRIVATE+KEY+{name}+{id:x8}+{Convert.ToBase64String(key)}");
        CryptographicOperations.ZeroMemory(key);
        return text;
    }

    internal static PublicKey ImportPublic(ReadOnlySpan<byte> key)
    {
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, key, KeyBlobFormat.RawPublicKey, out var publicKey) || publicKey is null)
        {
            throw Malformed("The public key is not a valid Ed25519 key.");
        }

        return publicKey;
    }

    /// <summary>Strict standard base64 (canonical, no white space), or null.</summary>
    internal static byte[]? DecodeBase64(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return null;
        }

        var bytes = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            return null;
        }

        var result = bytes[..written];
        return Convert.ToBase64String(result) == text ? result : null;
    }

    private static string MerkleShort(string text) => text.Length <= 60 ? text : text[..60] + "...";

    private static LedgerException Malformed(string message) => new(LedgerError.Malformed, message);
}
