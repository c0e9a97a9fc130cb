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

    /// <summary>The frontier of an existing tree of <paramref name="size"/> leaves, read from its stored hashes.</summary>
    public static MerkleFrontier Load(IHashReader reader, long size)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var frontier = new MerkleFrontier { Size = size };
        Span<MerkleHash> one = stackalloc MerkleHash[1];
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                reader.ReadHashes(level, (size >> level) - 1, one);
                frontier._edge[frontier._count++] = one[0];
            }
        }

        return frontier;
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
