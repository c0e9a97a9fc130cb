using Senim.Ledger.Merkle;

namespace Senim.Ledger.Tiles;

/// <summary>
/// Recomputes a whole tree from its level-0 tiles (every leaf hash), and checks every higher-level tile against
/// the subtree roots that recomputation produced. Reads each tile once; hashes each node once.
/// </summary>
public static class TreeRecomputation
{
    /// <summary>The root of the first <paramref name="treeSize"/> leaves, from the tiles in <paramref name="source"/>.</summary>
    /// <exception cref="LedgerException">A tile is missing, truncated or oversize, or a higher-level tile disagrees with its level-0 tiles.</exception>
    public static TreeRecomputationResult Recompute(ILogSource source, long treeSize)
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
        for (long index = 0; ; index++)
        {
            var width = TileLayout.Width(0, index, treeSize);
            if (width == 0)
            {
                break;
            }

            foreach (var leaf in TileReader.Fetch(source, TilePath.Hashes(0, index, width)))
            {
                frontier.Append(leaf, Collect);
            }

            tiles++;
        }

        for (var level = 1; level < upper.Length; level++)
        {
            for (long index = 0; ; index++)
            {
                var width = TileLayout.Width(level, index, treeSize);
                if (width == 0)
                {
                    break;
                }

                var tile = TilePath.Hashes(level, index, width);
                var hashes = TileReader.Fetch(source, tile);
                tiles++;
                for (var i = 0; i < width; i++)
                {
                    if (hashes[i] != upper[level][(int)((index * TilePath.FullWidth) + i)])
                    {
                        throw new LedgerException(LedgerError.Inconsistent, $"{tile}: hash {i} is not the root of the tiles below it.");
                    }
                }
            }
        }

        return new TreeRecomputationResult(treeSize, frontier.Root(), tiles);
    }
}

/// <summary>What <see cref="TreeRecomputation.Recompute"/> found: the root and how many tiles it read.</summary>
public sealed record TreeRecomputationResult(long TreeSize, MerkleHash Root, int TilesRead);
