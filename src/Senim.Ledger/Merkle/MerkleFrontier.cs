using System.Numerics;

namespace Senim.Ledger.Merkle;

/// <summary>
/// The right edge of a growing tree: the roots of its complete subtrees, largest first (one per set bit of the
/// size). Appending a leaf hashes at most log n nodes; the root folds the edge from the right. Used to append to a
/// log and to recompute a root while streaming leaf hashes from tiles.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly MerkleHash[] _edge = new MerkleHash[64];
    private int _count;

    /// <summary>How many leaves have been appended.</summary>
    public long Size { get; private set; }

    /// <summary>The nodes whose stored hashes make the frontier of a tree of <paramref name="size"/> leaves, largest first: also the nodes of its root.</summary>
    public static TreeNode[] EdgeNodes(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var nodes = new TreeNode[BitOperations.PopCount((ulong)size)];
        var count = 0;
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                nodes[count++] = new TreeNode(level, (size >> level) - 1);
            }
        }

        return nodes;
    }

    /// <summary>The frontier of an existing tree of <paramref name="size"/> leaves from the stored hashes of its <see cref="EdgeNodes"/>, in that order.</summary>
    public static MerkleFrontier FromEdge(long size, ReadOnlySpan<MerkleHash> edge)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (edge.Length != BitOperations.PopCount((ulong)size))
        {
            throw new ArgumentException($"A tree of {size} leaves has {BitOperations.PopCount((ulong)size)} frontier nodes, not {edge.Length}.", nameof(edge));
        }

        var frontier = new MerkleFrontier { Size = size };
        edge.CopyTo(frontier._edge);
        frontier._count = edge.Length;
        return frontier;
    }

    /// <summary>The frontier of an existing tree of <paramref name="size"/> leaves, read from its stored hashes in one call.</summary>
    public static async ValueTask<MerkleFrontier> LoadAsync(IHashReader reader, long size, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var nodes = EdgeNodes(size);
        var edge = new MerkleHash[nodes.Length];
        if (nodes.Length > 0)
        {
            await reader.ReadNodesAsync(nodes, edge, cancellationToken);
        }

        return FromEdge(size, edge);
    }

    /// <summary>Appends a leaf hash; every newly completed subtree (the leaf itself included) is passed to <paramref name="stored"/> when given.</summary>
    public void Append(MerkleHash leafHash, Action<StoredHash>? stored = null)
    {
        var index = Size;
        stored?.Invoke(new StoredHash(0, index, leafHash));
        var hash = leafHash;
        var level = 0;
        while ((index & 1) == 1)
        {
            hash = Rfc9162.NodeHash(_edge[--_count], hash);
            level++;
            index >>= 1;
            stored?.Invoke(new StoredHash(level, index, hash));
        }

        _edge[_count++] = hash;
        Size++;
    }

    /// <summary>The hash of the <paramref name="i"/>-th frontier node, largest first.</summary>
    internal MerkleHash EdgeHash(int i) => _edge[i];

    /// <summary>The tree head of the leaves appended so far (SHA-256("") when there are none).</summary>
    public MerkleHash Root()
    {
        if (_count == 0)
        {
            return Rfc9162.EmptyRoot;
        }

        var hash = _edge[_count - 1];
        for (var i = _count - 2; i >= 0; i--)
        {
            hash = Rfc9162.NodeHash(_edge[i], hash);
        }

        return hash;
    }
}

/// <summary>A stored hash: the root of the complete subtree at (<paramref name="Level"/>, <paramref name="Index"/>).</summary>
public readonly record struct StoredHash(int Level, long Index, MerkleHash Hash);
