using System.Globalization;

namespace Senim.Ledger.Merkle;

/// <summary>
/// RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) verification, exactly as the RFC states them,
/// including its length checks: a proof with one hash too many or too few fails, as does a proof in the wrong
/// order or for the wrong leaf. Failures throw <see cref="LedgerException"/> with kind
/// <see cref="LedgerError.ProofFailed"/> (or <see cref="LedgerError.OutOfRange"/> for impossible sizes).
/// </summary>
public static class ProofVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves with root <paramref name="root"/>.</summary>
    /// <param name="trace">When given, receives one step per proof hash and the final comparison.</param>
    public static void VerifyInclusion(long index, long size, MerkleHash leafHash, IReadOnlyList<MerkleHash> proof, MerkleHash root, IList<VerificationStep>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || size < 0 || index >= size)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"Leaf index {index} is not below tree size {size}.");
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash;
        for (var i = 0; i < proof.Count; i++)
        {
            var p = proof[i];
            if (sn == 0)
            {
                Fail(trace, $"Proof hash {i + 1}", $"The proof has {proof.Count} hashes; a leaf of a tree of {size} needs only {i}.");
            }

            MerkleHash next;
            string side;
            if ((fn & 1) == 1 || fn == sn)
            {
                next = Rfc9162.NodeHash(p, r);
                side = "sibling on the left: SHA-256(0x01 ‖ sibling ‖ current)";
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                next = Rfc9162.NodeHash(r, p);
                side = "sibling on the right: SHA-256(0x01 ‖ current ‖ sibling)";
            }

            trace?.Add(new VerificationStep(
                $"Proof hash {i + 1} of {proof.Count}: {side}",
                [new("current", r.ToHex()), new("sibling", p.ToHex())],
                [new("result", next.ToHex())],
                true));
            r = next;
            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            Fail(trace, "Proof length", $"The proof has {proof.Count} hashes; leaf {index} of a tree of {size} needs more.");
        }

        Compare(trace, "Computed root equals the checkpoint's root", r, root);
    }

    /// <summary>
    /// Checks that the tree of <paramref name="oldSize"/> leaves with root <paramref name="oldRoot"/> is a prefix
    /// of the tree of <paramref name="newSize"/> leaves with root <paramref name="newRoot"/>. Equal sizes need an
    /// empty proof and equal roots; from the empty tree the proof is empty and the old root is SHA-256("").
    /// </summary>
    public static void VerifyConsistency(long oldSize, MerkleHash oldRoot, long newSize, MerkleHash newRoot, IReadOnlyList<MerkleHash> proof, IList<VerificationStep>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 0 || newSize < 0)
        {
            throw new LedgerException(LedgerError.OutOfRange, "Tree sizes cannot be negative.");
        }

        if (oldSize > newSize)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"The old tree ({oldSize}) is larger than the new one ({newSize}).");
        }

        if (oldSize == 0)
        {
            if (proof.Count != 0)
            {
                Fail(trace, "Proof length", $"Consistency with the empty tree takes an empty proof, not {proof.Count} hashes.");
            }

            Compare(trace, "Old root is the empty tree's root SHA-256(\"\")", oldRoot, Rfc9162.EmptyRoot);
            if (newSize == 0)
            {
                Compare(trace, "Both trees are empty: the roots are equal", newRoot, oldRoot);
            }

            return;
        }

        if (oldSize == newSize)
        {
            if (proof.Count != 0)
            {
                Fail(trace, "Proof length", $"Trees of equal size take an empty proof, not {proof.Count} hashes.");
            }

            Compare(trace, "Same size: the roots are equal", newRoot, oldRoot);
            return;
        }

        if (proof.Count == 0)
        {
            Fail(trace, "Proof length", "The consistency proof is empty.");
        }

        var path = new List<MerkleHash>(proof.Count + 1);
        if (TreeMath.IsPowerOfTwo(oldSize))
        {
            path.Add(oldRoot);
        }

        path.AddRange(proof);
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                Fail(trace, $"Proof hash {i}", $"The proof has {proof.Count} hashes; fewer are needed from {oldSize} to {newSize}.");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Rfc9162.NodeHash(c, fr);
                sr = Rfc9162.NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = Rfc9162.NodeHash(sr, c);
            }

            trace?.Add(new VerificationStep(
                $"Proof hash {i}",
                [new("hash", c.ToHex())],
                [new("old root so far", fr.ToHex()), new("new root so far", sr.ToHex())],
                true));
            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            Fail(trace, "Proof length", $"The proof has {proof.Count} hashes; more are needed from {oldSize} to {newSize}.");
        }

        Compare(trace, "Computed old root equals the old tree head", fr, oldRoot);
        Compare(trace, "Computed new root equals the new tree head", sr, newRoot);
    }

    private static void Compare(IList<VerificationStep>? trace, string title, MerkleHash computed, MerkleHash expected)
    {
        var ok = computed == expected;
        trace?.Add(new VerificationStep(title, [new("computed", computed.ToHex()), new("expected", expected.ToHex())], [new("equal", ok ? "yes" : "no")], ok));
        if (!ok)
        {
            throw new LedgerException(LedgerError.ProofFailed, $"{title}: failed (computed {computed.ToHex()}, expected {expected.ToHex()}).");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(IList<VerificationStep>? trace, string title, string message)
    {
        trace?.Add(new VerificationStep(title, [], [new("error", message)], false));
        throw new LedgerException(LedgerError.ProofFailed, message);
    }

    internal static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);
}
