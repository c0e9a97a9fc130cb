using Senim.Ledger.Merkle;

namespace Senim.Ledger.Tiles;

/// <summary>
/// Recomputes a whole tree from its level-0 tiles (every leaf hash), and checks every higher-level tile against
/// the subtree roots that recomputation produced. Reads each tile once; hashes each node once. The next tile is
/// read while the current one is hashed, so a slow source (HTTP) and the hashing overlap.
/// </summary>
public static class TreeRecomputation
{
    /// <summary>The root of the first <paramref name="treeSize"/> leaves, from the tiles in <paramref name="source"/>.</summary>
    /// <exception cref="LedgerException">A tile is missing, truncated or oversize, or a higher-level tile disagrees with its level-0 tiles.</exception>
    public static async ValueTask<TreeRecomputationResult> RecomputeAsync(ILogSource source, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var frontier = new MerkleFrontier();
        var upper = new List<MerkleHash>[8];
        for (var l = 1; l < upper.Length; l++)
        {
            upper[l] = [];
        }

        void Collect(StoredHash stored)
        {
            if (stored.Level > 0 && stored.Level % TilePath.Height == 0 && stored.Level / TilePath.Height < upper.Length)
            {
                upper[stored.Level / TilePath.Height].Add(stored.Hash);
            }
        }

        var tiles = 0;
        var paths = TileLayout.HashTiles(treeSize).ToList();
        var next = paths.Count > 0 ? TileReader.FetchAsync(source, paths[0], cancellationToken).AsTask() : null;
        for (var i = 0; i < paths.Count; i++)
        {
            var tile = paths[i];
            var hashes = await next!;
            next = i + 1 < paths.Count ? TileReader.FetchAsync(source, paths[i + 1], cancellationToken).AsTask() : null;
            tiles++;
            if (tile.Level == 0)
            {
                foreach (var leaf in hashes)
                {
                    frontier.Append(leaf, Collect);
                }

                continue;
            }

            // Higher levels come after every level-0 tile (HashTiles is lowest level first), so their roots are known.
            var level = tile.Level;
            for (var h = 0; h < tile.Width; h++)
            {
                if (hashes[h] != upper[level][(int)((tile.Index * TilePath.FullWidth) + h)])
                {
                    await Drain(next);
                    throw new LedgerException(LedgerError.Inconsistent, $"{tile}: hash {h} is not the root of the tiles below it.");
                }
            }
        }

        return new TreeRecomputationResult(treeSize, frontier.Root(), tiles);
    }

    /// <summary>Waits for a read started ahead and ignores its outcome: the recomputation already failed.</summary>
    private static async Task Drain(Task<MerkleHash[]>? read)
    {
        if (read is null)
        {
            return;
        }

        try
        {
            await read;
        }
        catch (LedgerException)
        {
        }
    }
}

/// <summary>What <see cref="TreeRecomputation.RecomputeAsync"/> found: the root and how many tiles it read.</summary>
public sealed record TreeRecomputationResult(long TreeSize, MerkleHash Root, int TilesRead);
