using Senim.Ledger.Merkle;
using Senim.Ledger.Tests.Support;

namespace Senim.Ledger.Tests;

public class MerkleTreeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_vectors_here_are_the_shared_fixtures_vectors()
    {
        var readme = Fixtures.SharedReadme();
        if (readme is null)
        {
            Assert.Skip("../shared/fixtures/tlog/README.md is not beside the repository.");
        }

        foreach (var hash in Fixtures.Roots.Concat(Fixtures.InclusionOf3In7).Concat(Fixtures.ConsistencyFrom3To7).Append(Fixtures.EmptyRoot))
        {
            Assert.Contains(hash, readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Empty_tree_root_is_sha256_of_the_empty_string_not_zeros()
    {
        Assert.Equal(Fixtures.EmptyRoot, Rfc9162.EmptyRoot.ToHex());
        Assert.Equal(Fixtures.EmptyRoot, (await MerkleTree.RootAsync(new Storage.MemoryLogStore(), 0, Ct)).ToHex());
        Assert.Equal(Fixtures.EmptyRoot, new MerkleFrontier().Root().ToHex());
    }

    [Fact]
    public void Leaf_and_node_hashes_follow_rfc_9162_prefixes()
    {
        Assert.Equal(Fixtures.Roots[0], Rfc9162.LeafHash("entry-0"u8).ToHex());
        var expected = System.Security.Cryptography.SHA256.HashData([0x01, .. TestLogs.Leaf(0).ToArray(), .. TestLogs.Leaf(1).ToArray()]);
        Assert.Equal(Convert.ToHexStringLower(expected), Rfc9162.NodeHash(TestLogs.Leaf(0), TestLogs.Leaf(1)).ToHex());
        var big = new byte[5000];
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([0x00, .. big])), Rfc9162.LeafHash(big).ToHex());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Roots_of_sizes_1_to_7_match_the_fixtures(int size)
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(7, signer, batch: 1);
        Assert.Equal(Fixtures.Roots[size - 1], (await MerkleTree.RootAsync(store, size, Ct)).ToHex());
        Assert.Equal(Fixtures.Roots[size - 1], Rfc9162.RootOfLeafHashes(TestLogs.Leaves(size)).ToHex());
    }

    [Fact]
    public async Task Inclusion_and_consistency_proofs_match_the_fixtures()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(7, signer);
        Assert.Equal(Fixtures.InclusionOf3In7, (await MerkleTree.InclusionProofAsync(store, 3, 7, Ct)).Select(h => h.ToHex()));
        Assert.Equal(Fixtures.ConsistencyFrom3To7, (await MerkleTree.ConsistencyProofAsync(store, 3, 7, Ct)).Select(h => h.ToHex()));
        ProofVerifier.VerifyInclusion(3, 7, TestLogs.Leaf(3), [.. Fixtures.InclusionOf3In7.Select(MerkleHash.Parse)], MerkleHash.Parse(Fixtures.Roots[6]));
        ProofVerifier.VerifyConsistency(3, MerkleHash.Parse(Fixtures.Roots[2]), 7, MerkleHash.Parse(Fixtures.Roots[6]), [.. Fixtures.ConsistencyFrom3To7.Select(MerkleHash.Parse)]);
    }

    [Fact]
    public async Task Every_inclusion_proof_up_to_size_300_matches_the_rfc_definition_and_verifies()
    {
        const int max = 300;
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(max, signer, batch: 7);
        var leaves = TestLogs.Leaves(max);
        for (var n = 1; n <= max; n++)
        {
            var root = await MerkleTree.RootAsync(store, n, Ct);
            Assert.Equal(Rfc9162.RootOfLeafHashes(leaves.AsSpan(0, n)), root);
            for (var m = 0; m < n; m++)
            {
                var proof = await MerkleTree.InclusionProofAsync(store, m, n, Ct);
                if (n <= 64)
                {
                    Assert.Equal(TestLogs.ReferencePath(m, leaves.AsSpan(0, n)), proof);
                }

                ProofVerifier.VerifyInclusion(m, n, leaves[m], proof, root);
            }
        }
    }

    [Fact]
    public async Task Every_consistency_proof_up_to_size_300_matches_the_rfc_definition_and_verifies()
    {
        const int max = 300;
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(max, signer, batch: 13);
        var leaves = TestLogs.Leaves(max);
        var roots = new MerkleHash[max + 1];
        for (var n = 0; n <= max; n++)
        {
            roots[n] = await MerkleTree.RootAsync(store, n, Ct);
        }

        for (var n = 0; n <= max; n++)
        {
            for (var m = 0; m <= n; m++)
            {
                var proof = await MerkleTree.ConsistencyProofAsync(store, m, n, Ct);
                if (n <= 64 && m > 0 && m < n)
                {
                    Assert.Equal(TestLogs.ReferenceSubProof(m, leaves.AsSpan(0, n), true), proof);
                }

                ProofVerifier.VerifyConsistency(m, roots[m], n, roots[n], proof);
            }
        }
    }

    [Fact]
    public async Task A_proof_for_an_index_outside_the_tree_or_from_a_larger_tree_is_refused()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(10, signer);
        Assert.Equal(LedgerError.OutOfRange, (await Assert.ThrowsAsync<LedgerException>(async () => await MerkleTree.InclusionProofAsync(store, 10, 10, Ct))).Kind);
        Assert.Equal(LedgerError.OutOfRange, (await Assert.ThrowsAsync<LedgerException>(async () => await MerkleTree.ConsistencyProofAsync(store, 8, 4, Ct))).Kind);
        Assert.Equal(LedgerError.Missing, (await Assert.ThrowsAsync<LedgerException>(async () => await MerkleTree.RootAsync(store, 11, Ct))).Kind);
        Assert.Equal(LedgerError.OutOfRange, (await Assert.ThrowsAsync<LedgerException>(async () => await MerkleTree.RangeHashAsync(store, 3, 5, Ct))).Kind);
        Assert.Equal(await MerkleTree.RootAsync(store, 8, Ct), await MerkleTree.RangeHashAsync(store, 0, 8, Ct));
        Assert.Equal(Rfc9162.RootOfLeafHashes(TestLogs.Leaves(10).AsSpan(8)), await MerkleTree.RangeHashAsync(store, 8, 10, Ct));
    }

    [Fact]
    public void Hashes_parse_from_hex_and_strict_base64_only()
    {
        var hash = MerkleHash.Parse(Fixtures.Roots[0]);
        Assert.Equal(hash, MerkleHash.ParseBase64(hash.ToBase64()));
        Assert.False(MerkleHash.TryParseBase64(hash.ToBase64() + " ", out _));
        Assert.False(MerkleHash.TryParseBase64("QHZrIDNCkCb1PVRQJnmoOXBrR0H43K86i7pfQbX+4H=", out _)); // stray bits in the last character
        Assert.False(MerkleHash.TryParseBase64(Convert.ToBase64String(new byte[31]), out _));
        Assert.Throws<LedgerException>(() => MerkleHash.Parse("zz"));
    }
}
