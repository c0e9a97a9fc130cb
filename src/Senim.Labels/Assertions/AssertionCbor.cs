using System.Formats.Cbor;
using Senim.Labels.Model;

namespace Senim.Labels.Assertions;

/// <summary>The CBOR of the standard assertions Senim writes: actions v2, data hash, ingredient v3.</summary>
internal static class AssertionCbor
{
    /// <summary>c2pa.actions.v2 for created content, or for an edit of <paramref name="parentIngredient"/>.</summary>
    public static byte[] Actions(ContentOrigin origin, string generatorName, string generatorVersion, HashedUri? parentIngredient)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(1);
        writer.WriteTextString("actions");
        if (origin == ContentOrigin.Created)
        {
            writer.WriteStartArray(1);
            WriteAction(writer, "c2pa.created", DigitalSourceTypes.TrainedAlgorithmicMedia, generatorName, generatorVersion, null);
        }
        else
        {
            writer.WriteStartArray(2);
            WriteAction(writer, "c2pa.opened", null, generatorName, generatorVersion, parentIngredient);
            WriteAction(writer, "c2pa.edited", DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia, generatorName, generatorVersion, null);
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>c2pa.hash.data: SHA-256 over the asset without the exclusion ranges; "pad" keeps room for nothing (empty).</summary>
    public static byte[] DataHash(IReadOnlyList<(long Start, long Length)> exclusions, ReadOnlySpan<byte> hash)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(5);
        writer.WriteTextString("exclusions");
        writer.WriteStartArray(exclusions.Count);
        foreach (var (start, length) in exclusions)
        {
            writer.WriteStartMap(2);
            writer.WriteTextString("start");
            writer.WriteInt64(start);
            writer.WriteTextString("length");
            writer.WriteInt64(length);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteTextString("name");
        writer.WriteTextString("jumbf manifest");
        writer.WriteTextString("alg");
        writer.WriteTextString("sha256");
        writer.WriteTextString("hash");
        writer.WriteByteString(hash);
        writer.WriteTextString("pad");
        writer.WriteByteString([]);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>c2pa.ingredient.v3 for the asset that was edited, with its manifest when it had one.</summary>
    public static byte[] ParentIngredient(string title, string format, HashedUri? activeManifest, HashedUri? claimSignature, IReadOnlyList<string> failureCodes)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        var hasManifest = activeManifest is not null && claimSignature is not null;
        writer.WriteStartMap(hasManifest ? 6 : 3);
        writer.WriteTextString("dc:title");
        writer.WriteTextString(title);
        writer.WriteTextString("dc:format");
        writer.WriteTextString(format);
        writer.WriteTextString("relationship");
        writer.WriteTextString("parentOf");
        if (hasManifest)
        {
            writer.WriteTextString("activeManifest");
            WriteHashedUri(writer, activeManifest!);
            writer.WriteTextString("claimSignature");
            WriteHashedUri(writer, claimSignature!);
            writer.WriteTextString("validationResults");
            writer.WriteStartMap(1);
            writer.WriteTextString("activeManifest");
            writer.WriteStartMap(3);
            writer.WriteTextString("success");
            writer.WriteStartArray(0);
            writer.WriteEndArray();
            writer.WriteTextString("informational");
            writer.WriteStartArray(0);
            writer.WriteEndArray();
            writer.WriteTextString("failure");
            writer.WriteStartArray(failureCodes.Count);
            foreach (var code in failureCodes)
            {
                writer.WriteStartMap(1);
                writer.WriteTextString("code");
                writer.WriteTextString(code);
                writer.WriteEndMap();
            }

            writer.WriteEndArray();
            writer.WriteEndMap();
            writer.WriteEndMap();
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    public static void WriteHashedUri(CborWriter writer, HashedUri uri)
    {
        writer.WriteStartMap(uri.Algorithm is null ? 2 : 3);
        writer.WriteTextString("url");
        writer.WriteTextString(uri.Url);
        if (uri.Algorithm is not null)
        {
            writer.WriteTextString("alg");
            writer.WriteTextString(uri.Algorithm);
        }

        writer.WriteTextString("hash");
        writer.WriteByteString(uri.Hash.Span);
        writer.WriteEndMap();
    }

    private static void WriteAction(CborWriter writer, string action, string? digitalSourceType, string generatorName, string generatorVersion, HashedUri? ingredient)
    {
        writer.WriteStartMap(2 + (digitalSourceType is null ? 0 : 1) + (ingredient is null ? 0 : 1));
        writer.WriteTextString("action");
        writer.WriteTextString(action);
        if (digitalSourceType is not null)
        {
            writer.WriteTextString("digitalSourceType");
            writer.WriteTextString(digitalSourceType);
        }

        writer.WriteTextString("softwareAgent");
        writer.WriteStartMap(2);
        writer.WriteTextString("name");
        writer.WriteTextString(generatorName);
        writer.WriteTextString("version");
        writer.WriteTextString(generatorVersion);
        writer.WriteEndMap();
        if (ingredient is not null)
        {
            writer.WriteTextString("parameters");
            writer.WriteStartMap(1);
            writer.WriteTextString("ingredients");
            writer.WriteStartArray(1);
            WriteHashedUri(writer, ingredient);
            writer.WriteEndArray();
            writer.WriteEndMap();
        }

        writer.WriteEndMap();
    }
}
