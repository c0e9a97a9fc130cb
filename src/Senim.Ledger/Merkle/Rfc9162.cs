using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Senim.Ledger.Merkle;

/// <summary>
/// RFC 9162 §2.1.1 hashing with SHA-256: leaf hash SHA-256(0x00 ‖ entry), node hash
/// SHA-256(0x01 ‖ left ‖ right), and the empty tree's root SHA-256("").
/// </summary>
public static class Rfc9162
{
    /// <summary>The root of the empty tree: SHA-256 of the empty string (not all zeros).</summary>
    public static MerkleHash EmptyRoot { get; } = Sha256([]);

    /// <summary>SHA-256(0x00 ‖ entry).</summary>
    public static MerkleHash LeafHash(ReadOnlySpan<byte> entry)
    {
        if (entry.Length <= 1024)
        {
            Span<byte> buffer = stackalloc byte[entry.Length + 1];
            buffer[0] = 0x00;
            entry.CopyTo(buffer[1..]);
            return Sha256(buffer);
        }

        var rented = ArrayPool<byte>.Shared.Rent(entry.Length + 1);
        try
        {
            rented[0] = 0x00;
            entry.CopyTo(rented.AsSpan(1));
            return Sha256(rented.AsSpan(0, entry.Length + 1));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right).</summary>
    public static MerkleHash NodeHash(in MerkleHash left, in MerkleHash right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * MerkleHash.Size)];
        buffer[0] = 0x01;
        left.WriteTo(buffer.Slice(1, MerkleHash.Size));
        right.WriteTo(buffer.Slice(1 + MerkleHash.Size, MerkleHash.Size));
        return Sha256(buffer);
    }

    /// <summary>The root of a tree over the given leaf hashes, by the RFC's recursive definition (for tests and small trees).</summary>
    public static MerkleHash RootOfLeafHashes(ReadOnlySpan<MerkleHash> leaves)
    {
        if (leaves.Length == 0)
        {
            return EmptyRoot;
        }

        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = TreeMath.LargestPowerOfTwoBelow(leaves.Length);
        return NodeHash(RootOfLeafHashes(leaves[..(int)k]), RootOfLeafHashes(leaves[(int)k..]));
    }

    internal static MerkleHash Sha256(ReadOnlySpan<byte> data)
    {
        MerkleHash hash = default;
        SHA256.HashData(data, MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref hash, 1)));
        return hash;
    }
}
