using Senim.Ledger.Merkle;
using Senim.Ledger.Tests.Support;

namespace Senim.Ledger.Tests;

public class ProofVerifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MerkleHash[] Leaves = TestLogs.Leaves(7);
    private static readonly MerkleHash Root7 = MerkleHash.Parse(Fixtures.Roots[6]);
    private static readonly MerkleHash Root3 = MerkleHash.Parse(Fixtures.Roots[2]);
    private static readonly MerkleHash[] Inclusion = [.. Fixtures.InclusionOf3In7.Select(MerkleHash.Parse)];
    private static readonly MerkleHash[] Consistency = [.. Fixtures.ConsistencyFrom3To7.Select(MerkleHash.Parse)];

    private static LedgerError InclusionFails(long index, long size, MerkleHash leaf, MerkleHash[] proof, MerkleHash root) =>
        Assert.Throws<LedgerException>(() => ProofVerifier.VerifyInclusion(index, size, leaf, proof, root)).Kind;

    private static LedgerError ConsistencyFails(long m, MerkleHash oldRoot, long n, MerkleHash newRoot, MerkleHash[] proof) =>
        Assert.Throws<LedgerException>(() => ProofVerifier.VerifyConsistency(m, oldRoot, n, newRoot, proof)).Kind;

    [Fact]
    public void Inclusion_proof_one_hash_too_long_fails()
    {
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(3, 7, Leaves[3], [.. Inclusion, Leaves[0]], Root7));
    }

    [Fact]
    public void Inclusion_proof_one_hash_too_short_fails()
    {
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(3, 7, Leaves[3], Inclusion[..^1], Root7));
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(3, 7, Leaves[3], [], Root7));
    }

    [Fact]
    public void Inclusion_proof_in_the_wrong_order_fails()
    {
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(3, 7, Leaves[3], [.. Inclusion.Reverse()], Root7));
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(3, 7, Leaves[3], [Inclusion[1], Inclusion[0], Inclusion[2]], Root7));
    }

    [Fact]
    public void Inclusion_proof_for_the_wrong_leaf_index_or_root_fails()
    {
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(3, 7, Leaves[2], Inclusion, Root7));
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(2, 7, Leaves[3], Inclusion, Root7));
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(3, 7, Leaves[3], Inclusion, Root3));
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(3, 4, Leaves[3], Inclusion, Root7));
        Assert.Equal(LedgerError.OutOfRange, InclusionFails(7, 7, Leaves[3], Inclusion, Root7));
        Assert.Equal(LedgerError.OutOfRange, InclusionFails(0, 0, Leaves[0], [], Rfc9162.EmptyRoot));
    }

    [Fact]
    public void Single_leaf_tree_takes_an_empty_inclusion_proof()
    {
        ProofVerifier.VerifyInclusion(0, 1, Leaves[0], [], Leaves[0]);
        Assert.Equal(LedgerError.ProofFailed, InclusionFails(0, 1, Leaves[0], [Leaves[1]], Leaves[0]));
    }

    [Fact]
    public void Consistency_proof_too_long_too_short_or_reordered_fails()
    {
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(3, Root3, 7, Root7, [.. Consistency, Leaves[0]]));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(3, Root3, 7, Root7, Consistency[..^1]));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(3, Root3, 7, Root7, Consistency[1..]));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(3, Root3, 7, Root7, [.. Consistency.Reverse()]));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(3, Root3, 7, Root7, []));
    }

    [Fact]
    public void Consistency_with_wrong_roots_or_sizes_fails()
    {
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(3, Root7, 7, Root7, Consistency));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(3, Root3, 7, Root3, Consistency));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(4, Root3, 7, Root7, Consistency));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(3, Root3, 4, Root7, Consistency));
    }

    [Fact]
    public void Consistency_from_a_larger_tree_to_a_smaller_one_is_out_of_range()
    {
        Assert.Equal(LedgerError.OutOfRange, ConsistencyFails(7, Root7, 3, Root3, Consistency));
    }

    [Fact]
    public void Equal_sizes_and_the_empty_tree_take_empty_proofs()
    {
        ProofVerifier.VerifyConsistency(7, Root7, 7, Root7, []);
        ProofVerifier.VerifyConsistency(0, Rfc9162.EmptyRoot, 7, Root7, []);
        ProofVerifier.VerifyConsistency(0, Rfc9162.EmptyRoot, 0, Rfc9162.EmptyRoot, []);
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(7, Root7, 7, Root3, []));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(7, Root7, 7, Root7, [Root7]));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(0, Rfc9162.EmptyRoot, 7, Root7, [Root7]));
        Assert.Equal(LedgerError.ProofFailed, ConsistencyFails(0, Root3, 7, Root7, []));
    }

    [Fact]
    public async Task Every_single_hash_change_in_every_small_proof_is_caught()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(40, signer);
        var flipped = MerkleHash.Parse(Fixtures.EmptyRoot);
        for (var n = 2; n <= 40; n++)
        {
            var root = await MerkleTree.RootAsync(store, n, Ct);
            for (var m = 0; m < n; m++)
            {
                var proof = await MerkleTree.InclusionProofAsync(store, m, n, Ct);
                for (var i = 0; i < proof.Length; i++)
                {
                    var bad = (MerkleHash[])proof.Clone();
                    bad[i] = flipped;
                    Assert.Throws<LedgerException>(() => ProofVerifier.VerifyInclusion(m, n, TestLogs.Leaf(m), bad, root));
                }

                if (m > 0)
                {
                    var consistency = await MerkleTree.ConsistencyProofAsync(store, m, n, Ct);
                    var oldRoot = await MerkleTree.RootAsync(store, m, Ct);
                    for (var i = 0; i < consistency.Length; i++)
                    {
                        var bad = (MerkleHash[])consistency.Clone();
                        bad[i] = flipped;
                        Assert.Throws<LedgerException>(() => ProofVerifier.VerifyConsistency(m, oldRoot, n, root, bad));
                    }
                }
            }
        }
    }

    [Fact]
    public void A_trace_shows_each_hash_step_and_the_failing_comparison()
    {
        var steps = new List<VerificationStep>();
        ProofVerifier.VerifyInclusion(3, 7, Leaves[3], Inclusion, Root7, steps);
        Assert.Equal(4, steps.Count);
        Assert.All(steps, s => Assert.True(s.Ok));
        Assert.Contains("left", steps[0].Title, StringComparison.Ordinal);
        Assert.Equal(Fixtures.Roots[6], steps[^1].Inputs[0].Value);

        var failed = new List<VerificationStep>();
        Assert.Throws<LedgerException>(() => ProofVerifier.VerifyInclusion(3, 7, Leaves[2], Inclusion, Root7, failed));
        Assert.False(failed[^1].Ok);
    }
}
