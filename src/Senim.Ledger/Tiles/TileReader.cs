using Senim.Ledger.Merkle;

namespace Senim.Ledger.Tiles;

/// <summary>
/// Reads the hash tiles of a tree of a given size from a <see cref="ILogSource"/> and serves its stored hashes, so
/// that proofs can be computed from tiles alone (a monitor or verifier fetches only the O(log n) tiles a proof
/// needs, together). A partial tile that is gone is replaced by the full tile, cut to width. Tiles are kept once
/// read. One reader serves one caller at a time.
/// </summary>
public sealed class TileReader(ILogSource source, long treeSize) : IHashReader
{
    private readonly Dictionary<(int Level, long Index), MerkleHash[]> _tiles = [];

    /// <summary>The tree size the tiles are read for.</summary>
    public long TreeSize { get; } = treeSize;

    /// <summary>How many tiles were fetched.</summary>
    public int Fetched { get; private set; }

    public ValueTask ReadHashesAsync(int level, long start, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
    {
        var nodes = new TreeNode[destination.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new TreeNode(level, start + i);
        }

        return ReadNodesAsync(nodes, destination, cancellationToken);
    }

    public async ValueTask ReadNodesAsync(ReadOnlyMemory<TreeNode> nodes, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
    {
        // Every tile the nodes lie in, fetched together; then each node's hash from its tile, over memory.
        var missing = new HashSet<(int Level, long Index)>();
        for (var i = 0; i < nodes.Length; i++)
        {
            var tile = TileOf(nodes.Span[i]);
            if (!_tiles.ContainsKey(tile))
            {
                missing.Add(tile);
            }
        }

        if (missing.Count > 0)
        {
            var wanted = missing.ToArray();
            var fetched = await Task.WhenAll(wanted.Select(t => FetchTileAsync(t.Level, t.Index, cancellationToken).AsTask()));
            for (var i = 0; i < wanted.Length; i++)
            {
                _tiles[wanted[i]] = fetched[i];
            }

            Fetched += wanted.Length;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            destination.Span[i] = Hash(nodes.Span[i]);
        }
    }

    /// <summary>The hashes of tile (level, index) at this tree size, fetched once.</summary>
    public async ValueTask<MerkleHash[]> TileAsync(int level, long index, CancellationToken cancellationToken = default)
    {
        if (_tiles.TryGetValue((level, index), out var cached))
        {
            return cached;
        }

        var hashes = await FetchTileAsync(level, index, cancellationToken);
        Fetched++;
        _tiles[(level, index)] = hashes;
        return hashes;
    }

    /// <summary>Fetches a hash tile of the given width (falling back from a partial tile to the full one) and parses it strictly.</summary>
    public static async ValueTask<MerkleHash[]> FetchAsync(ILogSource source, TilePath tile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = tile.ToString();
        var data = await source.ReadAsync(path, TileLayout.FullTileBytes, cancellationToken);
        if (data is null && tile.IsPartial)
        {
            var full = TilePath.Hashes(tile.Level, tile.Index).ToString();
            var fullData = await source.ReadAsync(full, TileLayout.FullTileBytes, cancellationToken) ?? throw new LedgerException(LedgerError.Missing, $"{path} (and {full}) not found.");
            return TileLayout.ParseTile(fullData, TilePath.FullWidth, full)[..tile.Width];
        }

        return TileLayout.ParseTile(data ?? throw new LedgerException(LedgerError.Missing, $"{path} not found."), tile.Width, path);
    }

    private static (int Level, long Index) TileOf(TreeNode node) =>
        (node.Level / TilePath.Height, (node.Index << (node.Level % TilePath.Height)) / TilePath.FullWidth);

    private ValueTask<MerkleHash[]> FetchTileAsync(int level, long index, CancellationToken cancellationToken)
    {
        var width = TileLayout.Width(level, index, TreeSize);
        if (width == 0)
        {
            throw new LedgerException(LedgerError.Missing, $"A tree of {TreeSize} has no tile {index} at level {level}.");
        }

        return FetchAsync(source, TilePath.Hashes(level, index, width), cancellationToken);
    }

    private MerkleHash Hash(TreeNode node)
    {
        var within = node.Level % TilePath.Height;
        var first = node.Index << within;
        var count = 1 << within;
        var tile = _tiles[TileOf(node)];
        var offset = (int)(first % TilePath.FullWidth);
        if (offset + count > tile.Length)
        {
            throw new LedgerException(LedgerError.Missing, $"Stored hash {node} is not in a tree of {TreeSize}.");
        }

        return SubtreeRoot(tile.AsSpan(offset, count));
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
