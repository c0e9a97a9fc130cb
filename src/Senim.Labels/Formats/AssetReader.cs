using Senim.Labels.Formats.Jpeg;
using Senim.Labels.Formats.Png;

namespace Senim.Labels.Formats;

/// <summary>Finds the manifest store embedded in a JPEG or PNG.</summary>
public static class AssetReader
{
    /// <summary>The embedded store, or null when the asset carries none. Throws <see cref="LabelException"/> for malformed or unsupported files.</summary>
    public static EmbeddedStore? FindStore(Stream asset, AssetFormat format, LabelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(asset);
        limits ??= LabelLimits.Default;
        if (!asset.CanSeek)
        {
            throw new LabelException(LabelError.StreamNotSeekable, "The asset stream must support seeking.");
        }

        return format switch
        {
            AssetFormat.Jpeg => JpegContainer.Read(asset, limits).Store,
            AssetFormat.Png => PngContainer.Read(asset, limits).Store,
            _ => throw new LabelException(LabelError.UnsupportedFormat, "Only JPEG and PNG carry an embedded manifest store; other files use a .c2pa sidecar."),
        };
    }

    /// <summary>The IPTC digital source type in the asset's XMP, or null.</summary>
    public static string? ReadXmpDigitalSourceType(Stream asset, AssetFormat format, LabelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(asset);
        limits ??= LabelLimits.Default;
        var packet = format switch
        {
            AssetFormat.Jpeg => JpegContainer.Read(asset, limits).XmpPacket,
            AssetFormat.Png => PngContainer.Read(asset, limits).XmpPacket,
            _ => null,
        };
        return packet is null ? null : Xmp.ReadDigitalSourceType(packet);
    }
}
