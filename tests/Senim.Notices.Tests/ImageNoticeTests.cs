using Senim.Notices.Tests.Support;
using SkiaSharp;

namespace Senim.Notices.Tests;

public class ImageNoticeTests
{
    [Theory]
    [InlineData(NoticePlacement.Banner)]
    [InlineData(NoticePlacement.Corner)]
    public void The_notice_changes_every_pixel_of_its_box_and_no_pixel_outside_it(NoticePlacement placement)
    {
        var input = Images.Make(800, 600);
        var result = ImageNotice.Apply(input, new ImageNoticeOptions { Placement = placement, RegisterNumber = "KZ-AI-2026-000001" });
        using var before = Images.Decode(input);
        using var after = Images.Decode(result.Image);
        Assert.Equal((800, 600), (after.Width, after.Height));

        var box = result.Layout.Box;
        Assert.Equal(600, box.Y + box.Height); // on the bottom edge
        Assert.Equal(0, box.X);
        if (placement == NoticePlacement.Banner)
        {
            Assert.Equal(800, box.Width);
        }
        else
        {
            Assert.InRange(box.Width, 100, 799);
        }

        var (inside, changedInside, changedOutside, text) = (0, 0, 0, 0);
        for (var y = 0; y < 600; y++)
        {
            for (var x = 0; x < 800; x++)
            {
                var isInside = x >= box.X && x < box.X + box.Width && y >= box.Y && y < box.Y + box.Height;
                var changed = before.GetPixel(x, y) != after.GetPixel(x, y);
                if (isInside)
                {
                    inside++;
                    changedInside += changed ? 1 : 0;
                    text += after.GetPixel(x, y) == SKColors.White ? 1 : 0;
                }
                else
                {
                    changedOutside += changed ? 1 : 0;
                }
            }
        }

        Assert.Equal(0, changedOutside);
        Assert.Equal(inside, changedInside);
        Assert.InRange(text, inside / 50, inside / 2); // white text covers part of the backing, not all of it
        Assert.Equal(new SKColor(0x11, 0x11, 0x11), after.GetPixel(box.X, box.Y)); // the backing's corner
    }

    [Fact]
    public void The_full_notice_names_the_system_in_three_languages()
    {
        var result = ImageNotice.Apply(Images.Make(1200, 900), new ImageNoticeOptions { RegisterNumber = "KZ-AI-2026-000001" });
        Assert.Equal(NoticeVariant.Full, result.Layout.Variant);
        Assert.Equal(
            ["Жасанды интеллект жасаған", "Создано искусственным интеллектом", "AI-generated", "Тізілім / Реестр / Register: KZ-AI-2026-000001"],
            result.Layout.Lines);
        Assert.Equal(22.5f, result.Layout.FontSize);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, NoticeImageFormat.Jpeg, new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData(SKEncodedImageFormat.Png, NoticeImageFormat.Png, new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData(SKEncodedImageFormat.Webp, NoticeImageFormat.Webp, new byte[] { 0x52, 0x49, 0x46, 0x46 })]
    public void The_output_has_the_input_format_and_size(SKEncodedImageFormat input, NoticeImageFormat expected, byte[] magic)
    {
        var result = ImageNotice.Apply(Images.Make(320, 240, input));
        Assert.Equal(expected, result.Format);
        Assert.Equal(magic, result.Image[..magic.Length]);
        using var decoded = Images.Decode(result.Image);
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));
        Assert.Equal((320, 240), (result.Width, result.Height));
    }

    [Fact]
    public void The_JPEG_quality_setting_is_used()
    {
        var input = Images.Make(400, 300, SKEncodedImageFormat.Jpeg);
        var low = ImageNotice.Apply(input, new ImageNoticeOptions { JpegQuality = 20 });
        var high = ImageNotice.Apply(input, new ImageNoticeOptions { JpegQuality = 98 });
        Assert.True(low.Image.Length * 2 < high.Image.Length, $"quality 20: {low.Image.Length} bytes, quality 98: {high.Image.Length} bytes");
    }

    [Fact]
    public void A_rotated_JPEG_gets_its_notice_at_the_bottom_as_people_see_it()
    {
        var stored = Images.Make(300, 200, SKEncodedImageFormat.Jpeg);
        var result = ImageNotice.Apply(Images.WithExifOrientation(stored, 6));
        Assert.Equal((200, 300), (result.Width, result.Height));
        using var decoded = Images.Decode(result.Image);
        Assert.Equal((200, 300), (decoded.Width, decoded.Height));
        Assert.Equal(300, result.Layout.Box.Y + result.Layout.Box.Height);
        Assert.Equal(200, result.Layout.Box.Width);
    }

    [Fact]
    public void The_text_grows_with_the_image()
    {
        var sizes = new[] { 1000, 2000, 4000 }.Select(s => NoticeLayout.Compute(s, s, new ImageNoticeOptions())).ToList();
        Assert.Equal([25f, 50f, 100f], sizes.Select(l => l.FontSize));
        Assert.All(sizes, l => Assert.Equal(NoticeVariant.Full, l.Variant));
        Assert.InRange(sizes[1].Box.Height / (double)sizes[0].Box.Height, 1.95, 2.05);
        Assert.InRange(sizes[2].Box.Height / (double)sizes[1].Box.Height, 1.95, 2.05);
    }

    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var side in new[] { 64, 80, 128, 200, 320, 480, 640, 1024, 1920, 4000, 8000 })
        {
            data.Add(side, side);
            data.Add(side, Math.Max(64, side * 9 / 16));
            data.Add(Math.Max(64, side * 9 / 16), side);
            data.Add(side * 3, side);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_size_from_64_to_8000_pixels_gets_a_legible_notice_inside_the_image(int width, int height)
    {
        var layout = NoticeLayout.Compute(width, height, new ImageNoticeOptions { RegisterNumber = "KZ-AI-2026-000001" });
        Assert.InRange(layout.FontSize, 10f, 400f);
        Assert.InRange(layout.Box.Height, 1, (int)(height * 0.4));
        Assert.Equal(height, layout.Box.Y + layout.Box.Height);
        Assert.InRange(layout.Box.Width, 1, width);
        using var font = new SKFont(NoticeFont.Typeface, layout.FontSize);
        Assert.All(layout.Lines, line => Assert.True(font.MeasureText(line) <= width - (2 * layout.Padding), line));
        if (Math.Min(width, height) >= 480)
        {
            Assert.Equal(NoticeVariant.Full, layout.Variant);
        }
    }

    [Fact]
    public void The_smallest_images_get_the_abbreviation()
    {
        var layout = NoticeLayout.Compute(64, 64, new ImageNoticeOptions());
        Assert.Equal(NoticeVariant.Minimal, layout.Variant);
        Assert.Equal(["ЖИ"], layout.Lines);
        Assert.Equal(10f, layout.FontSize);

        var english = NoticeLayout.Compute(64, 64, new ImageNoticeOptions { Languages = [NoticeLanguage.En] });
        Assert.Equal(["AI"], english.Lines);
    }

    [Fact]
    public void An_image_too_small_for_legible_text_is_refused()
    {
        var ex = Assert.Throws<ImageNoticeException>(() => ImageNotice.Apply(Images.Make(24, 24)));
        Assert.Equal(ImageNoticeError.TooSmall, ex.Error);
        Assert.Equal("A 24×24 image is too small for a legible notice (text at least 10 px high).", ex.Message);
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header_before_decoding()
    {
        var bomb = Images.PngClaiming(100_000, 100_000);
        Assert.InRange(bomb.Length, 1, 200);
        var ex = Assert.Throws<ImageNoticeException>(() => ImageNotice.Apply(bomb));
        Assert.Equal(ImageNoticeError.TooManyPixels, ex.Error);
        Assert.Equal("The image is 100,000×100,000 pixels (10,000,000,000); at most 67,108,864 are accepted.", ex.Message);
    }

    [Fact]
    public void The_pixel_limit_is_exact()
    {
        var options = new ImageNoticeOptions { MaxPixels = 100 * 100 };
        Assert.Equal(100, ImageNotice.Apply(Images.Make(100, 100), options).Width);
        var ex = Assert.Throws<ImageNoticeException>(() => ImageNotice.Apply(Images.Make(101, 100), options));
        Assert.Equal(ImageNoticeError.TooManyPixels, ex.Error);
    }

    [Fact]
    public void Oversize_input_is_refused_before_it_is_parsed()
    {
        var ex = Assert.Throws<ImageNoticeException>(() => ImageNotice.Apply(Images.Make(100, 100), new ImageNoticeOptions { MaxInputBytes = 100 }));
        Assert.Equal(ImageNoticeError.TooManyBytes, ex.Error);
    }

    public static TheoryData<string, byte[], ImageNoticeError> Hostile()
    {
        var png = Images.Make(200, 200);
        var jpeg = Images.Make(200, 200, SKEncodedImageFormat.Jpeg);
        return new()
        {
            { "empty", [], ImageNoticeError.Empty },
            { "text", "not an image at all"u8.ToArray(), ImageNoticeError.UnsupportedFormat },
            { "random", [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251))], ImageNoticeError.UnsupportedFormat },
            { "gif", [.. "GIF89a"u8.ToArray(), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B], ImageNoticeError.UnsupportedFormat },
            { "png signature only", png[..8], ImageNoticeError.Damaged },
            { "png cut in half", png[..(png.Length / 2)], ImageNoticeError.Damaged },
            { "jpeg cut in half", jpeg[..(jpeg.Length / 2)], ImageNoticeError.Damaged },
            { "png zero size", Images.PngClaiming(0, 0), ImageNoticeError.Damaged },
            { "png header without data", Images.PngClaiming(100, 100)[..33], ImageNoticeError.Damaged },
        };
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Malformed_and_truncated_images_are_refused_with_a_reason(string name, byte[] image, ImageNoticeError error)
    {
        var ex = Assert.Throws<ImageNoticeException>(() => ImageNotice.Apply(image));
        Assert.True(error == ex.Error, $"{name}: {ex.Error}: {ex.Message}");
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void An_animated_WebP_is_refused_rather_than_flattened()
    {
        var animated = Images.AnimatedWebp(96, 96);
        using (var codec = SKCodec.Create(new SKMemoryStream(SKData.CreateCopy(animated))))
        {
            Assert.Equal(2, codec.FrameCount);
        }

        var ex = Assert.Throws<ImageNoticeException>(() => ImageNotice.Apply(animated));
        Assert.Equal(ImageNoticeError.UnsupportedFormat, ex.Error);
        Assert.Equal("The Webp image is animated (2 frames); notices are drawn into still images only.", ex.Message);
    }

    [Fact]
    public void Low_contrast_or_translucent_colours_are_refused()
    {
        var grey = Assert.Throws<ArgumentException>(() => ImageNotice.Apply(Images.Make(100, 100), new ImageNoticeOptions { Foreground = new SKColor(0x77, 0x77, 0x77), Background = new SKColor(0x44, 0x44, 0x44) }));
        Assert.Contains("contrast of 2.", grey.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ImageNotice.Apply(Images.Make(100, 100), new ImageNoticeOptions { Background = new SKColor(0, 0, 0, 128) }));
        Assert.Throws<ArgumentException>(() => ImageNotice.Apply(Images.Make(100, 100), new ImageNoticeOptions { RegisterNumber = "KZ-AI-26-1" }));
    }

    [Fact]
    public void The_default_colours_have_a_contrast_of_18_9()
    {
        var options = new ImageNoticeOptions();
        Assert.Equal(18.88, Math.Round(Contrast.Ratio(options.Foreground, options.Background), 2));
        Assert.Equal(21, Contrast.Ratio(SKColors.White, SKColors.Black), 6);
        Assert.Equal(1, Contrast.Ratio(SKColors.Red, SKColors.Red), 6);
    }
}
