using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Tests.Support;
using Senim.Ledger.Tiles;

namespace Senim.Ledger.Tests;

/// <summary>Senim's checkpoints, proofs and tiles checked by Go's golang.org/x/mod/sumdb (note, tlog).</summary>
public class GoInteropTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Go_verifies_a_senim_signed_checkpoint()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(7, signer);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("cp"), store.LatestCheckpoint);
        var run = GoVerifier.Run("checkpoint", signer.VerifierKey, dir.File("cp"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal($"{TestLogs.Origin}\n7\n{MerkleHash.Parse(Fixtures.Roots[6]).ToBase64()}\n", run.Output);

        File.WriteAllText(dir.File("bad"), store.LatestCheckpoint!.Replace("\n7\n", "\n6\n", StringComparison.Ordinal));
        Assert.Equal(1, GoVerifier.Run("checkpoint", signer.VerifierKey, dir.File("bad")).ExitCode);
    }

    [Fact]
    public void Senim_verifies_a_go_signed_checkpoint_and_signs_like_go_with_a_go_key()
    {
        var keys = GoVerifier.Run("keygen", "go.example/log");
        Assert.Equal(0, keys.ExitCode);
        var lines = keys.Output.Split('\n');
        using var dir = new TempDir();
        var body = new Checkpoint("go.example/log", 7, MerkleHash.Parse(Fixtures.Roots[6])).ToBody();
        File.WriteAllText(dir.File("cp.txt"), body);
        var signed = GoVerifier.Run("sign", lines[0], dir.File("cp.txt"));
        Assert.Equal(0, signed.ExitCode);
        var (checkpoint, _, _) = Checkpoint.Open(signed.Output, "go.example/log", [NoteKeys.ParseVerifierKey(lines[1])]);
        Assert.Equal(7, checkpoint.Size);
        using var signer = NoteKeys.ParseSignerKey(lines[0]);
        Assert.Equal(lines[1], signer.VerifierKey);
        Assert.Equal(signed.Output, signer.SignNote(body));
    }

    [Fact]
    public async Task Go_verifies_senim_inclusion_proofs()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(1000, signer);
        foreach (var (index, size) in new[] { (3L, 7L), (0L, 1L), (0L, 1000L), (999L, 1000L), (511L, 512L), (512L, 513L), (300L, 777L) })
        {
            var proof = (await MerkleTree.InclusionProofAsync(store, index, size, Ct)).Select(h => h.ToHex());
            string[] args = ["inclusion", $"{size}", (await MerkleTree.RootAsync(store, size, Ct)).ToHex(), $"{index}", TestLogs.Leaf(index).ToHex(), .. proof];
            var run = GoVerifier.Run(args);
            Assert.True(run.ExitCode == 0, $"{index} in {size}: {run.Error}");
        }

        var bad = (await MerkleTree.InclusionProofAsync(store, 5, 100, Ct)).Select(h => h.ToHex()).Reverse();
        Assert.Equal(1, GoVerifier.Run(["inclusion", "100", (await MerkleTree.RootAsync(store, 100, Ct)).ToHex(), "5", TestLogs.Leaf(5).ToHex(), .. bad]).ExitCode);
    }

    [Fact]
    public async Task Go_verifies_senim_consistency_proofs()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(1000, signer);
        foreach (var (m, n) in new[] { (3L, 7L), (1L, 1000L), (256L, 1000L), (999L, 1000L), (500L, 777L), (0L, 5L), (7L, 7L) })
        {
            var proof = (await MerkleTree.ConsistencyProofAsync(store, m, n, Ct)).Select(h => h.ToHex());
            string[] args = ["consistency", $"{m}", (await MerkleTree.RootAsync(store, m, Ct)).ToHex(), $"{n}", (await MerkleTree.RootAsync(store, n, Ct)).ToHex(), .. proof];
            var run = GoVerifier.Run(args);
            Assert.True(run.ExitCode == 0, $"{m} -> {n}: {run.Error}");
        }

        var shortProof = (await MerkleTree.ConsistencyProofAsync(store, 500, 777, Ct)).Skip(1).Select(h => h.ToHex());
        Assert.Equal(1, GoVerifier.Run(["consistency", "500", (await MerkleTree.RootAsync(store, 500, Ct)).ToHex(), "777", (await MerkleTree.RootAsync(store, 777, Ct)).ToHex(), .. shortProof]).ExitCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(256)]
    [InlineData(70_000)]
    public async Task Go_recomputes_the_root_from_tiles_senim_writes_to_a_folder(int size)
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(size, signer, batch: 10_000);
        using var dir = new TempDir();
        await LogExporter.ExportAsync(store, dir.Path, Ct);
        var run = GoVerifier.Run("root-from-tiles", dir.Path, $"{size}");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal((await MerkleTree.RootAsync(store, size, Ct)).ToBase64() + "\n", run.Output);
        var earlier = GoVerifier.Run("root-from-tiles", dir.Path, $"{size / 2}");
        Assert.Equal((await MerkleTree.RootAsync(store, size / 2, Ct)).ToBase64() + "\n", earlier.Output);
    }
}
