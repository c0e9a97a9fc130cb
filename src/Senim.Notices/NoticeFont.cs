using SkiaSharp;

namespace Senim.Notices;

/// <summary>
/// The typeface notices are drawn in: DejaVu Sans Bold, shipped inside this assembly (Bitstream Vera
/// licence, see Fonts/DejaVu-LICENSE.txt), so every Kazakh and Russian letter renders the same on any
/// machine, with or without system fonts.
/// </summary>
public static class NoticeFont
{
    /// <summary>The letters of the Kazakh alphabet that Russian lacks, both cases.</summary>
    public const string KazakhLetters = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";

    private static readonly Lazy<SKTypeface> Loaded = new(Load);

    /// <summary>The bundled typeface.</summary>
    public static SKTypeface Typeface => Loaded.Value;

    /// <summary>Whether the typeface has a glyph for every character of <paramref name="text"/>.</summary>
    public static bool Covers(string text)
    {
        using var font = new SKFont(Typeface, 12);
        return font.ContainsGlyphs(text);
    }

    private static SKTypeface Load()
    {
        using var stream = typeof(NoticeFont).Assembly.GetManifestResourceStream("Senim.Notices.DejaVuSans-Bold.ttf")
            ?? throw new InvalidOperationException("The notice font is missing from the Senim.Notices assembly.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("The notice font could not be loaded.");
    }
}
