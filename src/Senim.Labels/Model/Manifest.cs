using Senim.Labels.Jumbf;

namespace Senim.Labels.Model;

/// <summary>
/// One manifest of a store: its label (a URN), its superbox, the assertion boxes by label, and the claim
/// and signature boxes. Parsing is structural; whether the parts are intact is the validator's question.
/// </summary>
public sealed class Manifest
{
    internal Manifest(string label, JumbfBox box, bool isUpdate, JumbfBox? assertionStore, JumbfBox? claimBox, int claimVersion, JumbfBox? signatureBox)
    {
        Label = label;
        Box = box;
        IsUpdate = isUpdate;
        AssertionStore = assertionStore;
        ClaimBox = claimBox;
        ClaimVersion = claimVersion;
        SignatureBox = signatureBox;
    }

    /// <summary>The manifest's label, e.g. "urn:c2pa:3fad1ead-...".</summary>
    public string Label { get; }

    /// <summary>The manifest superbox.</summary>
    public JumbfBox Box { get; }

    /// <summary>Whether this is an update manifest ('c2um').</summary>
    public bool IsUpdate { get; }

    /// <summary>The 'c2as' assertion store box, if present.</summary>
    public JumbfBox? AssertionStore { get; }

    /// <summary>The claim superbox, if present.</summary>
    public JumbfBox? ClaimBox { get; }

    /// <summary>1 for "c2pa.claim", 2 for "c2pa.claim.v2", 0 when there is no claim.</summary>
    public int ClaimVersion { get; }

    /// <summary>The 'c2cs' claim signature superbox, if present.</summary>
    public JumbfBox? SignatureBox { get; }

    /// <summary>The assertion superbox with this label, or null.</summary>
    public JumbfBox? Assertion(string label) => AssertionStore?.Child(label);

    /// <summary>The bytes of the first content box of a superbox (the assertion's or claim's data).</summary>
    public static ReadOnlyMemory<byte>? ContentOf(JumbfBox? superbox)
    {
        if (superbox is null)
        {
            return null;
        }

        foreach (var child in superbox.Children)
        {
            if (child.Description is null)
            {
                return child.Payload;
            }
        }

        return null;
    }
}
