namespace Senim.Labels;

/// <summary>
/// Bounds on what the reader accepts from untrusted input. Anything past a bound is rejected with
/// <see cref="LabelError.TooLarge"/> or <see cref="LabelError.TooComplex"/> before it is allocated.
/// </summary>
public sealed record LabelLimits
{
    /// <summary>The defaults: a 32 MiB manifest store, 20,000 boxes, 32 levels of nesting.</summary>
    public static LabelLimits Default { get; } = new();

    /// <summary>Largest asset signed or validated, in bytes (default 4 GiB); a web layer sets its upload limit here too.</summary>
    public long MaxAssetBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest manifest store read from an asset or sidecar, in bytes.</summary>
    public int MaxManifestStoreBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Most JUMBF boxes in one manifest store.</summary>
    public int MaxBoxes { get; init; } = 20_000;

    /// <summary>Deepest nesting of JUMBF superboxes and of CBOR arrays and maps.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most manifests in one store.</summary>
    public int MaxManifests { get; init; } = 1_000;

    /// <summary>Most certificates in an x5chain.</summary>
    public int MaxChainLength { get; init; } = 10;

    /// <summary>Most JPEG segments or PNG chunks scanned before the image data.</summary>
    public int MaxSegments { get; init; } = 100_000;

    /// <summary>A sidecar's bytes, read in bounded chunks; null as soon as more than <see cref="MaxManifestStoreBytes"/> have arrived.</summary>
    internal byte[]? ReadSidecar(Stream sidecar)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = sidecar.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxManifestStoreBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
