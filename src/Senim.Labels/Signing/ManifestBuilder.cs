using System.Formats.Cbor;
using System.Security.Cryptography;
using Senim.Labels.Assertions;
using Senim.Labels.Cose;
using Senim.Labels.Jumbf;
using Senim.Labels.Model;

namespace Senim.Labels.Signing;

/// <summary>
/// Builds one manifest (claim v2, assertions, COSE signature) and the store around it. The store's size
/// depends only on the inputs' sizes, not on the data hash or the signature values, so the asset can be
/// laid out before it is hashed.
/// </summary>
internal sealed class ManifestBuilder
{
    private readonly SigningCredentials credentials;
    private readonly LabelRequest request;
    private readonly string label;
    private readonly string instanceId;
    private readonly IReadOnlyList<ReadOnlyMemory<byte>> history;
    private readonly byte[] protectedHeader;
    private readonly List<(string Label, byte[] Box)> fixedAssertions = [];

    private readonly TimeStampClient? timeStamps;

    public ManifestBuilder(SigningCredentials credentials, TimeStampClient? timeStamps, LabelRequest request, ManifestStore? existing, IReadOnlyList<string> existingFailures)
    {
        this.credentials = credentials;
        this.timeStamps = timeStamps;
        this.request = request;
        label = $"urn:c2pa:{Guid.NewGuid()}";
        instanceId = $"xmp:iid:{Guid.NewGuid()}";
        protectedHeader = CoseSign1.EncodeProtected(credentials.Algorithm, credentials.Chain);
        history = existing is null ? [] : [.. existing.Manifests.Select(m => m.Box.Raw)];

        HashedUri? ingredient = null;
        if (request.Origin == ContentOrigin.Edited)
        {
            HashedUri? activeManifest = null;
            HashedUri? claimSignature = null;
            if (existing is not null && existing.Active.SignatureBox is { } signature)
            {
                var active = existing.Active;
                activeManifest = new HashedUri($"self#jumbf=/c2pa/{active.Label}", SHA256.HashData(active.Box.Payload.Span), null);
                claimSignature = new HashedUri($"self#jumbf=/c2pa/{active.Label}/{signature.Label}", SHA256.HashData(signature.Payload.Span), null);
            }

            var ingredientBox = AssertionBox("c2pa.ingredient.v3", AssertionCbor.ParentIngredient(request.Title, request.MediaType, activeManifest, claimSignature, existingFailures));
            fixedAssertions.Add(("c2pa.ingredient.v3", ingredientBox));
            ingredient = Reference("c2pa.ingredient.v3", ingredientBox);
        }

        fixedAssertions.Insert(0, ("c2pa.actions.v2", AssertionBox("c2pa.actions.v2", AssertionCbor.Actions(request.Origin, request.GeneratorName, request.GeneratorVersion, ingredient))));
        fixedAssertions.Add((SenimAssertion.Label, AssertionBox(SenimAssertion.Label, request.Senim.ToCbor())));
    }

    /// <summary>The new manifest's label.</summary>
    public string Label => label;

    /// <summary>The store for a data hash over <paramref name="hash"/> with these exclusions; a zero hash and signature when <paramref name="sign"/> is false (for sizing).</summary>
    public byte[] BuildStore(IReadOnlyList<(long Start, long Length)> exclusions, ReadOnlySpan<byte> hash, bool sign)
    {
        var assertions = new List<(string Label, byte[] Box)>(fixedAssertions)
        {
            ("c2pa.hash.data", AssertionBox("c2pa.hash.data", AssertionCbor.DataHash(exclusions, hash))),
        };
        var claim = Claim(assertions);
        var signature = sign ? credentials.Sign(CoseSign1.ToBeSigned(protectedHeader, claim)) : new byte[credentials.SignatureLength];
        var unprotected = timeStamps is null ? [0xA0]
            : sign ? timeStamps.Header(protectedHeader, signature)
            : TimeStamps.Placeholder(timeStamps.Reserve);
        var cose = CoseSign1.Encode(protectedHeader, unprotected, signature);

        var assertionBoxes = assertions.Select(a => a.Box).ToArray();
        var manifest = JumbfWriter.Superbox(BoxTypes.Manifest, label,
            JumbfWriter.Superbox(BoxTypes.AssertionStore, "c2pa.assertions", assertionBoxes),
            JumbfWriter.Superbox(BoxTypes.Claim, "c2pa.claim.v2", JumbfWriter.ContentBox(BoxTypes.Cbor, claim)),
            JumbfWriter.Superbox(BoxTypes.ClaimSignature, "c2pa.signature", JumbfWriter.ContentBox(BoxTypes.Cbor, cose)));

        var children = new byte[history.Count + 1][];
        for (var i = 0; i < history.Count; i++)
        {
            children[i] = history[i].ToArray();
        }

        children[^1] = manifest;
        return JumbfWriter.Superbox(BoxTypes.ManifestStore, "c2pa", children);
    }

    private byte[] Claim(List<(string Label, byte[] Box)> assertions)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(7);
        writer.WriteTextString("instanceID");
        writer.WriteTextString(instanceId);
        writer.WriteTextString("claim_generator_info");
        writer.WriteStartMap(2);
        writer.WriteTextString("name");
        writer.WriteTextString(request.GeneratorName);
        writer.WriteTextString("version");
        writer.WriteTextString(request.GeneratorVersion);
        writer.WriteEndMap();
        writer.WriteTextString("signature");
        writer.WriteTextString("self#jumbf=c2pa.signature");
        writer.WriteTextString("created_assertions");
        writer.WriteStartArray(assertions.Count);
        foreach (var (assertionLabel, box) in assertions)
        {
            AssertionCbor.WriteHashedUri(writer, Reference(assertionLabel, box));
        }

        writer.WriteEndArray();
        writer.WriteTextString("gathered_assertions");
        writer.WriteStartArray(0);
        writer.WriteEndArray();
        writer.WriteTextString("dc:title");
        writer.WriteTextString(request.Title);
        writer.WriteTextString("alg");
        writer.WriteTextString("sha256");
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static HashedUri Reference(string assertionLabel, byte[] box) =>
        new($"self#jumbf=c2pa.assertions/{assertionLabel}", SHA256.HashData(box.AsSpan(8)), null);

    private static byte[] AssertionBox(string assertionLabel, byte[] cbor) =>
        JumbfWriter.Superbox(BoxTypes.CborAssertion, assertionLabel, JumbfWriter.ContentBox(BoxTypes.Cbor, cbor));
}
