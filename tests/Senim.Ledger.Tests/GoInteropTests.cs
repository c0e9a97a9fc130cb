using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Tests.Support;
using Senim.Ledger.Tiles;

namespace Senim.Ledger.Tests;

/// <summary>Senim's checkpoints, proofs and tiles checked by Go's golang.org/x/mod/sumdb (note, tlog).</summary>
public class GoInteropTests
{
    [Fact]
    public void Go_verifies_a_senim_signed_checkpoint()
    {
        using var signer = TestLogs.NewSigner();
        var store = TestLogs.Build(7, signer);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("cp"), store.ReadCheckpoint());
        var run = GoVerifier.Run("checkpoint", signer.VerifierKey, dir.File("cp"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal($"{TestLogs.Origin}\n7\n{MerkleHash.Parse(Fixtures.Roots[6]).ToBase64()}\n", run.Output);

        File.WriteAllText(dir.File("bad"), store.ReadCheckpoint()!.Replace("\n7\n", "\n6\n", StringComparison.Ordinal));
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
    public void Go_verifies_senim_inclusion_proofs()
    {
        using var signer = TestLogs.NewSigner();
        var store = TestLogs.Build(1000, signer);
        foreach (var (index, size) in new[] { (3L, 7L), (0L, 1L), (0L, 1000L), (999L, 1000L), (511L, 512L), (512L, 513L), (300L, 777L) })
        {
            var proof = MerkleTree.InclusionProof(store, index, size).Select(h => h.ToHex());
            string[] args = ["inclusion", $"{size}", MerkleTree.Root(store, size).ToHex(), $"{index}", TestLogs.Leaf(index).ToHex(), .. proof];
            var run = GoVerifier.Run(args);
            Assert.True(run.ExitCode == 0, $"{index} in {size}: {run.Error}");
        }

        var bad = MerkleTree.InclusionProof(store, 5, 100).Select(h => h.ToHex()).Reverse();
        Assert.Equal(1, GoVerifier.Run(["inclusion", "100", MerkleTree.Root(store, 100).ToHex(), "5", TestLogs.Leaf(5).ToHex(), .. bad]).ExitCode);
    }

    [Fact]
    public void Go_verifies_senim_consistency_proofs()
    {
        using var signer = TestLogs.NewSigner();
        var store = TestLogs.Build(1000, signer);
        foreach (var (m, n) in new[] { (3L, 7L), (1L, 1000L), (256L, 1000L), (999L, 1000L), (500L, 777L), (0L, 5L), (7L, 7L) })
        {
            var proof = MerkleTree.ConsistencyProof(store, m, n).Select(h => h.ToHex());
            string[] args = ["consistency", $"{m}", MerkleTree.Root(store, m).ToHex(), $"{n}", MerkleTree.Root(store, n).ToHex(), .. proof];
            var run = GoVerifier.Run(args);
            Assert.True(run.ExitCode == 0, $"{m} -> {n}: {run.Error}");
        }

        var shortProof = MerkleTree.ConsistencyProof(store, 500, 777).Skip(1).Select(h => h.ToHex());
        Assert.Equal(1, GoVerifier.Run(["consistency", "500", MerkleTree.Root(store, 500).ToHex(), "777", MerkleTree.Root(store, 777).ToHex(), .. shortProof]).ExitCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(256)]
    [InlineData(70_000)]
    public void Go_recomputes_the_root_from_tiles_senim_writes_to_a_folder(int size)
    {
        using var signer = TestLogs.NewSigner();
        var store = TestLogs.Build(size, signer, batch: 10_000);
        using var dir = new TempDir();
        LogExporter.Export(store, dir.Path);
        var run = GoVerifier.Run("root-from-tiles", dir.Path, $"{size}");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(MerkleTree.Root(store, size).ToBase64() + "\n", run.Output);
        var earlier = GoVerifier.Run("root-from-tiles", dir.Path, $"{size / 2}");
        Assert.Equal(MerkleTree.Root(store, size / 2).ToBase64() + "\n", earlier.Output);
    }
}
