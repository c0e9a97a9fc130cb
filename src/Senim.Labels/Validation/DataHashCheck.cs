using System.Security.Cryptography;
using Senim.Labels.Cbor;

namespace Senim.Labels.Validation;

/// <summary>Checks a c2pa.hash.data assertion against the asset: the hash of every byte outside the exclusion ranges.</summary>
internal static class DataHashCheck
{
    private const int ChunkSize = 81920;

    /// <summary>Null when the hash matches; otherwise the failure code and why.</summary>
    public static (string Code, string Explanation)? Check(CborNode assertion, string defaultAlgorithm, Stream asset)
    {
        if (assertion["hash"] is not { Kind: CborKind.Bytes } expected)
        {
            return (ValidationCodes.AssertionDataHashMalformed, "The data hash assertion has no hash.");
        }

        var algorithmName = assertion["alg"]?.AsText() ?? defaultAlgorithm;
        if (Algorithm(algorithmName) is not { } algorithm)
        {
            return (ValidationCodes.AlgorithmUnsupported, $"The data hash algorithm '{algorithmName}' is not supported.");
        }

        var length = asset.Length;
        var exclusions = new List<(long Start, long Length)>();
        if (assertion["exclusions"] is { Kind: CborKind.Array } list)
        {
            foreach (var item in list.Items)
            {
                var start = item["start"]?.AsInt64();
                var count = item["length"]?.AsInt64();
                if (start is not { } s || count is not { } c || s < 0 || c < 0)
                {
                    return (ValidationCodes.AssertionDataHashMalformed, "A data hash exclusion has no valid start and length.");
                }

                if (s > length || c > length - s)
                {
                    return (ValidationCodes.AssertionDataHashMismatch, $"A data hash exclusion ({s}, {c}) reaches past the end of the {length}-byte asset.");
                }

                exclusions.Add((s, c));
            }
        }

        exclusions.Sort();
        for (var i = 1; i < exclusions.Count; i++)
        {
            if (exclusions[i].Start < exclusions[i - 1].Start + exclusions[i - 1].Length)
            {
                return (ValidationCodes.AssertionDataHashMalformed, "Data hash exclusions overlap.");
            }
        }

        var actual = Hash(asset, exclusions, algorithm);
        return actual.AsSpan().SequenceEqual(expected.Bytes.Span)
            ? null
            : (ValidationCodes.AssertionDataHashMismatch, "The asset's content does not match the hash in the manifest: it was changed after signing.");
    }

    /// <summary>The hash algorithm for a C2PA algorithm name, or null.</summary>
    public static HashAlgorithmName? Algorithm(string name) => name switch
    {
        "sha256" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static byte[] Hash(Stream asset, List<(long Start, long Length)> exclusions, HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long position = 0;
            foreach (var (start, count) in exclusions.Append((asset.Length, 0)))
            {
                asset.Position = position;
                var remaining = start - position;
                while (remaining > 0)
                {
                    var read = asset.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                    if (read == 0)
                    {
                        break;
                    }

                    hash.AppendData(buffer, 0, read);
                    remaining -= read;
                }

                position = Math.Max(position, start + count);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return hash.GetHashAndReset();
    }
}
