using SkiaSharp;

namespace Senim.Notices;

/// <summary>Where the notice sits on the image.</summary>
public enum NoticePlacement
{
    /// <summary>A strip across the whole bottom edge.</summary>
    Banner,

    /// <summary>A label in the bottom-left corner, as wide as its text.</summary>
    Corner,
}

/// <summary>How an image notice looks and what images are accepted.</summary>
public sealed record ImageNoticeOptions
{
    /// <summary>Default pixel limit: 8192 × 8192 (64 Mi pixels, 256 MiB decoded).</summary>
    public const long DefaultMaxPixels = 8192L * 8192;

    /// <summary>Banner or corner label.</summary>
    public NoticePlacement Placement { get; init; } = NoticePlacement.Banner;

    /// <summary>The languages, in order (default kk, ru, en).</summary>
    public IReadOnlyList<NoticeLanguage>? Languages { get; init; }

    /// <summary>The system's register number (KZ-AI-YYYY-NNNNNN), shown when there is room; null for none.</summary>
    public string? RegisterNumber { get; init; }

    /// <summary>JPEG quality for JPEG output, 1-100.</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>Quality for (lossy) WebP output, 1-100.</summary>
    public int WebpQuality { get; init; } = 90;

    /// <summary>The largest width × height accepted; checked from the header, before decoding.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>The largest encoded image accepted.</summary>
    public int MaxInputBytes { get; init; } = 256 * 1024 * 1024;

    /// <summary>The text colour (opaque).</summary>
    public SKColor Foreground { get; init; } = new(0xFF, 0xFF, 0xFF);

    /// <summary>The solid backing behind the text (opaque); contrast with the text at least 4.5:1.</summary>
    public SKColor Background { get; init; } = new(0x11, 0x11, 0x11);

    /// <summary>The smallest text height in pixels the notice is drawn at.</summary>
    public float MinFontPixels { get; init; } = 10;

    internal void Validate()
    {
        NoticeTexts.CheckRegisterNumber(RegisterNumber);
        NoticeTexts.CheckLanguages(Languages);
        if (JpegQuality is < 1 or > 100 || WebpQuality is < 1 or > 100)
        {
            throw new ArgumentException("JPEG and WebP quality are between 1 and 100.");
        }

        if (MaxPixels < 1 || MaxInputBytes < 1)
        {
            throw new ArgumentException("The pixel and byte limits must be positive.");
        }

        if (Foreground.Alpha != 255 || Background.Alpha != 255)
        {
            throw new ArgumentException("The notice colours must be opaque: the text needs a solid backing.");
        }

        var ratio = Contrast.Ratio(Foreground, Background);
        if (ratio < Contrast.Minimum)
        {
            throw new ArgumentException($"The text and background colours have a contrast of {ratio:0.00}:1; a notice needs at least {Contrast.Minimum}:1.");
        }

        if (MinFontPixels is < 6 or > 100)
        {
            throw new ArgumentException("The smallest font size is between 6 and 100 pixels.");
        }
    }
}
