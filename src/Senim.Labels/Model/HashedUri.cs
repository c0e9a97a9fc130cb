using Senim.Labels.Cbor;

namespace Senim.Labels.Model;

/// <summary>A hashed URI (C2PA "hashed-uri-map"): a JUMBF URI, the hash of the box it names and, optionally, the algorithm.</summary>
public sealed record HashedUri(string Url, ReadOnlyMemory<byte> Hash, string? Algorithm)
{
    /// <summary>Reads a hashed URI map; null when the node is not one.</summary>
    public static HashedUri? From(CborNode? node)
    {
        if (node?["url"]?.AsText() is not { } url || node["hash"] is not { Kind: CborKind.Bytes } hash)
        {
            return null;
        }

        return new HashedUri(url, hash.Bytes, node["alg"]?.AsText());
    }

    /// <summary>The JUMBF path of the URL without "self#jumbf=", e.g. "c2pa.assertions/c2pa.hash.data" or "/c2pa/urn:.../c2pa.claim".</summary>
    public string JumbfPath
    {
        get
        {
            const string prefix = "self#jumbf=";
            return Url.StartsWith(prefix, StringComparison.Ordinal) ? Url[prefix.Length..] : Url;
        }
    }
}
