namespace Senim.Notices;

/// <summary>Why an image could not be given a notice.</summary>
public enum ImageNoticeError
{
    /// <summary>No bytes.</summary>
    Empty,

    /// <summary>More bytes than <see cref="ImageNoticeOptions.MaxInputBytes"/>.</summary>
    TooManyBytes,

    /// <summary>More pixels than <see cref="ImageNoticeOptions.MaxPixels"/> (a decompression bomb, or just too big).</summary>
    TooManyPixels,

    /// <summary>Not a JPEG, PNG or WebP image.</summary>
    UnsupportedFormat,

    /// <summary>The image header was recognised but the image is damaged or truncated.</summary>
    Damaged,

    /// <summary>The image is too small to hold a legible notice.</summary>
    TooSmall,
}

/// <summary>An image was refused; <see cref="Error"/> says why, the message says it for people.</summary>
public sealed class ImageNoticeException(ImageNoticeError error, string message) : Exception(message)
{
    /// <summary>The kind of refusal.</summary>
    public ImageNoticeError Error { get; } = error;
}
