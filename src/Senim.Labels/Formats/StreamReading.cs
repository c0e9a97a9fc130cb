namespace Senim.Labels.Formats;

/// <summary>Exact reads from a stream that turn a short read into <see cref="LabelError.Truncated"/>.</summary>
internal static class StreamReading
{
    public static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
        {
            throw new LabelException(LabelError.Truncated, $"The file ends inside {what}.");
        }
    }

    public static byte[] ReadBytes(Stream stream, long offset, int count, string what)
    {
        if (offset + count > stream.Length)
        {
            throw new LabelException(LabelError.Truncated, $"The file ends inside {what}.");
        }

        var bytes = new byte[count];
        stream.Position = offset;
        ReadExactly(stream, bytes, what);
        return bytes;
    }
}
