using System.Buffers.Binary;
using System.Text;
using Senim.Labels.Jumbf;

namespace Senim.Labels.Formats.Jpeg;

/// <summary>
/// Reads and plans JPEG files: the C2PA store lives in APP11 segments as a JPEG XT box
/// (CI "JP", box instance En, sequence Z, then the box header repeated in every segment and the next
/// part of the box). Scanning stops at the first SOS marker: metadata segments come before the image data.
/// </summary>
internal static class JpegContainer
{
    private const byte App1 = 0xE1;
    private const byte App11 = 0xEB;
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    /// <summary>Box payload bytes per APP11 segment: 65535 - Lp(2) - CI/En/Z(8) - LBox/TBox(8).</summary>
    internal const int MaxChunk = 65535 - 2 - 8 - 8;

    private static ReadOnlySpan<byte> XmpSignature => "http://ns.adobe.com/xap/1.0/\0"u8;

    /// <summary>One marker segment before the scan: its marker, where it starts (at 0xFF) and its total length.</summary>
    internal readonly record struct Segment(byte Marker, long Offset, long Length);

    /// <summary>The segments of a JPEG up to (not including) SOS, and where the C2PA segments and the XMP segment are.</summary>
    internal sealed record Scan(IReadOnlyList<Segment> Segments, IReadOnlyList<Segment> C2paSegments, EmbeddedStore? Store, Segment? Xmp, string? XmpPacket);

    public static Scan Read(Stream stream, LabelLimits limits)
    {
        stream.Position = 0;
        Span<byte> header = stackalloc byte[4];
        StreamReading.ReadExactly(stream, header[..2], "the JPEG start marker");
        if (header[0] != 0xFF || header[1] != 0xD8)
        {
            throw new LabelException(LabelError.MalformedJpeg, "The file does not start with a JPEG SOI marker.");
        }

        var segments = new List<Segment>();
        var c2pa = new List<Segment>();
        var parts = new List<byte[]>();
        var instance = -1;
        var expected = 1;
        long declaredBoxLength = 0;
        long storeBytes = 0;
        Segment? xmp = null;
        string? xmpPacket = null;
        var length = stream.Length;
        while (true)
        {
            var offset = stream.Position;
            StreamReading.ReadExactly(stream, header[..2], "a JPEG marker");
            if (header[0] != 0xFF)
            {
                throw new LabelException(LabelError.MalformedJpeg, $"Expected a JPEG marker at offset {offset}, found 0x{header[0]:X2}.");
            }

            var marker = header[1];
            while (marker == 0xFF)
            {
                StreamReading.ReadExactly(stream, header[..1], "a JPEG marker");
                marker = header[0];
                offset++;
            }

            if (marker == EndOfImage)
            {
                break;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            StreamReading.ReadExactly(stream, header[..2], "a JPEG segment length");
            var segmentLength = BinaryPrimitives.ReadUInt16BigEndian(header);
            if (segmentLength < 2)
            {
                throw new LabelException(LabelError.MalformedJpeg, $"The JPEG segment at offset {offset} declares length {segmentLength}.");
            }

            var total = 2L + segmentLength;
            if (offset + total > length)
            {
                throw new LabelException(LabelError.Truncated, $"The JPEG segment 0xFF{marker:X2} at offset {offset} runs past the end of the file.");
            }

            var segment = new Segment(marker, offset, total);
            if (segments.Count >= limits.MaxSegments)
            {
                throw new LabelException(LabelError.TooComplex, $"The JPEG has more than {limits.MaxSegments} segments before its image data.");
            }

            segments.Add(segment);
            if (marker == StartOfScan)
            {
                break;
            }

            var dataLength = segmentLength - 2;
            if (marker == App11 && dataLength >= 16)
            {
                var data = StreamReading.ReadBytes(stream, offset + 4, dataLength, "an APP11 segment");
                if (data[0] == (byte)'J' && data[1] == (byte)'P')
                {
                    var en = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(2));
                    var z = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4));
                    var boxHeader = data.AsSpan(8);
                    if (instance < 0 && z == 1 && IsManifestStoreStart(boxHeader))
                    {
                        JumbfParser.TryReadHeader(boxHeader, out declaredBoxLength, out _, out _);
                        if (declaredBoxLength > limits.MaxManifestStoreBytes)
                        {
                            throw new LabelException(LabelError.TooLarge, $"The manifest store declares {declaredBoxLength} bytes, over the limit of {limits.MaxManifestStoreBytes}.");
                        }

                        instance = en;
                        parts.Add(data[8..]);
                        storeBytes += data.Length - 8;
                        c2pa.Add(segment);
                        expected = 2;
                    }
                    else if (instance >= 0 && en == instance)
                    {
                        JumbfParser.TryReadHeader(boxHeader, out _, out _, out var repeated);
                        if (z != expected)
                        {
                            throw new LabelException(LabelError.MalformedJpeg, $"APP11 segment {z} of the manifest store comes where segment {expected} was expected.");
                        }

                        var chunk = data[(8 + repeated)..];
                        storeBytes += chunk.Length;
                        if (storeBytes > declaredBoxLength)
                        {
                            throw new LabelException(LabelError.TooLarge, $"The APP11 segments hold more bytes than the manifest store's declared {declaredBoxLength}.");
                        }

                        parts.Add(chunk);
                        c2pa.Add(segment);
                        expected++;
                    }
                }
            }
            else if (marker == App1 && xmp is null && dataLength > XmpSignature.Length && dataLength <= 65533)
            {
                var data = StreamReading.ReadBytes(stream, offset + 4, dataLength, "an APP1 segment");
                if (data.AsSpan().StartsWith(XmpSignature))
                {
                    xmp = segment;
                    xmpPacket = Encoding.UTF8.GetString(data.AsSpan(XmpSignature.Length));
                }
            }

            stream.Position = offset + total;
        }

        EmbeddedStore? store = null;
        if (instance >= 0)
        {
            if (storeBytes != declaredBoxLength)
            {
                throw new LabelException(LabelError.Truncated, $"The manifest store declares {declaredBoxLength} bytes but its APP11 segments hold {storeBytes}.");
            }

            var bytes = new byte[storeBytes];
            var position = 0;
            foreach (var part in parts)
            {
                part.CopyTo(bytes, position);
                position += part.Length;
            }

            var ranges = new List<(long, long)>();
            foreach (var s in c2pa)
            {
                ranges.Add((s.Offset, s.Length));
            }

            store = new EmbeddedStore(bytes, ranges);
        }

        return new Scan(segments, c2pa, store, xmp, xmpPacket);
    }

    /// <summary>
    /// Plans the output: the source with old C2PA segments dropped, the XMP segment updated (or a new one
    /// after the leading APP0/APP1 segments), and the manifest slot right after the leading APPn segments.
    /// </summary>
    public static EmbedPlan Plan(Stream stream, string digitalSourceType, LabelLimits limits)
    {
        var scan = Read(stream, limits);
        var dropped = new HashSet<long>();
        foreach (var s in scan.C2paSegments)
        {
            dropped.Add(s.Offset);
        }

        var xmpSegment = BuildXmpSegment(scan.XmpPacket is { } existing ? Xmp.Update(existing, digitalSourceType) : Xmp.NewPacket(digitalSourceType));
        var pieces = new List<Piece> { new SourceRange(0, 2) };
        var slotPlaced = false;
        var xmpPlaced = false;
        foreach (var segment in scan.Segments)
        {
            var isApp = segment.Marker is >= 0xE0 and <= 0xEF;
            if (!xmpPlaced && scan.Xmp is null && !(segment.Marker is 0xE0 or App1))
            {
                pieces.Add(new Literal(xmpSegment));
                xmpPlaced = true;
            }

            if (!slotPlaced && !isApp)
            {
                pieces.Add(new ManifestSlot(0));
                slotPlaced = true;
            }

            if (dropped.Contains(segment.Offset))
            {
                continue;
            }

            if (scan.Xmp is { } x && x.Offset == segment.Offset)
            {
                pieces.Add(new Literal(xmpSegment));
                xmpPlaced = true;
                continue;
            }

            pieces.Add(new SourceRange(segment.Offset, segment.Length));
        }

        if (!slotPlaced)
        {
            throw new LabelException(LabelError.MalformedJpeg, "The JPEG has no image data (no SOS marker).");
        }

        var last = scan.Segments[^1];
        var rest = last.Offset + last.Length;
        pieces.Add(new SourceRange(rest, stream.Length - rest));
        return new EmbedPlan(AssetFormat.Jpeg, pieces, WrappedLength, Wrap, scan.Store?.Bytes);
    }

    /// <summary>Total bytes of the APP11 segments that carry a store of <paramref name="storeLength"/> bytes.</summary>
    public static long WrappedLength(int storeLength)
    {
        var payload = storeLength - 8;
        var segments = Math.Max(1, (payload + MaxChunk - 1) / MaxChunk);
        return (long)segments * 20 + payload;
    }

    /// <summary>The store split into APP11 segments (instance 1, sequence from 1, the box header repeated in each).</summary>
    public static byte[] Wrap(byte[] store)
    {
        var payload = store.Length - 8;
        var output = new byte[WrappedLength(store.Length)];
        var position = 0;
        var z = 1u;
        var consumed = 0;
        do
        {
            var chunk = Math.Min(MaxChunk, payload - consumed);
            var span = output.AsSpan(position);
            span[0] = 0xFF;
            span[1] = App11;
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)(2 + 8 + 8 + chunk));
            span[4] = (byte)'J';
            span[5] = (byte)'P';
            BinaryPrimitives.WriteUInt16BigEndian(span[6..], 1);
            BinaryPrimitives.WriteUInt32BigEndian(span[8..], z++);
            store.AsSpan(0, 8).CopyTo(span[12..]);
            store.AsSpan(8 + consumed, chunk).CopyTo(span[20..]);
            position += 20 + chunk;
            consumed += chunk;
        }
        while (consumed < payload);
        return output;
    }

    private static byte[] BuildXmpSegment(string packet)
    {
        var body = Encoding.UTF8.GetBytes(packet);
        var dataLength = XmpSignature.Length + body.Length;
        if (dataLength + 2 > 65535)
        {
            throw new LabelException(LabelError.InvalidXmp, "The XMP packet with the digital source type does not fit in one JPEG APP1 segment.");
        }

        var segment = new byte[4 + dataLength];
        segment[0] = 0xFF;
        segment[1] = App1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(dataLength + 2));
        XmpSignature.CopyTo(segment.AsSpan(4));
        body.CopyTo(segment, 4 + XmpSignature.Length);
        return segment;
    }

    private static bool IsManifestStoreStart(ReadOnlySpan<byte> box)
    {
        if (!JumbfParser.TryReadHeader(box, out _, out var type, out var headerLength) || type != BoxTypes.Superbox)
        {
            return false;
        }

        var description = box[headerLength..];
        return description.Length >= 24
            && BinaryPrimitives.ReadUInt32BigEndian(description[4..]) == BoxTypes.Description
            && description.Slice(8, 16).SequenceEqual(BoxTypes.ManifestStore);
    }
}
