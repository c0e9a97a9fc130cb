namespace Senim.Registry.Files;

/// <summary>Reading untrusted uploads into memory without trusting the length they claim.</summary>
internal static class BoundedRead
{
    /// <summary>
    /// Reads <paramref name="source"/> into memory in chunks, stopping at its end or as soon as more than
    /// <paramref name="limit"/> bytes have arrived: a result longer than <paramref name="limit"/> means the source is too large.
    /// </summary>
    public static async Task<MemoryStream> ReadAsync(Stream source, long limit, CancellationToken cancellationToken, int chunkSize = 81920)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[chunkSize];
        int read;
        while (buffer.Length <= limit && (read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer;
    }
}
