using System.Buffers.Binary;
using System.IO.Compression;

namespace Senim.Labels.Tests.Support;

/// <summary>
/// Small, real, decodable images made in code: a baseline greyscale JPEG whose 8x8 blocks are flat with a
/// random walk of DC values (custom two-symbol Huffman tables keep each block at four bits), and an RGB PNG.
/// </summary>
internal static class TinyImages
{
    /// <summary>A JPEG of <paramref name="widthBlocks"/> x <paramref name="heightBlocks"/> blocks of 8x8 pixels.</summary>
    public static byte[] Jpeg(int widthBlocks, int heightBlocks, int seed)
    {
        var random = new Random(seed);
        using var output = new MemoryStream();
        output.Write([0xFF, 0xD8]);
        Segment(output, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        var quantisation = new byte[65];
        Array.Fill(quantisation, (byte)16);
        quantisation[0] = 0;
        Segment(output, 0xDB, quantisation);
        var width = widthBlocks * 8;
        var height = heightBlocks * 8;
        Segment(output, 0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        // DC table 0: two 2-bit codes, 00 = category 0, 01 = category 1. AC table 0: one 1-bit code, 0 = EOB.
        Segment(output, 0xC4, [0x00, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        Segment(output, 0xC4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Segment(output, 0xDA, [1, 1, 0x00, 0, 63, 0]);
        var bits = new BitWriter(output);
        for (var i = 0; i < widthBlocks * heightBlocks; i++)
        {
            var step = random.Next(3);
            if (step == 0)
            {
                bits.Write(0b00, 2);
            }
            else
            {
                bits.Write(0b01, 2);
                bits.Write(step == 1 ? 1 : 0, 1);
            }

            bits.Write(0, 1);
        }

        bits.Flush();
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    /// <summary>An 8-bit RGB PNG of random pixels.</summary>
    public static byte[] Png(int width, int height, int seed)
    {
        var random = new Random(seed);
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(output, "IHDR", header);
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            random.NextBytes(raw.AsSpan(y * (1 + width * 3) + 1, width * 3));
        }

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(output, "IDAT", compressed.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Segment(Stream output, byte marker, byte[] data)
    {
        output.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2)]);
        output.Write(data);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        output.Write(header);
        output.Write(data);
        var crc = Senim.Labels.Formats.Png.Crc32.Compute(header.AsSpan(4), data);
        var tail = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc);
        output.Write(tail);
    }

    private sealed class BitWriter(Stream output)
    {
        private int buffer;
        private int count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                buffer = (buffer << 1) | ((value >> i) & 1);
                if (++count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (count != 0)
            {
                buffer = (buffer << 1) | 1;
                if (++count == 8)
                {
                    Emit();
                }
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)buffer);
            if (buffer == 0xFF)
            {
                output.WriteByte(0);
            }

            buffer = 0;
            count = 0;
        }
    }
}
