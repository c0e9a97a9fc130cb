using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Senim.Ledger.Notes;

/// <summary>A trusted public key that verifies note signatures, identified by its name and key id.</summary>
public abstract class NoteVerifier
{
    private protected NoteVerifier(string name, uint keyId, byte type, byte[] publicKey)
    {
        Name = name;
        KeyId = keyId;
        Type = type;
        PublicKeyBytes = publicKey;
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key id.</summary>
    public uint KeyId { get; }

    /// <summary>The signature type byte (0x01 note signature, 0x04 cosignature).</summary>
    public byte Type { get; }

    internal byte[] PublicKeyBytes { get; }

    /// <summary>The verifier key text: name+keyid+base64(type ‖ key).</summary>
    public string VerifierKey => NoteKeys.FormatVerifier(Name, KeyId, Type, PublicKeyBytes);

    /// <summary>Whether <paramref name="signature"/> (the bytes after the key id) is a valid signature of <paramref name="text"/>.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature);
}

/// <summary>Verifies Ed25519 note signatures (type 0x01).</summary>
public sealed class Ed25519NoteVerifier : NoteVerifier
{
    private readonly PublicKey _key;

    internal Ed25519NoteVerifier(string name, uint keyId, PublicKey key, byte[] publicKey)
        : base(name, keyId, NoteKeys.Ed25519Type, publicKey) => _key = key;

    public override bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(_key, text, signature);
}

/// <summary>Verifies tlog-cosignature/v1 witness cosignatures (type 0x04).</summary>
public sealed class CosignatureVerifier : NoteVerifier
{
    private readonly PublicKey _key;

    internal CosignatureVerifier(string name, uint keyId, PublicKey key, byte[] publicKey)
        : base(name, keyId, NoteKeys.CosignatureType, publicKey) => _key = key;

    public override bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 72)
        {
            return false;
        }

        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
        return timestamp <= long.MaxValue && SignatureAlgorithm.Ed25519.Verify(_key, Message(text, timestamp), signature[8..]);
    }

    /// <summary>The POSIX timestamp in a cosignature's bytes (after the key id).</summary>
    public static ulong Timestamp(ReadOnlySpan<byte> signature) =>
        signature.Length >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(signature) : throw new LedgerException(LedgerError.Malformed, "A cosignature starts with an 8-byte timestamp.");

    internal static byte[] Message(ReadOnlySpan<byte> text, ulong timestamp)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cosignature/v1\ntime {timestamp}\n"));
        var message = new byte[header.Length + text.Length];
        header.CopyTo(message, 0);
        text.CopyTo(message.AsSpan(header.Length));
        return message;
    }
}
