using SkiaSharp;

namespace Senim.Tests.Shared;

/// <summary>Small real images (a gradient, so every pixel differs) for label and notice tests.</summary>
public static class TestImages
{
    public static byte[] Png(int width = 320, int height = 200) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width = 320, int height = 200) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x + y) % 256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
