using System.Numerics;

namespace Senim.Ledger.Merkle;

/// <summary>
/// What a computation over a log needs, without reading anything: a list of outputs, each the hash MTH(D[start:end])
/// of a range of leaves, split into the complete aligned subtrees (<see cref="Nodes"/>) whose stored hashes give it.
/// Tree heads, inclusion and consistency proofs are such lists (RFC 9162 §2.1.1, §2.1.3.1, §2.1.4.1), and several
/// can share one plan, so a store is asked once for every hash a request needs. <see cref="Compute"/> then hashes
/// over memory; <see cref="ComputeAsync"/> reads the nodes first.
/// </summary>
public sealed class HashPlan
{
    private TreeNode[] _nodes = new TreeNode[32];
    private int _nodeCount;
    private int[] _ends = new int[32];
    private int _count;

    /// <summary>The nodes whose stored hashes the plan needs, in output order (a node may appear more than once).</summary>
    public ReadOnlyMemory<TreeNode> Nodes => _nodes.AsMemory(0, _nodeCount);

    /// <summary>How many hashes <see cref="Compute"/> returns.</summary>
    public int Count => _count;

    /// <summary>Adds MTH(D[start:end]) for a range that starts at a multiple of a power of two at least as large as the range (the only ranges RFC proofs use); returns its output position.</summary>
    public int AddRange(long start, long end)
    {
        if (start < 0 || end <= start)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"Empty or negative range [{start}, {end}).");
        }

        var span = (long)BitOperations.RoundUpToPowerOf2((ulong)(end - start));
        if (start % span != 0)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"[{start}, {end}) is not a subtree of an RFC 9162 tree.");
        }

        // Complete aligned subtrees, largest first; Compute folds them from the right as the RFC does.
        var at = start;
        while (at < end)
        {
            var level = Math.Min(at == 0 ? 63 : BitOperations.TrailingZeroCount(at), 63 - BitOperations.LeadingZeroCount((ulong)(end - at)));
            AddNode(new TreeNode(level, at >> level));
            at += 1L << level;
        }

        return EndOutput();
    }

    /// <summary>Adds the tree head of the first <paramref name="size"/> leaves (SHA-256("") for none); returns its output position.</summary>
    public int AddRoot(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? EndOutput() : AddRange(0, size);
    }

    /// <summary>Adds the inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, leaf side first; returns where its hashes are in the output.</summary>
    public Range AddInclusionProof(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"Leaf index {index} is not below tree size {size}.");
        }

        var first = _count;
        Path(index, 0, size);
        return first.._count;
    }

    /// <summary>Adds the consistency proof from the tree of <paramref name="oldSize"/> leaves to the tree of <paramref name="newSize"/> (none when the sizes are equal or the old tree is empty); returns where its hashes are in the output.</summary>
    public Range AddConsistencyProof(long oldSize, long newSize)
    {
        if (oldSize < 0 || newSize < 0)
        {
            throw new LedgerException(LedgerError.OutOfRange, "Tree sizes cannot be negative.");
        }

        if (oldSize > newSize)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"A consistency proof goes from a smaller tree to a larger one; from {oldSize} is larger than to {newSize}.");
        }

        var first = _count;
        if (oldSize != 0 && oldSize != newSize)
        {
            SubProof(oldSize, 0, newSize, true);
        }

        return first.._count;
    }

    /// <summary>The outputs, from the stored hashes of <see cref="Nodes"/> (same order and length).</summary>
    public MerkleHash[] Compute(ReadOnlySpan<MerkleHash> nodeHashes)
    {
        if (nodeHashes.Length != _nodeCount)
        {
            throw new ArgumentException($"The plan needs {_nodeCount} hashes, not {nodeHashes.Length}.", nameof(nodeHashes));
        }

        var outputs = new MerkleHash[_count];
        var start = 0;
        for (var i = 0; i < _count; i++)
        {
            var end = _ends[i];
            if (end == start)
            {
                outputs[i] = Rfc9162.EmptyRoot;
                continue;
            }

            var hash = nodeHashes[end - 1];
            for (var j = end - 2; j >= start; j--)
            {
                hash = Rfc9162.NodeHash(nodeHashes[j], hash);
            }

            outputs[i] = hash;
            start = end;
        }

        return outputs;
    }

    /// <summary>Reads the stored hashes of <see cref="Nodes"/> from <paramref name="reader"/> in one call, then computes the outputs.</summary>
    public async ValueTask<MerkleHash[]> ComputeAsync(IHashReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var hashes = new MerkleHash[_nodeCount];
        if (_nodeCount > 0)
        {
            await reader.ReadNodesAsync(Nodes, hashes, cancellationToken);
        }

        return Compute(hashes);
    }

    private void AddNode(TreeNode node)
    {
        if (_nodeCount == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _nodes[_nodeCount++] = node;
    }

    private int EndOutput()
    {
        if (_count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _ends[_count] = _nodeCount;
        return _count++;
    }

    private void Path(long m, long lo, long hi)
    {
        var n = hi - lo;
        if (n == 1)
        {
            return;
        }

        var k = TreeMath.LargestPowerOfTwoBelow(n);
        if (m - lo < k)
        {
            Path(m, lo, lo + k);
            AddRange(lo + k, hi);
        }
        else
        {
            Path(m, lo + k, hi);
            AddRange(lo, lo + k);
        }
    }

    private void SubProof(long m, long lo, long hi, bool complete)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!complete)
            {
                AddRange(lo, hi);
            }

            return;
        }

        var k = TreeMath.LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, lo, lo + k, complete);
            AddRange(lo + k, hi);
        }
        else
        {
            SubProof(m - k, lo + k, hi, false);
            AddRange(lo, lo + k);
        }
    }
}
