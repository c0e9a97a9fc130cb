using System.Security.Cryptography;
using Senim.Labels.Formats;
using Senim.Labels.Formats.Jpeg;
using Senim.Labels.Formats.Png;
using Senim.Labels.Model;
using Senim.Labels.Validation;

namespace Senim.Labels.Signing;

/// <summary>
/// Signs assets with C2PA manifests: embedded in JPEG (APP11) and PNG (caBX), or as a .c2pa sidecar for any
/// other file. The XMP digital source type is written before the asset is hashed. The input is read twice
/// (hash, then copy) in bounded chunks, so memory does not grow with the asset.
/// </summary>
public sealed class LabelSigner
{
    private readonly SigningCredentials credentials;
    private readonly TimeProvider time;
    private readonly LabelLimits limits;

    private readonly TimeStampClient? timeStamps;

    /// <summary>A signer; with <paramref name="timeStamps"/> every signature gets an RFC 3161 time-stamp (sigTst2).</summary>
    public LabelSigner(SigningCredentials credentials, TimeProvider? time = null, LabelLimits? limits = null, TimeStampClient? timeStamps = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        this.credentials = credentials;
        this.timeStamps = timeStamps;
        this.time = time ?? TimeProvider.System;
        this.limits = limits ?? LabelLimits.Default;
    }

    /// <summary>
    /// Writes <paramref name="input"/> (JPEG or PNG, by content) to <paramref name="output"/> with a new manifest.
    /// An existing store is kept: its manifests stay in the new store (for an edit, its active manifest becomes the parent ingredient).
    /// </summary>
    public SignResult SignEmbedded(Stream input, Stream output, LabelRequest request)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        Prepare(input, request);
        var format = AssetFormats.Detect(input);
        var digitalSourceType = request.Origin == Assertions.ContentOrigin.Created ? Assertions.DigitalSourceTypes.TrainedAlgorithmicMedia : Assertions.DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia;
        var plan = format switch
        {
            AssetFormat.Jpeg => JpegContainer.Plan(input, digitalSourceType, limits),
            AssetFormat.Png => PngContainer.Plan(input, digitalSourceType, limits),
            _ => throw new LabelException(LabelError.UnsupportedFormat, "Only JPEG and PNG can carry an embedded label; sign other files with a sidecar."),
        };

        var (existing, failures, notes) = ReadExisting(plan.ExistingStore, request);
        var builder = new ManifestBuilder(credentials, timeStamps, request, existing, failures);
        var slotStart = AssetLayout.SlotOffset(plan.PiecesAroundSlot);
        long wrapped = 0;
        byte[] store = [];
        for (var attempt = 0; attempt < 8; attempt++)
        {
            store = builder.BuildStore([(slotStart, wrapped)], new byte[32], sign: false);
            var needed = plan.WrappedLength(store.Length);
            if (needed == wrapped)
            {
                break;
            }

            wrapped = needed;
        }

        var pieces = plan.WithStoreLength(store.Length);
        var hash = AssetLayout.Hash(input, pieces, HashAlgorithmName.SHA256);
        var signed = builder.BuildStore([(slotStart, wrapped)], hash, sign: true);
        if (signed.Length != store.Length || plan.WrappedLength(signed.Length) != wrapped)
        {
            throw new InvalidOperationException("The signed manifest store changed size after the asset was laid out.");
        }

        AssetLayout.Write(input, pieces, plan.Wrap(signed), output);
        return new SignResult(builder.Label, signed.Length, notes);
    }

    /// <summary>Writes a .c2pa sidecar manifest store for <paramref name="asset"/> (any format; the asset is not changed).</summary>
    public SignResult SignSidecar(Stream asset, Stream sidecar, LabelRequest request, Stream? existingSidecar = null)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(sidecar);
        ArgumentNullException.ThrowIfNull(request);
        Prepare(asset, request);
        ReadOnlyMemory<byte>? existingBytes = existingSidecar is null ? null : ReadBounded(existingSidecar);
        var (existing, failures, notes) = ReadExisting(existingBytes, request);
        var builder = new ManifestBuilder(credentials, timeStamps, request, existing, failures);
        var hash = AssetLayout.Hash(asset, [new SourceRange(0, asset.Length)], HashAlgorithmName.SHA256);
        var store = builder.BuildStore([], hash, sign: true);
        sidecar.Write(store);
        return new SignResult(builder.Label, store.Length, notes);
    }

    private void Prepare(Stream input, LabelRequest request)
    {
        request.Senim.Validate();
        if (!input.CanSeek)
        {
            throw new LabelException(LabelError.StreamNotSeekable, "Signing reads the asset twice; pass a seekable stream (a file, or a buffered upload).");
        }

        if (input.Length > limits.MaxAssetBytes)
        {
            throw new LabelException(LabelError.TooLarge, $"The asset is {input.Length} bytes, over the limit of {limits.MaxAssetBytes}.");
        }

        var now = time.GetUtcNow();
        var leaf = credentials.Chain[0];
        if (now < new DateTimeOffset(leaf.NotBefore.ToUniversalTime()) || now > new DateTimeOffset(leaf.NotAfter.ToUniversalTime()))
        {
            throw new LabelException(LabelError.SignerCertificateExpired, $"The signing certificate '{leaf.Subject}' is valid from {leaf.NotBefore.ToUniversalTime():u} to {leaf.NotAfter.ToUniversalTime():u}, not at {now:u}.");
        }

        input.Position = 0;
    }

    private (ManifestStore? Store, IReadOnlyList<string> Failures, IReadOnlyList<string> Notes) ReadExisting(ReadOnlyMemory<byte>? bytes, LabelRequest request)
    {
        if (bytes is not { } data)
        {
            return (null, [], []);
        }

        try
        {
            var store = ManifestStore.Parse(data, limits);
            if (request.Origin == Assertions.ContentOrigin.Created)
            {
                return (store, [], ["The asset already carried a manifest store; its manifests are kept and the new manifest is the active one."]);
            }

            var report = new LabelValidator(Trust.TrustSettings.None, time, limits).ValidateStore(store, null, null);
            var failures = report.Statuses.Where(s => !s.Success && s.Code != ValidationCodes.SigningCredentialUntrusted).Select(s => s.Code).Distinct().ToList();
            return (store, failures, []);
        }
        catch (LabelException ex)
        {
            return (null, [], [$"The asset's existing manifest store could not be read ({ex.Message}); it was replaced."]);
        }
    }

    private ReadOnlyMemory<byte> ReadBounded(Stream stream) =>
        limits.ReadSidecar(stream) ?? throw new LabelException(LabelError.TooLarge, $"The sidecar is larger than {limits.MaxManifestStoreBytes} bytes.");
}
