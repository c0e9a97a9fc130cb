using System.Text;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Storage;
using Senim.Ledger.Tests.Support;
using Senim.Ledger.Witnessing;

namespace Senim.Ledger.Tests;

public sealed class WitnessTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly NoteSigner _log = TestLogs.NewSigner();
    private readonly CosignatureSigner _cosigner;
    private readonly NoteVerifier _cosignerKey;
    private readonly TempDir _dir = new();
    private readonly MemoryLogStore _store = new();
    private readonly Witness _witness;

    public WitnessTests()
    {
        var (skey, vkey) = NoteKeys.Generate("witness.example/w1", NoteKeys.CosignatureType);
        _cosigner = (CosignatureSigner)NoteKeys.ParseSignerKey(skey);
        _cosignerKey = NoteKeys.ParseVerifierKey(vkey);
        _witness = new Witness(_cosigner, new Dictionary<string, IReadOnlyList<NoteVerifier>> { [TestLogs.Origin] = [_log.Verifier] }, new FileWitnessState(_dir.File("state.json")));
    }

    public void Dispose()
    {
        _log.Dispose();
        _cosigner.Dispose();
        _dir.Dispose();
    }

    private async Task<string> GrowAsync(int count)
    {
        var appender = new LogAppender(_store, TestLogs.Origin, _log);
        var start = _store.Size;
        return (await appender.AppendAsync([.. Enumerable.Range(0, count).Select(i => TestLogs.Entry(start + i))], TestContext.Current.CancellationToken)).SignedCheckpoint;
    }

    private static string Request(long old, IEnumerable<MerkleHash> proof, string checkpoint) =>
        $"old {old}\n" + string.Concat(proof.Select(h => h.ToBase64() + "\n")) + "\n" + checkpoint;

    private WitnessResponse Add(string request) => _witness.AddCheckpoint(Encoding.UTF8.GetBytes(request));

    [Fact]
    public async Task Cosigns_the_first_checkpoint_and_then_only_consistent_ones()
    {
        var first = await GrowAsync(5);
        var response = Add(Request(0, [], first));
        Assert.Equal(200, response.StatusCode);
        var note = SignedNote.Parse(first).WithSignatures([SignedNote.ParseLine(response.Body.TrimEnd('\n'))]);
        Assert.Single(note.Verify([_cosignerKey]));

        var second = await GrowAsync(9);
        var proof = await MerkleTree.ConsistencyProofAsync(_store, 5, 14, Ct);
        Assert.Equal(200, Add(Request(5, proof, second)).StatusCode);
        Assert.Equal(new WitnessRecord(14, await MerkleTree.RootAsync(_store, 14, Ct)), new FileWitnessState(_dir.File("state.json")).Read(TestLogs.Origin));
    }

    [Fact]
    public async Task A_wrong_old_size_gets_409_with_the_cosigned_size()
    {
        Add(Request(0, [], await GrowAsync(5)));
        var next = await GrowAsync(3);
        var response = Add(Request(0, [], next));
        Assert.Equal(409, response.StatusCode);
        Assert.Equal("text/x.tlog.size", response.ContentType);
        Assert.Equal("5\n", response.Body);
    }

    [Fact]
    public async Task A_bad_consistency_proof_gets_422_and_is_not_cosigned()
    {
        Add(Request(0, [], await GrowAsync(5)));
        var next = await GrowAsync(3);
        var proof = await MerkleTree.ConsistencyProofAsync(_store, 5, 8, Ct);
        Assert.Equal(422, Add(Request(5, [.. proof.Reverse()], next)).StatusCode);
        Assert.Equal(422, Add(Request(5, proof[..^1], next)).StatusCode);
        Assert.Equal(5, new FileWitnessState(_dir.File("state.json")).Read(TestLogs.Origin)!.Size);
    }

    [Fact]
    public async Task A_forked_log_is_refused()
    {
        Add(Request(0, [], await GrowAsync(5)));
        var fork = new Checkpoint(TestLogs.Origin, 5, Rfc9162.EmptyRoot).Sign(_log);
        Assert.Equal(409, Add(Request(5, [], fork)).StatusCode);
        var forkBigger = new Checkpoint(TestLogs.Origin, 6, Rfc9162.EmptyRoot).Sign(_log);
        Assert.Equal(422, Add(Request(5, [TestLogs.Leaf(1)], forkBigger)).StatusCode);
    }

    [Fact]
    public async Task Unknown_origin_bad_signature_and_bad_requests_get_their_status_codes()
    {
        using var stranger = TestLogs.NewSigner("unknown.example/log");
        Assert.Equal(404, Add(Request(0, [], new Checkpoint("unknown.example/log", 1, TestLogs.Leaf(0)).Sign(stranger))).StatusCode);
        using var impostor = TestLogs.NewSigner();
        Assert.Equal(403, Add(Request(0, [], new Checkpoint(TestLogs.Origin, 1, TestLogs.Leaf(0)).Sign(impostor))).StatusCode);
        var good = await GrowAsync(2);
        Assert.Equal(403, Add(Request(0, [], good.Replace("\n2\n", "\n3\n", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(400, Add(Request(3, [], good)).StatusCode);
        Assert.Equal(400, Add("old 01\n\n" + good).StatusCode);
        Assert.Equal(400, Add("new 0\n\n" + good).StatusCode);
        Assert.Equal(400, Add("old 0\nnot-a-hash\n\n" + good).StatusCode);
        Assert.Equal(400, Add("old 0\n" + string.Concat(Enumerable.Repeat(TestLogs.Leaf(0).ToBase64() + "\n", 64)) + "\n" + good).StatusCode);
        Assert.Equal(400, Add("old 0").StatusCode);
        Assert.Equal(400, _witness.AddCheckpoint([0x6f, 0xff]).StatusCode);
        Assert.Equal(413, _witness.AddCheckpoint(new byte[Witness.MaxRequestBytes + 1]).StatusCode);
        Assert.Equal(422, Add(Request(0, [TestLogs.Leaf(0)], good)).StatusCode);
        Assert.Null(new FileWitnessState(_dir.File("state.json")).Read(TestLogs.Origin));
    }
}
