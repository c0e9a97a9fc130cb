using Senim.Ledger.Merkle;

namespace Senim.Ledger.Tiles;

/// <summary>
/// Reads the hash tiles of a tree of a given size from a <see cref="ILogSource"/> and serves its stored hashes, so
/// that proofs can be computed from tiles alone (a monitor or verifier fetches only the O(log n) tiles a proof
/// needs). A partial tile that is gone is replaced by the full tile, cut to width. Tiles are kept once read.
/// </summary>
public sealed class TileReader(ILogSource source, long treeSize) : IHashReader
{
    private readonly Dictionary<(int Level, long Index), MerkleHash[]> _tiles = [];

    /// <summary>The tree size the tiles are read for.</summary>
    public long TreeSize { get; } = treeSize;

    /// <summary>How many tiles were fetched.</summary>
    public int Fetched { get; private set; }

    public void ReadHashes(int level, long start, Span<MerkleHash> destination)
    {
        var tileLevel = level / TilePath.Height;
        var within = level % TilePath.Height;
        for (var i = 0; i < destination.Length; i++)
        {
            var first = (start + i) << within;
            var count = 1 << within;
            var tileIndex = first / TilePath.FullWidth;
            var offset = (int)(first % TilePath.FullWidth);
            var tile = Tile(tileLevel, tileIndex);
            if (offset + count > tile.Length)
            {
                throw new LedgerException(LedgerError.Missing, $"Stored hash ({level}, {start + i}) is not in a tree of {TreeSize}.");
            }

            destination[i] = SubtreeRoot(tile.AsSpan(offset, count));
        }
    }

    /// <summary>The hashes of tile (level, index) at this tree size, fetched once.</summary>
    public MerkleHash[] Tile(int level, long index)
    {
        if (_tiles.TryGetValue((level, index), out var cached))
        {
            return cached;
        }

        var width = TileLayout.Width(level, index, TreeSize);
        if (width == 0)
        {
            throw new LedgerException(LedgerError.Missing, $"A tree of {TreeSize} has no tile {index} at level {level}.");
        }

        var hashes = Fetch(source, TilePath.Hashes(level, index, width));
        Fetched++;
        _tiles[(level, index)] = hashes;
        return hashes;
    }

    /// <summary>Fetches a hash tile of the given width (falling back from a partial tile to the full one) and parses it strictly.</summary>
    public static MerkleHash[] Fetch(ILogSource source, TilePath tile)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = tile.ToString();
        var data = source.Read(path, TileLayout.FullTileBytes);
        if (data is null && tile.IsPartial)
        {
            var full = TilePath.Hashes(tile.Level, tile.Index).ToString();
            var fullData = source.Read(full, TileLayout.FullTileBytes) ?? throw new LedgerException(LedgerError.Missing, $"{path} (and {full}) not found.");
            return TileLayout.ParseTile(fullData, TilePath.FullWidth, full)[..tile.Width];
        }

        return TileLayout.ParseTile(data ?? throw new LedgerException(LedgerError.Missing, $"{path} not found."), tile.Width, path);
    }

    private static MerkleHash SubtreeRoot(ReadOnlySpan<MerkleHash> hashes)
    {
        if (hashes.Length == 1)
        {
            return hashes[0];
        }

        var half = hashes.Length / 2;
        return Rfc9162.NodeHash(SubtreeRoot(hashes[..half]), SubtreeRoot(hashes[half..]));
    }
}
