using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Labels;
using SkiaSharp;

namespace Senim.Web.Tests.Labels;

/// <summary>What the labelling tests check in a file they got back: its label (with Senim's verifier) and the drawn notice.</summary>
public static class LabelChecks
{
    /// <summary>Senim's verdict on a file, read against the host's trust list and register.</summary>
    public static async Task<LabelVerdict> VerifyAsync(IServiceProvider services, byte[] file)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LabelService>().VerifyAsync(new MemoryStream(file), null, "labelled.png");
    }

    /// <summary>
    /// The share of a row <paramref name="fromBottom"/> pixels above the bottom edge (below the notice's text)
    /// that is the notice's near-black backing (#111111). The test images are gradients whose bottom rows are
    /// bright green, so an image without the notice scores 0 there and one with the banner close to 1.
    /// </summary>
    public static double NoticeShare(byte[] image, int fromBottom = 3)
    {
        using var bitmap = SKBitmap.Decode(image) ?? throw new InvalidOperationException("the file is not an image Skia decodes");
        var y = bitmap.Height - 1 - fromBottom;
        var hits = 0;
        for (var x = 0; x < bitmap.Width; x++)
        {
            var pixel = bitmap.GetPixel(x, y);
            bool Near(byte value, byte target) => Math.Abs(value - target) <= 40;
            if (Near(pixel.Red, 0x11) && Near(pixel.Green, 0x11) && Near(pixel.Blue, 0x11))
            {
                hits++;
            }
        }

        return hits / (double)bitmap.Width;
    }
}
