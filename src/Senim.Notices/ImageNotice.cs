using SkiaSharp;

namespace Senim.Notices;

/// <summary>The image formats a notice can be drawn into; the output has the input's format.</summary>
public enum NoticeImageFormat
{
    /// <summary>JPEG (re-encoded at <see cref="ImageNoticeOptions.JpegQuality"/>).</summary>
    Jpeg,

    /// <summary>PNG (lossless).</summary>
    Png,

    /// <summary>WebP (lossy, at <see cref="ImageNoticeOptions.WebpQuality"/>).</summary>
    Webp,
}

/// <summary>An image with its notice drawn in.</summary>
/// <param name="Image">The encoded image, in <paramref name="Format"/>.</param>
/// <param name="Format">The same format as the input.</param>
/// <param name="Width">Width in pixels (upright: EXIF orientation applied).</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Layout">What was drawn where.</param>
public sealed record ImageNoticeResult(byte[] Image, NoticeImageFormat Format, int Width, int Height, NoticeLayout Layout);

/// <summary>
/// Draws a visible AI-content notice into a JPEG, PNG or WebP image before it is signed: white text on a
/// solid near-black backing, sized to the image (see <see cref="NoticeLayout"/>). The image's size is read
/// from its header and checked against the pixel limit before anything is decoded; damaged, truncated and
/// unsupported images are refused with a clear error. A JPEG's EXIF orientation is applied, so the notice
/// sits at the bottom of the picture as people see it; metadata is not carried over.
/// </summary>
public static class ImageNotice
{
    /// <summary>Draws the notice and re-encodes the image in its own format.</summary>
    /// <exception cref="ImageNoticeException">The image was refused; the error says why.</exception>
    /// <exception cref="ArgumentException">The options are invalid (colours, quality, register number).</exception>
    public static ImageNoticeResult Apply(ReadOnlySpan<byte> image, ImageNoticeOptions? options = null)
    {
        options ??= new ImageNoticeOptions();
        options.Validate();
        if (image.IsEmpty)
        {
            throw new ImageNoticeException(ImageNoticeError.Empty, "The image is empty.");
        }

        if (image.Length > options.MaxInputBytes)
        {
            throw new ImageNoticeException(ImageNoticeError.TooManyBytes, $"The image is {image.Length:N0} bytes; at most {options.MaxInputBytes:N0} are accepted.");
        }

        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(new SKMemoryStream(data), out var created);
        if (codec is null)
        {
            throw Signature(image) is { } known
                ? new ImageNoticeException(ImageNoticeError.Damaged, $"The {known} image's header is damaged or truncated ({created}).")
                : new ImageNoticeException(ImageNoticeError.UnsupportedFormat, "The file is not a JPEG, PNG or WebP image.");
        }

        var format = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => NoticeImageFormat.Jpeg,
            SKEncodedImageFormat.Png => NoticeImageFormat.Png,
            SKEncodedImageFormat.Webp => NoticeImageFormat.Webp,
            var other => throw new ImageNoticeException(ImageNoticeError.UnsupportedFormat, $"The image is {other}; notices are drawn into JPEG, PNG and WebP images."),
        };

        if (codec.FrameCount > 1)
        {
            throw new ImageNoticeException(ImageNoticeError.UnsupportedFormat, $"The {format} image is animated ({codec.FrameCount} frames); notices are drawn into still images only.");
        }

        var info = codec.Info;
        var pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageNoticeException(ImageNoticeError.Damaged, "The image header gives no size.");
        }

        if (pixels > options.MaxPixels)
        {
            throw new ImageNoticeException(ImageNoticeError.TooManyPixels, $"The image is {info.Width:N0}×{info.Height:N0} pixels ({pixels:N0}); at most {options.MaxPixels:N0} are accepted.");
        }

        var origin = codec.EncodedOrigin;
        var (uprightWidth, uprightHeight) = SwapsAxes(origin) ? (info.Height, info.Width) : (info.Width, info.Height);
        var layout = NoticeLayout.Compute(uprightWidth, uprightHeight, options);

        var decodeInfo = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, format == NoticeImageFormat.Jpeg ? SKAlphaType.Opaque : SKAlphaType.Premul, info.ColorSpace);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new ImageNoticeException(ImageNoticeError.Damaged, result == SKCodecResult.IncompleteInput
                ? "The image is truncated: its pixel data ends early."
                : $"The image's pixel data is damaged ({result}).");
        }

        using var upright = Orient(decoded, origin);
        Draw(upright, layout, options);
        return new ImageNoticeResult(Encode(upright, format, options), format, upright.Width, upright.Height, layout);
    }

    private static void Draw(SKBitmap bitmap, NoticeLayout layout, ImageNoticeOptions options)
    {
        using var canvas = new SKCanvas(bitmap);
        var box = SKRect.Create(layout.Box.X, layout.Box.Y, layout.Box.Width, layout.Box.Height);

        // Whole-pixel box without anti-aliasing, and the text clipped to it: no pixel outside changes.
        canvas.ClipRect(box, SKClipOperation.Intersect, antialias: false);
        using (var backing = new SKPaint { Color = options.Background, IsAntialias = false, Style = SKPaintStyle.Fill })
        {
            canvas.DrawRect(box, backing);
        }

        using var font = NoticeLayout.Font(layout.FontSize);
        using var text = new SKPaint { Color = options.Foreground, IsAntialias = true };
        var lineHeight = NoticeLayout.LineHeight(font);
        var baseline = layout.Box.Y + layout.Padding - font.Metrics.Ascent;
        foreach (var line in layout.Lines)
        {
            var x = options.Placement == NoticePlacement.Banner
                ? layout.Box.X + ((layout.Box.Width - font.MeasureText(line)) / 2)
                : layout.Box.X + layout.Padding;
            canvas.DrawText(line, x, baseline, SKTextAlign.Left, font, text);
            baseline += lineHeight;
        }
    }

    private static byte[] Encode(SKBitmap bitmap, NoticeImageFormat format, ImageNoticeOptions options)
    {
        using var pixmap = bitmap.PeekPixels();
        using var encoded = format switch
        {
            NoticeImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(options.JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
            NoticeImageFormat.Png => pixmap.Encode(SKPngEncoderOptions.Default),
            _ => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, options.WebpQuality)),
        };
        return encoded?.ToArray() ?? throw new InvalidOperationException($"SkiaSharp could not encode the {format} image.");
    }

    /// <summary>The format a file's first bytes announce, whether or not the rest is sound.</summary>
    private static string? Signature(ReadOnlySpan<byte> image)
    {
        if (image.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "PNG";
        }

        if (image.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "JPEG";
        }

        return image.Length >= 12 && image.StartsWith("RIFF"u8) && image[8..12].SequenceEqual("WEBP"u8) ? "WebP" : null;
    }

    private static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The bitmap as it is meant to be seen (EXIF orientation 1-8 applied).</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return source.Copy();
        }

        var (w, h) = (source.Width, source.Height);
        var swap = SwapsAxes(origin);
        var target = new SKBitmap(source.Info.WithSize(swap ? h : w, swap ? w : h));
        using var canvas = new SKCanvas(target);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1), // LeftBottom
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default, null);
        return target;
    }
}
