using SkiaSharp;

namespace Senim.Notices.Tests.Support;

/// <summary>Test images: a known pattern in every format, and their decoded pixels.</summary>
internal static class Images
{
    /// <summary>A colour the notice never draws (neither its text, its backing, nor a blend of them).</summary>
    public static readonly SKColor Red = new(200, 40, 40);

    /// <summary>An image filled with <see cref="Red"/> plus a diagonal green stripe pattern, encoded in <paramref name="format"/>.</summary>
    public static byte[] Make(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 95)
    {
        using var bitmap = Bitmap(width, height);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static SKBitmap Bitmap(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, (x + y) % 16 < 4 ? new SKColor(30, 160, 60) : Red);
            }
        }

        return bitmap;
    }

    public static SKBitmap Decode(byte[] encoded) => SKBitmap.Decode(encoded) ?? throw new InvalidOperationException("SkiaSharp could not decode the image.");

    /// <summary>
    /// A small, well-formed PNG that claims <paramref name="width"/> × <paramref name="height"/> pixels: a
    /// correct IHDR, one IDAT of a little compressed data and IEND. A decompression bomb's shape.
    /// </summary>
    public static byte[] PngClaiming(uint width, uint height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[4096]);
        }

        var png = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        Chunk(png, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return [.. png];
    }

    private static void Chunk(List<byte> png, string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.AddRange(BigEndian((uint)data.Length));
        png.AddRange(typed);
        png.AddRange(BigEndian(Crc32(typed)));
    }

    /// <summary>Inserts an EXIF APP1 segment with the given orientation right after a JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, IFD at 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00, // Orientation SHORT
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>An animated WebP of two identical frames, assembled from a lossless still's VP8L chunk.</summary>
    public static byte[] AnimatedWebp(int width, int height)
    {
        using var bitmap = Bitmap(width, height);
        using var pixmap = bitmap.PeekPixels();
        using var still = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100)) ?? throw new InvalidOperationException("WebP encoding failed.");
        var bytes = still.ToArray();
        var vp8l = FindChunk(bytes, "VP8L");

        var body = new List<byte>();
        body.AddRange("WEBP"u8.ToArray());
        AddChunk(body, "VP8X", [0x02, 0, 0, 0, .. Int24(width - 1), .. Int24(height - 1)]);
        AddChunk(body, "ANIM", [0, 0, 0, 0, 0, 0]);
        for (var frame = 0; frame < 2; frame++)
        {
            AddChunk(body, "ANMF", [.. Int24(0), .. Int24(0), .. Int24(width - 1), .. Int24(height - 1), .. Int24(100), 0, .. vp8l]);
        }

        return [.. "RIFF"u8.ToArray(), .. LittleEndian((uint)body.Count), .. body];
    }

    private static byte[] FindChunk(byte[] riff, string type)
    {
        for (var at = 12; at + 8 <= riff.Length;)
        {
            var size = (int)(riff[at + 4] | (riff[at + 5] << 8) | (riff[at + 6] << 16) | (riff[at + 7] << 24));
            if (System.Text.Encoding.ASCII.GetString(riff, at, 4) == type)
            {
                return riff[at..(at + 8 + size + (size & 1))];
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidOperationException($"No {type} chunk.");
    }

    private static void AddChunk(List<byte> body, string type, byte[] data)
    {
        body.AddRange(System.Text.Encoding.ASCII.GetBytes(type));
        body.AddRange(LittleEndian((uint)data.Length));
        body.AddRange(data);
        if ((data.Length & 1) == 1)
        {
            body.Add(0);
        }
    }

    private static byte[] Int24(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    private static byte[] LittleEndian(uint value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
}
