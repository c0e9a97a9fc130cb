using Senim.Labels.Cbor;

namespace Senim.Labels.Model;

/// <summary>
/// A parsed claim, version 1 ("c2pa.claim") or 2 ("c2pa.claim.v2"). <see cref="Bytes"/> are the exact
/// CBOR that the signature covers.
/// </summary>
public sealed class Claim
{
    private Claim(int version, ReadOnlyMemory<byte> bytes, CborNode node)
    {
        Version = version;
        Bytes = bytes;
        Node = node;
        Assertions = ReadAssertions(node);
    }

    /// <summary>1 or 2.</summary>
    public int Version { get; }

    /// <summary>The claim as stored (the signed payload).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The decoded claim.</summary>
    public CborNode Node { get; }

    /// <summary>instanceID.</summary>
    public string? InstanceId => Node["instanceID"]?.AsText();

    /// <summary>The hash algorithm for hashed URIs that name none ("sha256" when absent).</summary>
    public string Algorithm => Node["alg"]?.AsText() ?? "sha256";

    /// <summary>The URI of the claim signature box.</summary>
    public string? Signature => Node["signature"]?.AsText();

    /// <summary>dc:title, if any.</summary>
    public string? Title => Node["dc:title"]?.AsText();

    /// <summary>The claim generator: v1's claim_generator, else the first claim_generator_info's name and version.</summary>
    public string? Generator
    {
        get
        {
            if (Node["claim_generator"]?.AsText() is { } v1)
            {
                return v1;
            }

            var info = Node["claim_generator_info"];
            if (info?.Kind == CborKind.Array)
            {
                info = info.Items.Count > 0 ? info.Items[0] : null;
            }

            if (info?["name"]?.AsText() is not { } name)
            {
                return null;
            }

            return info["version"]?.AsText() is { } version ? $"{name} {version}" : name;
        }
    }

    /// <summary>Every assertion the claim references: v1 "assertions", v2 "created_assertions" then "gathered_assertions".</summary>
    public IReadOnlyList<HashedUri> Assertions { get; }

    private static List<HashedUri> ReadAssertions(CborNode node)
    {
        var list = new List<HashedUri>();
        foreach (var key in new[] { "assertions", "created_assertions", "gathered_assertions" })
        {
            if (node[key] is { Kind: CborKind.Array } array)
            {
                foreach (var item in array.Items)
                {
                    list.Add(HashedUri.From(item) ?? throw new LabelException(LabelError.MalformedCbor, $"An entry of the claim's {key} is not a hashed URI."));
                }
            }
        }

        return list;
    }

    /// <summary>Parses the claim CBOR; throws <see cref="LabelException"/> when it is not a map or lacks required fields.</summary>
    public static Claim Parse(int version, ReadOnlyMemory<byte> bytes, LabelLimits limits)
    {
        var node = CborNode.Decode(bytes, limits.MaxDepth);
        if (node.Kind != CborKind.Map)
        {
            throw new LabelException(LabelError.MalformedCbor, "The claim is not a CBOR map.");
        }

        var required = version == 1 ? "assertions" : "created_assertions";
        if (node[required] is not { Kind: CborKind.Array })
        {
            throw new LabelException(LabelError.MalformedCbor, $"The claim has no {required} array.");
        }

        if (node["signature"]?.AsText() is null)
        {
            throw new LabelException(LabelError.MalformedCbor, "The claim does not name its signature.");
        }

        return new Claim(version, bytes, node);
    }
}
