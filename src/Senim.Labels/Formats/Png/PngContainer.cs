using System.Buffers.Binary;
using System.Text;

namespace Senim.Labels.Formats.Png;

/// <summary>
/// Reads and plans PNG files: the C2PA store is the data of a 'caBX' chunk; XMP is an iTXt chunk with
/// the keyword "XML:com.adobe.xmp". The data hash exclusion covers the whole caBX chunk (length, type, data, CRC).
/// </summary>
internal static class PngContainer
{
    private const uint Ihdr = 0x49484452;
    private const uint Iend = 0x49454E44;
    private const uint CaBx = 0x63614258;
    private const uint ITxt = 0x69545874;
    private const int MaxXmpChunk = 1024 * 1024;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> XmpKeyword => "XML:com.adobe.xmp\0"u8;

    internal readonly record struct Chunk(uint Type, long Offset, long DataLength)
    {
        public long Length => DataLength + 12;
    }

    internal sealed record Scan(IReadOnlyList<Chunk> Chunks, Chunk? C2pa, EmbeddedStore? Store, Chunk? Xmp, string? XmpPacket);

    public static Scan Read(Stream stream, LabelLimits limits)
    {
        stream.Position = 0;
        Span<byte> header = stackalloc byte[8];
        StreamReading.ReadExactly(stream, header, "the PNG signature");
        if (!header.SequenceEqual(Signature))
        {
            throw new LabelException(LabelError.MalformedPng, "The file does not start with the PNG signature.");
        }

        var chunks = new List<Chunk>();
        Chunk? c2pa = null;
        EmbeddedStore? store = null;
        Chunk? xmp = null;
        string? xmpPacket = null;
        var length = stream.Length;
        while (true)
        {
            var offset = stream.Position;
            StreamReading.ReadExactly(stream, header, "a PNG chunk header");
            var dataLength = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
            if (dataLength > int.MaxValue)
            {
                throw new LabelException(LabelError.MalformedPng, $"The PNG chunk at offset {offset} declares {dataLength} bytes.");
            }

            var chunk = new Chunk(type, offset, dataLength);
            if (offset + chunk.Length > length)
            {
                throw new LabelException(LabelError.Truncated, $"The PNG chunk at offset {offset} runs past the end of the file.");
            }

            if (chunks.Count == 0 && type != Ihdr)
            {
                throw new LabelException(LabelError.MalformedPng, "The first PNG chunk is not IHDR.");
            }

            if (chunks.Count >= limits.MaxSegments)
            {
                throw new LabelException(LabelError.TooComplex, $"The PNG has more than {limits.MaxSegments} chunks.");
            }

            chunks.Add(chunk);
            if (type == CaBx && c2pa is null)
            {
                if (dataLength > limits.MaxManifestStoreBytes)
                {
                    throw new LabelException(LabelError.TooLarge, $"The caBX chunk holds {dataLength} bytes, over the limit of {limits.MaxManifestStoreBytes}.");
                }

                c2pa = chunk;
                var bytes = StreamReading.ReadBytes(stream, offset + 8, (int)dataLength, "the caBX chunk");
                store = new EmbeddedStore(bytes, [(offset, chunk.Length)]);
            }
            else if (type == ITxt && xmp is null && dataLength is > 22 and <= MaxXmpChunk)
            {
                var data = StreamReading.ReadBytes(stream, offset + 8, (int)dataLength, "an iTXt chunk");
                if (data.AsSpan().StartsWith(XmpKeyword) && ReadUncompressedText(data) is { } text)
                {
                    xmp = chunk;
                    xmpPacket = text;
                }
            }

            stream.Position = offset + chunk.Length;
            if (type == Iend)
            {
                break;
            }
        }

        return new Scan(chunks, c2pa, store, xmp, xmpPacket);
    }

    /// <summary>
    /// Plans the output: the caBX chunk (and a new XMP chunk, when there was none) right after IHDR, an
    /// existing XMP chunk rewritten in place, an old caBX chunk dropped.
    /// </summary>
    public static EmbedPlan Plan(Stream stream, string digitalSourceType, LabelLimits limits)
    {
        var scan = Read(stream, limits);
        var xmpChunk = BuildXmpChunk(scan.XmpPacket is { } existing ? Xmp.Update(existing, digitalSourceType) : Xmp.NewPacket(digitalSourceType));
        var pieces = new List<Piece> { new SourceRange(0, 8) };
        foreach (var chunk in scan.Chunks)
        {
            if (scan.C2pa is { } old && old.Offset == chunk.Offset)
            {
                continue;
            }

            if (scan.Xmp is { } x && x.Offset == chunk.Offset)
            {
                pieces.Add(new Literal(xmpChunk));
                continue;
            }

            pieces.Add(new SourceRange(chunk.Offset, chunk.Length));
            if (chunk.Type == Ihdr)
            {
                if (scan.Xmp is null)
                {
                    pieces.Add(new Literal(xmpChunk));
                }

                pieces.Add(new ManifestSlot(0));
            }
        }

        var last = scan.Chunks[^1];
        var rest = last.Offset + last.Length;
        if (rest < stream.Length)
        {
            pieces.Add(new SourceRange(rest, stream.Length - rest));
        }

        return new EmbedPlan(AssetFormat.Png, pieces, storeLength => storeLength + 12L, Wrap, scan.Store?.Bytes);
    }

    /// <summary>A caBX chunk holding the store.</summary>
    public static byte[] Wrap(byte[] store) => BuildChunk(CaBx, store);

    private static byte[] BuildXmpChunk(string packet)
    {
        var text = Encoding.UTF8.GetBytes(packet);
        var data = new byte[XmpKeyword.Length + 4 + text.Length];
        XmpKeyword.CopyTo(data);
        // compression flag 0, method 0, empty language tag, empty translated keyword
        text.CopyTo(data, XmpKeyword.Length + 4);
        return BuildChunk(ITxt, data);
    }

    private static byte[] BuildChunk(uint type, byte[] data)
    {
        var chunk = new byte[data.Length + 12];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4), type);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Compute(chunk.AsSpan(4, 4), data));
        return chunk;
    }

    private static string? ReadUncompressedText(byte[] data)
    {
        var position = XmpKeyword.Length;
        if (data.Length < position + 2 || data[position] != 0)
        {
            return null;
        }

        position += 2;
        var language = Array.IndexOf(data, (byte)0, position);
        if (language < 0)
        {
            return null;
        }

        var translated = Array.IndexOf(data, (byte)0, language + 1);
        return translated < 0 ? null : Encoding.UTF8.GetString(data, translated + 1, data.Length - translated - 1);
    }
}
