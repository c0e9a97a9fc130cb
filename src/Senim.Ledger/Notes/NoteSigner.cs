using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Senim.Ledger.Notes;

/// <summary>A key that signs note text (C2SP signed-note). Holds private key material: dispose it when done.</summary>
public abstract class NoteSigner : IDisposable
{
    private protected NoteSigner(string name, uint keyId)
    {
        Name = name;
        KeyId = keyId;
    }

    /// <summary>The key name written on signature lines.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key id that prefixes each signature.</summary>
    public uint KeyId { get; }

    /// <summary>The matching verifier.</summary>
    public abstract NoteVerifier Verifier { get; }

    /// <summary>The verifier key text (vkey) to publish.</summary>
    public string VerifierKey => Verifier.VerifierKey;

    /// <summary>The signature bytes (without the key id) over the note text.</summary>
    public abstract byte[] Sign(ReadOnlySpan<byte> text);

    /// <summary>One signature line "— name base64(keyid ‖ signature)\n" over <paramref name="text"/>.</summary>
    public string SignatureLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var signature = Sign(Encoding.UTF8.GetBytes(text));
        var bytes = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        signature.CopyTo(bytes, 4);
        return string.Create(CultureInfo.InvariantCulture, $"\u2014 {Name} {Convert.ToBase64String(bytes)}\n");
    }

    /// <summary>Signs <paramref name="text"/> (which must end in a newline) and returns the whole signed note.</summary>
    public string SignNote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        SignedNote.CheckText(text);
        return text + "\n" + SignatureLine(text);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>An Ed25519 note signer (signature type 0x01), the log's checkpoint key.</summary>
public sealed class Ed25519NoteSigner : NoteSigner
{
    private readonly Key _key;

    internal Ed25519NoteSigner(string name, ReadOnlySpan<byte> seed)
        : this(name, Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey))
    {
    }

    private Ed25519NoteSigner(string name, Key key)
        : base(name, NoteKeys.KeyId(name, NoteKeys.Ed25519Type, key.PublicKey.Export(KeyBlobFormat.RawPublicKey)))
    {
        _key = key;
        var publicBytes = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Verifier = new Ed25519NoteVerifier(name, KeyId, key.PublicKey, publicBytes);
    }

    public override NoteVerifier Verifier { get; }

    public override byte[] Sign(ReadOnlySpan<byte> text) => SignatureAlgorithm.Ed25519.Sign(_key, text);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// A witness cosigner (c2sp.org/tlog-cosignature, type 0x04): signs "cosignature/v1\ntime T\n" followed by the
/// checkpoint body, and prefixes the Ed25519 signature with the 8-byte big-endian timestamp T.
/// </summary>
public sealed class CosignatureSigner : NoteSigner
{
    private readonly Key _key;
    private readonly TimeProvider _clock;

    internal CosignatureSigner(string name, ReadOnlySpan<byte> seed, TimeProvider clock)
        : this(name, Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey), clock)
    {
    }

    private CosignatureSigner(string name, Key key, TimeProvider clock)
        : base(name, NoteKeys.KeyId(name, NoteKeys.CosignatureType, key.PublicKey.Export(KeyBlobFormat.RawPublicKey)))
    {
        _key = key;
        _clock = clock;
        Verifier = new CosignatureVerifier(name, KeyId, key.PublicKey, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public override NoteVerifier Verifier { get; }

    /// <summary>Cosigns with the current time of the clock given at construction.</summary>
    public override byte[] Sign(ReadOnlySpan<byte> text) => SignAt(text, (ulong)_clock.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Cosigns with a given POSIX timestamp.</summary>
    public byte[] SignAt(ReadOnlySpan<byte> text, ulong timestamp)
    {
        var message = CosignatureVerifier.Message(text, timestamp);
        var signature = SignatureAlgorithm.Ed25519.Sign(_key, message);
        var bytes = new byte[8 + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, timestamp);
        signature.CopyTo(bytes, 8);
        return bytes;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
        }

        base.Dispose(disposing);
    }
}
