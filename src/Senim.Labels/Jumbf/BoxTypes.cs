using System.Buffers.Binary;
using System.Text;

namespace Senim.Labels.Jumbf;

/// <summary>JUMBF box types (ISO 19566-5) and the C2PA superbox type UUIDs (C2PA 2.x, "JUMBF" section).</summary>
public static class BoxTypes
{
    /// <summary>'jumb': a JUMBF superbox.</summary>
    public const uint Superbox = 0x6A756D62;

    /// <summary>'jumd': the description box that opens every superbox.</summary>
    public const uint Description = 0x6A756D64;

    /// <summary>'cbor': a CBOR content box.</summary>
    public const uint Cbor = 0x63626F72;

    /// <summary>'json': a JSON content box.</summary>
    public const uint Json = 0x6A736F6E;

    /// <summary>'uuid': a UUID content box.</summary>
    public const uint Uuid = 0x75756964;

    /// <summary>'bfdb': embedded file description.</summary>
    public const uint EmbeddedFileDescription = 0x62666462;

    /// <summary>'bidb': embedded file data.</summary>
    public const uint EmbeddedFileData = 0x62696462;

    /// <summary>The manifest store superbox ('c2pa').</summary>
    public static ReadOnlySpan<byte> ManifestStore => C2paUuid("c2pa");

    /// <summary>A standard manifest ('c2ma').</summary>
    public static ReadOnlySpan<byte> Manifest => C2paUuid("c2ma");

    /// <summary>An update manifest ('c2um').</summary>
    public static ReadOnlySpan<byte> UpdateManifest => C2paUuid("c2um");

    /// <summary>The assertion store ('c2as').</summary>
    public static ReadOnlySpan<byte> AssertionStore => C2paUuid("c2as");

    /// <summary>The claim ('c2cl').</summary>
    public static ReadOnlySpan<byte> Claim => C2paUuid("c2cl");

    /// <summary>The claim signature ('c2cs').</summary>
    public static ReadOnlySpan<byte> ClaimSignature => C2paUuid("c2cs");

    /// <summary>A CBOR assertion superbox.</summary>
    public static ReadOnlySpan<byte> CborAssertion => C2paUuid("cbor");

    /// <summary>A JSON assertion superbox.</summary>
    public static ReadOnlySpan<byte> JsonAssertion => C2paUuid("json");

    /// <summary>The four characters of a box type.</summary>
    public static string Name(uint type)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, type);
        foreach (var c in b)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return $"0x{type:X8}";
            }
        }

        return Encoding.ASCII.GetString(b);
    }

    /// <summary>The C2PA form of a type UUID: four ASCII characters then 0011-0010-8000-00AA00389B71.</summary>
    private static byte[] C2paUuid(string fourCc)
    {
        var uuid = new byte[16];
        Encoding.ASCII.GetBytes(fourCc, uuid);
        ReadOnlySpan<byte> tail = [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        tail.CopyTo(uuid.AsSpan(4));
        return uuid;
    }
}
