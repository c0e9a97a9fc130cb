using SkiaSharp;

namespace Senim.Notices;

/// <summary>WCAG 2.x contrast between two opaque colours (relative luminance, sRGB).</summary>
public static class Contrast
{
    /// <summary>The least contrast a notice accepts (WCAG AA for normal text).</summary>
    public const double Minimum = 4.5;

    /// <summary>The contrast ratio, from 1 (same luminance) to 21 (black on white).</summary>
    public static double Ratio(SKColor a, SKColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>Relative luminance (WCAG 2.x definition).</summary>
    public static double Luminance(SKColor color) =>
        (0.2126 * Linear(color.Red)) + (0.7152 * Linear(color.Green)) + (0.0722 * Linear(color.Blue));

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
