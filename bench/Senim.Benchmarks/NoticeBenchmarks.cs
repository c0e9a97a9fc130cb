using BenchmarkDotNet.Attributes;
using Senim.Notices;
using SkiaSharp;

namespace Senim.Benchmarks;

/// <summary>Drawing the visible notice into images (decode, draw, encode), and the text notices.</summary>
[MemoryDiagnoser]
public class NoticeBenchmarks
{
    private static readonly ImageNoticeOptions Options = new() { RegisterNumber = "KZ-AI-2026-000001" };
    private static readonly Uri Verify = new("https://senim.example.kz/verify?system=KZ-AI-2026-000001");
    private byte[] _jpeg1024 = null!;
    private byte[] _png1024 = null!;
    private byte[] _jpeg4096 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _jpeg1024 = Make(1024, 1024, SKEncodedImageFormat.Jpeg);
        _png1024 = Make(1024, 1024, SKEncodedImageFormat.Png);
        _jpeg4096 = Make(4096, 4096, SKEncodedImageFormat.Jpeg);
    }

    [Benchmark(Description = "notice into a 1024×1024 JPEG")]
    public ImageNoticeResult Jpeg1024() => ImageNotice.Apply(_jpeg1024, Options);

    [Benchmark(Description = "notice into a 1024×1024 PNG")]
    public ImageNoticeResult Png1024() => ImageNotice.Apply(_png1024, Options);

    [Benchmark(Description = "notice into a 4096×4096 JPEG")]
    public ImageNoticeResult Jpeg4096() => ImageNotice.Apply(_jpeg4096, Options);

    [Benchmark(Description = "text notice block (Markdown, three languages)")]
    public string TextBlock() => TextNotice.Block(TextNoticeFormat.Markdown, "KZ-AI-2026-000001", Verify);

    [Benchmark(Description = "HTML badge")]
    public string Badge() => HtmlBadge.Render("KZ-AI-2026-000001", Verify);

    private static byte[] Make(int width, int height, SKEncodedImageFormat format)
    {
        // A photo-like gradient with noise, so the codecs have real work to do.
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(42);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var n = random.Next(24);
                bitmap.SetPixel(x, y, new SKColor((byte)((x * 255 / width) ^ n), (byte)((y * 255 / height) ^ n), (byte)(128 + n)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
