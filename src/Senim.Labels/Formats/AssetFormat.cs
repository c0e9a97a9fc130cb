namespace Senim.Labels.Formats;

/// <summary>How a manifest store travels with an asset.</summary>
public enum AssetFormat
{
    /// <summary>JPEG: the store in APP11 segments (JPEG XT boxes).</summary>
    Jpeg,

    /// <summary>PNG: the store in a caBX chunk.</summary>
    Png,

    /// <summary>Any other file: the store in a separate ".c2pa" sidecar file.</summary>
    Sidecar,
}

/// <summary>Recognises formats by their first bytes and by file extension.</summary>
public static class AssetFormats
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format the first bytes of a file show: JPEG, PNG, or <see cref="AssetFormat.Sidecar"/> for anything else.</summary>
    public static AssetFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return AssetFormat.Jpeg;
        }

        return head.StartsWith(PngSignature) ? AssetFormat.Png : AssetFormat.Sidecar;
    }

    /// <summary>The format a file name promises: JPEG for .jpg/.jpeg, PNG for .png, else sidecar.</summary>
    public static AssetFormat FromExtension(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jpg" or ".jpeg" or ".jpe" or ".jfif" => AssetFormat.Jpeg,
            ".png" => AssetFormat.Png,
            _ => AssetFormat.Sidecar,
        };
    }

    /// <summary>The IANA media type of a file name, for dc:format; application/octet-stream when unknown.</summary>
    public static string MediaType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" or ".jpe" or ".jfif" => "image/jpeg",
        ".png" => "image/png",
        ".wav" => "audio/wav",
        ".mp3" => "audio/mpeg",
        ".pdf" => "application/pdf",
        ".mp4" => "video/mp4",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".svg" => "image/svg+xml",
        ".txt" => "text/plain",
        ".c2pa" => "application/c2pa",
        _ => "application/octet-stream",
    };

    /// <summary>Reads the first bytes of a stream (up to 16) and rewinds it.</summary>
    public static AssetFormat Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[16];
        var start = stream.Position;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        return Detect(head[..read]);
    }
}
