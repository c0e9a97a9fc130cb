using Senim.Labels.Formats;
using Senim.Labels.Model;
using Senim.Labels.Trust;

namespace Senim.Labels.Validation;

/// <summary>
/// Validates C2PA manifest stores following the specification's validation rules: structure, claim
/// signature, signer credentials against <see cref="TrustSettings"/>, hashed URIs of assertions, the data
/// hash over the asset, and ingredient manifests. Thread-safe; reuse one instance (it caches certificate paths).
/// Bad input never throws: it becomes an Invalid report with a status code and, when the file itself
/// could not be read, a typed <see cref="ValidationReport.Error"/>.
/// </summary>
public sealed class LabelValidator
{
    private readonly ManifestValidator manifests;
    private readonly LabelLimits limits;

    public LabelValidator(TrustSettings trust, TimeProvider? time = null, LabelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(trust);
        this.limits = limits ?? LabelLimits.Default;
        manifests = new ManifestValidator(new ChainChecker(trust), time ?? TimeProvider.System, this.limits);
    }

    /// <summary>Validates the store embedded in a JPEG or PNG (detected from the content).</summary>
    public ValidationReport Validate(Stream asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (!asset.CanSeek)
        {
            throw new LabelException(LabelError.StreamNotSeekable, "The asset stream must support seeking.");
        }

        if (asset.Length > limits.MaxAssetBytes)
        {
            return Failed(LabelError.TooLarge, $"The asset is {asset.Length} bytes, over the limit of {limits.MaxAssetBytes}.");
        }

        asset.Position = 0;
        var format = AssetFormats.Detect(asset);
        if (format == AssetFormat.Sidecar)
        {
            return Failed(LabelError.UnsupportedFormat, "The file is neither JPEG nor PNG; its label, if any, is in a .c2pa sidecar.");
        }

        EmbeddedStore? embedded;
        try
        {
            embedded = AssetReader.FindStore(asset, format, limits);
        }
        catch (LabelException ex)
        {
            return Failed(ex.Error, ex.Message);
        }

        return embedded is null
            ? new ValidationReport { State = ValidationState.NoManifest }
            : ValidateBytes(embedded.Bytes, asset);
    }

    /// <summary>Validates a .c2pa sidecar store; the data hash is checked against <paramref name="asset"/> when given.</summary>
    public ValidationReport ValidateSidecar(Stream sidecar, Stream? asset)
    {
        ArgumentNullException.ThrowIfNull(sidecar);
        if (sidecar.CanSeek && sidecar.Length > limits.MaxManifestStoreBytes)
        {
            return Failed(LabelError.TooLarge, $"The sidecar is {sidecar.Length} bytes, over the limit of {limits.MaxManifestStoreBytes}.");
        }

        if (limits.ReadSidecar(sidecar) is not { } bytes)
        {
            return Failed(LabelError.TooLarge, $"The sidecar is over the limit of {limits.MaxManifestStoreBytes} bytes.");
        }

        if (asset is { CanSeek: false })
        {
            throw new LabelException(LabelError.StreamNotSeekable, "The asset stream must support seeking.");
        }

        if (asset is not null && asset.Length > limits.MaxAssetBytes)
        {
            return Failed(LabelError.TooLarge, $"The asset is {asset.Length} bytes, over the limit of {limits.MaxAssetBytes}.");
        }

        return ValidateBytes(bytes, asset);
    }

    /// <summary>Validates a parsed store; the data hash is checked only when <paramref name="asset"/> is given.</summary>
    public ValidationReport ValidateStore(ManifestStore store, Stream? asset, IReadOnlyList<(long Offset, long Length)>? storeRanges)
    {
        ArgumentNullException.ThrowIfNull(store);
        var notes = new List<string>();
        if (asset is null)
        {
            notes.Add("No asset was given, so the data hash was not checked.");
        }

        var active = manifests.Validate(store, store.Active, asset, isActive: true, [], notes);
        var ingredientFailures = active.CountedIngredientFailures().ToList();
        var failures = active.Statuses.Where(s => !s.Success).Concat(ingredientFailures).Select(s => s.Code).ToList();
        var state = failures.Any(c => c != ValidationCodes.SigningCredentialUntrusted) ? ValidationState.Invalid
            : failures.Count > 0 ? ValidationState.Valid
            : ValidationState.Trusted;
        return new ValidationReport { State = state, Active = active, IngredientFailures = ingredientFailures, ManifestCount = store.Manifests.Count, Notes = notes };
    }

    private ValidationReport ValidateBytes(ReadOnlyMemory<byte> bytes, Stream? asset)
    {
        ManifestStore store;
        try
        {
            store = ManifestStore.Parse(bytes, limits);
        }
        catch (LabelException ex)
        {
            return Failed(ex.Error, ex.Message);
        }

        return ValidateStore(store, asset, null);
    }

    private static ValidationReport Failed(LabelError error, string message) => new()
    {
        State = error == LabelError.NoManifest ? ValidationState.NoManifest : ValidationState.Invalid,
        Error = error,
        Problems = [new ValidationStatus(error is LabelError.MalformedCbor ? ValidationCodes.ClaimMalformed : ValidationCodes.GeneralError, false, null, message)],
    };
}
