namespace Senim.Labels;

/// <summary>
/// Why a label could not be read, written or signed. Every value has a stable code
/// (<see cref="LabelErrors.Code"/>) that a web layer can map to a localized message.
/// </summary>
public enum LabelError
{
    /// <summary>The bytes are not a format Senim can embed a manifest in or read one from.</summary>
    UnsupportedFormat,

    /// <summary>The file's content is a different format than its name says.</summary>
    FormatMismatch,

    /// <summary>The file ends before a structure it declares (a segment, chunk or box) is complete.</summary>
    Truncated,

    /// <summary>A JPEG segment or marker is malformed.</summary>
    MalformedJpeg,

    /// <summary>A PNG chunk is malformed.</summary>
    MalformedPng,

    /// <summary>The JUMBF boxes of the manifest store are malformed (bad sizes, missing description box, nesting).</summary>
    MalformedJumbf,

    /// <summary>A CBOR structure (claim, assertion, signature) is malformed.</summary>
    MalformedCbor,

    /// <summary>The COSE_Sign1 claim signature is malformed.</summary>
    MalformedSignature,

    /// <summary>The manifest store, a box or an assertion is larger than the configured limit or than the asset.</summary>
    TooLarge,

    /// <summary>Boxes or CBOR values are nested deeper, or there are more of them, than the configured limit.</summary>
    TooComplex,

    /// <summary>The asset carries no C2PA manifest store.</summary>
    NoManifest,

    /// <summary>The stream cannot seek; signing reads the asset twice (hash, then copy).</summary>
    StreamNotSeekable,

    /// <summary>The signing key does not belong to the first certificate of the chain.</summary>
    KeyDoesNotMatchCertificate,

    /// <summary>The signing certificate is outside its validity period at signing time.</summary>
    SignerCertificateExpired,

    /// <summary>The signing certificate does not follow the C2PA certificate profile (key usage, extended key usage, CA flag).</summary>
    SignerCertificateInvalid,

    /// <summary>The key or algorithm is not supported for signing.</summary>
    UnsupportedAlgorithm,

    /// <summary>A PEM or DER key, certificate or CRL file could not be read.</summary>
    InvalidCredentialFile,

    /// <summary>A field of the Senim assertion (register number, article) is not in the expected form.</summary>
    InvalidSenimAssertion,

    /// <summary>The existing XMP packet of the asset cannot be extended (malformed, or too large for one segment).</summary>
    InvalidXmp,

    /// <summary>A time-stamp authority's response could not be used.</summary>
    TimeStampFailed,

    /// <summary>A file could not be opened or read.</summary>
    UnreadableFile,
}

/// <summary>Stable codes for <see cref="LabelError"/>.</summary>
public static class LabelErrors
{
    /// <summary>The stable, lower-case dotted code of an error, e.g. <c>labels.format.unsupported</c>.</summary>
    public static string Code(this LabelError error) => error switch
    {
        LabelError.UnsupportedFormat => "labels.format.unsupported",
        LabelError.FormatMismatch => "labels.format.mismatch",
        LabelError.Truncated => "labels.input.truncated",
        LabelError.MalformedJpeg => "labels.jpeg.malformed",
        LabelError.MalformedPng => "labels.png.malformed",
        LabelError.MalformedJumbf => "labels.jumbf.malformed",
        LabelError.MalformedCbor => "labels.cbor.malformed",
        LabelError.MalformedSignature => "labels.signature.malformed",
        LabelError.TooLarge => "labels.input.too-large",
        LabelError.TooComplex => "labels.input.too-complex",
        LabelError.NoManifest => "labels.manifest.none",
        LabelError.StreamNotSeekable => "labels.stream.not-seekable",
        LabelError.KeyDoesNotMatchCertificate => "labels.signer.key-mismatch",
        LabelError.SignerCertificateExpired => "labels.signer.expired",
        LabelError.SignerCertificateInvalid => "labels.signer.invalid",
        LabelError.UnsupportedAlgorithm => "labels.signer.unsupported-algorithm",
        LabelError.InvalidCredentialFile => "labels.credentials.invalid",
        LabelError.InvalidSenimAssertion => "labels.senim-assertion.invalid",
        LabelError.InvalidXmp => "labels.xmp.invalid",
        LabelError.TimeStampFailed => "labels.timestamp.failed",
        LabelError.UnreadableFile => "labels.file.unreadable",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}

/// <summary>A label operation failed for a reason named by <see cref="Error"/>; the message is English detail for logs and the CLI.</summary>
public sealed class LabelException(LabelError error, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What went wrong, as a stable value.</summary>
    public LabelError Error { get; } = error;

    /// <summary>The stable code of <see cref="Error"/>.</summary>
    public string Code => Error.Code();
}
