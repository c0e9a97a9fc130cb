using Senim.Labels.Jumbf;

namespace Senim.Labels.Model;

/// <summary>
/// A parsed C2PA manifest store: its manifests in order; the last one is the active manifest.
/// Holds the store bytes it was parsed from.
/// </summary>
public sealed class ManifestStore
{
    private ManifestStore(ReadOnlyMemory<byte> bytes, JumbfBox box, IReadOnlyList<Manifest> manifests)
    {
        Bytes = bytes;
        Box = box;
        Manifests = manifests;
    }

    /// <summary>The store as read (one JUMBF superbox).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The store superbox.</summary>
    public JumbfBox Box { get; }

    /// <summary>Every manifest, in store order.</summary>
    public IReadOnlyList<Manifest> Manifests { get; }

    /// <summary>The active manifest: the last one in the store.</summary>
    public Manifest Active => Manifests[^1];

    /// <summary>The manifest with this label, or null.</summary>
    public Manifest? Find(string label)
    {
        foreach (var manifest in Manifests)
        {
            if (manifest.Label == label)
            {
                return manifest;
            }
        }

        return null;
    }

    /// <summary>Parses a manifest store; throws <see cref="LabelException"/> when it is not one.</summary>
    public static ManifestStore Parse(ReadOnlyMemory<byte> bytes, LabelLimits? limits = null)
    {
        limits ??= LabelLimits.Default;
        if (bytes.Length > limits.MaxManifestStoreBytes)
        {
            throw new LabelException(LabelError.TooLarge, $"The manifest store is {bytes.Length} bytes, over the limit of {limits.MaxManifestStoreBytes}.");
        }

        var box = JumbfParser.Parse(bytes, limits);
        if (!box.IsSuperboxOf(BoxTypes.ManifestStore))
        {
            throw new LabelException(LabelError.MalformedJumbf, $"The JUMBF box labelled '{box.Label}' is not a C2PA manifest store.");
        }

        var manifests = new List<Manifest>();
        foreach (var child in box.Children)
        {
            var isStandard = child.IsSuperboxOf(BoxTypes.Manifest);
            var isUpdate = child.IsSuperboxOf(BoxTypes.UpdateManifest);
            if (!isStandard && !isUpdate)
            {
                continue;
            }

            if (manifests.Count >= limits.MaxManifests)
            {
                throw new LabelException(LabelError.TooComplex, $"The store has more than {limits.MaxManifests} manifests.");
            }

            manifests.Add(ReadManifest(child, isUpdate));
        }

        if (manifests.Count == 0)
        {
            throw new LabelException(LabelError.NoManifest, "The manifest store holds no manifest.");
        }

        return new ManifestStore(bytes, box, manifests);
    }

    private static Manifest ReadManifest(JumbfBox box, bool isUpdate)
    {
        if (box.Label is not { Length: > 0 } label)
        {
            throw new LabelException(LabelError.MalformedJumbf, "A manifest has no label.");
        }

        JumbfBox? assertions = null;
        JumbfBox? claim = null;
        JumbfBox? signature = null;
        var claimVersion = 0;
        foreach (var child in box.Children)
        {
            if (child.IsSuperboxOf(BoxTypes.AssertionStore))
            {
                assertions ??= child;
            }
            else if (child.IsSuperboxOf(BoxTypes.Claim))
            {
                if (claim is not null)
                {
                    claimVersion = -1;
                    continue;
                }

                claim = child;
                claimVersion = child.Label == "c2pa.claim.v2" ? 2 : 1;
            }
            else if (child.IsSuperboxOf(BoxTypes.ClaimSignature))
            {
                signature ??= child;
            }
        }

        return new Manifest(label, box, isUpdate, assertions, claim, claimVersion, signature);
    }
}
