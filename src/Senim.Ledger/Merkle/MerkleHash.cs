using System.Runtime.InteropServices;

namespace Senim.Ledger.Merkle;

/// <summary>A 32-byte SHA-256 hash of a leaf, a node or a tree head. A value type: no allocation, fast equality.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct MerkleHash : IEquatable<MerkleHash>
{
    /// <summary>The length of a hash in bytes.</summary>
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    /// <summary>Takes exactly 32 bytes.</summary>
    public MerkleHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new LedgerException(LedgerError.Malformed, $"A hash is {Size} bytes, not {bytes.Length}.");
        }

        this = MemoryMarshal.Read<MerkleHash>(bytes);
    }

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination) => MemoryMarshal.Write(destination, in this);

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Standard base64 (RFC 4648 §4), as checkpoints and proofs write hashes.</summary>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Lowercase hex.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <inheritdoc/>
    public override string ToString() => ToHex();

    /// <summary>Parses strict standard base64 of exactly 32 bytes (no whitespace, canonical padding).</summary>
    public static MerkleHash ParseBase64(string text) =>
        TryParseBase64(text, out var hash) ? hash : throw new LedgerException(LedgerError.Malformed, $"'{Shorten(text)}' is not standard base64 of a 32-byte hash.");

    /// <summary>Parses strict standard base64 of exactly 32 bytes.</summary>
    public static bool TryParseBase64(ReadOnlySpan<char> text, out MerkleHash hash)
    {
        hash = default;
        Span<byte> bytes = stackalloc byte[Size + 3];
        if (text.Length != 44 || !Convert.TryFromBase64Chars(text, bytes, out var written) || written != Size)
        {
            return false;
        }

        // Reject non-canonical encodings (stray bits in the last character) by re-encoding.
        Span<char> again = stackalloc char[44];
        if (!Convert.TryToBase64Chars(bytes[..Size], again, out _) || !again.SequenceEqual(text))
        {
            return false;
        }

        hash = new MerkleHash(bytes[..Size]);
        return true;
    }

    /// <summary>Parses 64 hex digits or strict base64.</summary>
    public static MerkleHash Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 2 * Size && text.All(Uri.IsHexDigit))
        {
            return new MerkleHash(Convert.FromHexString(text));
        }

        return ParseBase64(text);
    }

    public bool Equals(MerkleHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is MerkleHash other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    public static bool operator ==(MerkleHash left, MerkleHash right) => left.Equals(right);

    public static bool operator !=(MerkleHash left, MerkleHash right) => !left.Equals(right);

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
