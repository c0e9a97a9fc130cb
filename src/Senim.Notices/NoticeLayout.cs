using SkiaSharp;

namespace Senim.Notices;

/// <summary>How much of the notice fits: the full trilingual text down to a two-letter label.</summary>
public enum NoticeVariant
{
    /// <summary>One headline per language ("Жасанды интеллект жасаған", ...) and the register number.</summary>
    Full,

    /// <summary>One line: the abbreviations (ЖИ · ИИ · AI) and the register number.</summary>
    Compact,

    /// <summary>One line: the abbreviations only.</summary>
    Abbreviations,

    /// <summary>The first language's abbreviation alone, for the smallest images.</summary>
    Minimal,
}

/// <summary>The rectangle the notice covers, in image pixels; nothing outside it changes.</summary>
public sealed record NoticeBox(int X, int Y, int Width, int Height);

/// <summary>
/// Where the notice goes and how big its text is, for an image of a given size. The text height scales
/// with the image's shorter side (1/40 for the full notice) and shrinks to fit the width; when it would
/// fall below <see cref="ImageNoticeOptions.MinFontPixels"/>, or the box would cover too much of the image,
/// the next shorter variant is tried. Pure: no drawing.
/// </summary>
/// <param name="Variant">Which text fitted.</param>
/// <param name="Lines">The lines, top to bottom.</param>
/// <param name="FontSize">Text size in pixels.</param>
/// <param name="Box">The solid backing.</param>
/// <param name="Padding">Space between the box edge and the text.</param>
public sealed record NoticeLayout(NoticeVariant Variant, IReadOnlyList<string> Lines, float FontSize, NoticeBox Box, int Padding)
{
    /// <summary>Lays out the notice for a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    /// <exception cref="ImageNoticeException">With <see cref="ImageNoticeError.TooSmall"/> when not even the minimal label fits legibly.</exception>
    public static NoticeLayout Compute(int width, int height, ImageNoticeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var languages = options.Languages ?? NoticeTexts.All;
        var shorts = string.Join(" · ", languages.Select(NoticeTexts.Abbreviation));
        var number = options.RegisterNumber;
        var shortSide = Math.Min(width, height);

        var candidates = new List<(NoticeVariant, string[], float Target, double MaxShare)>();
        var full = languages.Select(NoticeTexts.Headline).ToList();
        if (number is not null)
        {
            full.Add(string.Join(" / ", languages.Select(NoticeTexts.Register)) + ": " + number);
        }

        candidates.Add((NoticeVariant.Full, [.. full], shortSide / 40f, 0.25));
        if (number is not null)
        {
            candidates.Add((NoticeVariant.Compact, [shorts + " · " + number], shortSide / 30f, 0.25));
        }

        candidates.Add((NoticeVariant.Abbreviations, [shorts], shortSide / 30f, 0.3));
        candidates.Add((NoticeVariant.Minimal, [NoticeTexts.Abbreviation(languages[0])], shortSide / 20f, 0.4));

        foreach (var (variant, lines, target, maxShare) in candidates)
        {
            if (TryFit(width, height, options, lines, Math.Max(target, options.MinFontPixels), maxShare) is { } fitted)
            {
                return fitted with { Variant = variant };
            }
        }

        throw new ImageNoticeException(ImageNoticeError.TooSmall, $"A {width}×{height} image is too small for a legible notice (text at least {options.MinFontPixels} px high).");
    }

    /// <summary>A font of the notice typeface at <paramref name="size"/> pixels, set up as the notice draws it.</summary>
    internal static SKFont Font(float size) => new(NoticeFont.Typeface, size) { Edging = SKFontEdging.Antialias, Subpixel = true };

    /// <summary>The distance between baselines for <paramref name="font"/>.</summary>
    internal static float LineHeight(SKFont font) => font.Spacing;

    private static NoticeLayout? TryFit(int width, int height, ImageNoticeOptions options, string[] lines, float size, double maxShare)
    {
        // Shrink to the width: two passes settle it because padding scales with the size.
        for (var pass = 0; pass < 3; pass++)
        {
            using var font = Font(size);
            var padding = PaddingFor(size);
            var textWidth = lines.Max(l => font.MeasureText(l));
            var available = width - (2 * padding);
            if (textWidth > available)
            {
                size = (float)Math.Floor(size * available / textWidth * 100) / 100;
                if (size < options.MinFontPixels)
                {
                    return null;
                }

                continue;
            }

            var boxHeight = (int)Math.Ceiling((lines.Length * LineHeight(font)) + (2 * padding));
            if (boxHeight > height * maxShare)
            {
                return null;
            }

            var boxWidth = options.Placement == NoticePlacement.Banner ? width : Math.Min(width, (int)Math.Ceiling(textWidth + (2 * padding)));
            return new NoticeLayout(NoticeVariant.Full, lines, size, new NoticeBox(0, height - boxHeight, boxWidth, boxHeight), padding);
        }

        return null;
    }

    private static int PaddingFor(float size) => Math.Max(2, (int)Math.Ceiling(size * 0.45));
}
