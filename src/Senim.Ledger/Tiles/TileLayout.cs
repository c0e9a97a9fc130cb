using System.Buffers.Binary;
using Senim.Ledger.Merkle;

namespace Senim.Ledger.Tiles;

/// <summary>
/// Which tiles a tree has, their bytes computed from stored hashes, and strict parsing of tile and entry-bundle
/// bytes. Hash i of tile (L, N) is the stored hash at tree level 8·L, index N·256 + i.
/// </summary>
public static class TileLayout
{
    /// <summary>Largest entry that fits an entry bundle (uint16 length prefix).</summary>
    public const int MaxEntryBytes = ushort.MaxValue;

    /// <summary>The width of tile <paramref name="index"/> at <paramref name="level"/> in a tree of <paramref name="treeSize"/> leaves: 256 when full, 0 when it does not exist.</summary>
    public static int Width(int level, long index, long treeSize)
    {
        var hashesAtLevel = level is < 0 || level * TilePath.Height >= 63 || treeSize <= 0 ? 0 : treeSize >> (level * TilePath.Height);
        // A path may name an index whose first hash (index·256) does not fit a long: such a tile is past any tree, and
        // the product must not be computed (it would wrap round to a width that looks real).
        if (index < 0 || index > hashesAtLevel / TilePath.FullWidth)
        {
            return 0;
        }

        var remaining = hashesAtLevel - (index * TilePath.FullWidth);
        return remaining <= 0 ? 0 : (int)Math.Min(remaining, TilePath.FullWidth);
    }

    /// <summary>Every hash tile of a tree of <paramref name="treeSize"/> leaves, full and partial, lowest level first.</summary>
    public static IEnumerable<TilePath> HashTiles(long treeSize)
    {
        for (var level = 0; level < 8 && Width(level, 0, treeSize) > 0; level++)
        {
            for (long index = 0; ; index++)
            {
                var width = Width(level, index, treeSize);
                if (width == 0)
                {
                    break;
                }

                yield return TilePath.Hashes(level, index, width);
            }
        }
    }

    /// <summary>Every entry bundle of a tree of <paramref name="treeSize"/> leaves.</summary>
    public static IEnumerable<TilePath> EntryBundles(long treeSize)
    {
        for (long index = 0; ; index++)
        {
            var width = Width(0, index, treeSize);
            if (width == 0)
            {
                yield break;
            }

            yield return TilePath.Entries(index, width);
        }
    }

    /// <summary>The bytes of a hash tile: its stored hashes, concatenated.</summary>
    public static async ValueTask<byte[]> TileBytesAsync(IHashReader reader, TilePath tile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (tile.IsEntries)
        {
            throw new ArgumentException("Entry bundles are built with EntryBundle.", nameof(tile));
        }

        var hashes = new MerkleHash[tile.Width];
        await reader.ReadHashesAsync(tile.Level * TilePath.Height, tile.FirstIndex, hashes, cancellationToken);
        var bytes = new byte[tile.Width * MerkleHash.Size];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i].WriteTo(bytes.AsSpan(i * MerkleHash.Size));
        }

        return bytes;
    }

    /// <summary>Parses tile bytes that must hold exactly <paramref name="width"/> hashes.</summary>
    public static MerkleHash[] ParseTile(ReadOnlySpan<byte> data, int width, string path)
    {
        if (data.Length != width * MerkleHash.Size)
        {
            var what = data.Length < width * MerkleHash.Size ? "truncated" : "oversize";
            throw new LedgerException(LedgerError.Malformed, $"{path}: {data.Length} bytes, {what}; a tile of width {width} has {width * MerkleHash.Size}.");
        }

        var hashes = new MerkleHash[width];
        for (var i = 0; i < width; i++)
        {
            hashes[i] = new MerkleHash(data.Slice(i * MerkleHash.Size, MerkleHash.Size));
        }

        return hashes;
    }

    /// <summary>An entry bundle: each entry as a big-endian uint16 length and its bytes.</summary>
    public static byte[] EntryBundle(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var bytes = new byte[entries.Sum(e => 2 + e.Length)];
        var at = 0;
        foreach (var entry in entries)
        {
            if (entry.Length > MaxEntryBytes)
            {
                throw new LedgerException(LedgerError.OutOfRange, $"An entry of {entry.Length} bytes does not fit an entry bundle (at most {MaxEntryBytes}).");
            }

            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)entry.Length);
            entry.CopyTo(bytes, at + 2);
            at += 2 + entry.Length;
        }

        return bytes;
    }

    /// <summary>Parses an entry bundle that must hold exactly <paramref name="width"/> entries and nothing after them.</summary>
    public static IReadOnlyList<byte[]> ParseEntryBundle(ReadOnlySpan<byte> data, int width, string path)
    {
        var entries = new List<byte[]>(width);
        var at = 0;
        while (at < data.Length)
        {
            if (entries.Count == width)
            {
                throw new LedgerException(LedgerError.Malformed, $"{path}: bytes after the {width} entries of the bundle.");
            }

            if (data.Length - at < 2)
            {
                throw new LedgerException(LedgerError.Malformed, $"{path}: truncated length prefix of entry {entries.Count}.");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            if (data.Length - at - 2 < length)
            {
                throw new LedgerException(LedgerError.Malformed, $"{path}: entry {entries.Count} is truncated ({length} bytes announced).");
            }

            entries.Add(data.Slice(at + 2, length).ToArray());
            at += 2 + length;
        }

        if (entries.Count != width)
        {
            throw new LedgerException(LedgerError.Malformed, $"{path}: {entries.Count} entries, expected {width}.");
        }

        return entries;
    }

    /// <summary>The largest tile the reader accepts: a full tile or a full bundle of the largest entries.</summary>
    public static int MaxBundleBytes => TilePath.FullWidth * (2 + MaxEntryBytes);

    /// <summary>Bytes in a full hash tile.</summary>
    public static int FullTileBytes => TilePath.FullWidth * MerkleHash.Size;
}
