using Senim.Ledger.Notes;
using Senim.Ledger.Receipts;
using Senim.Ledger.Tests.Support;

namespace Senim.Ledger.Tests;

public class ReceiptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_receipt_is_the_c2sp_tlog_proof_text()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(7, signer);
        var receipt = await TlogProof.CreateAsync(store, 3, store.LatestCheckpoint!, Ct);
        var text = receipt.ToString();
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nindex 3\nBJ19zbVrz+vTEzBMmDnxlqPUtu873AsIKY+TrIGR8Kg=\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n" + store.LatestCheckpoint, text, StringComparison.Ordinal);
        var parsed = TlogProof.Parse(text);
        Assert.Equal(receipt.Proof, parsed.Proof);
        Assert.Equal(3, parsed.Index);
        var withExtra = receipt with { Extra = [1, 2, 3] };
        Assert.Contains("\nextra AQID\nindex 3\n", withExtra.ToString(), StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], TlogProof.Parse(withExtra.ToString()).Extra);
    }

    [Fact]
    public async Task A_good_receipt_verifies_with_every_step_shown()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(7, signer);
        var text = (await TlogProof.CreateAsync(store, 3, store.LatestCheckpoint!, Ct)).ToString();
        var result = ReceiptVerifier.Verify(text, TestLogs.Entry(3), new ReceiptPolicy(TestLogs.Origin, signer.Verifier));
        Assert.True(result.Valid, result.Error);
        Assert.Equal(7, result.Checkpoint!.Size);
        Assert.All(result.Steps, s => Assert.True(s.Ok));
        Assert.Contains(result.Steps, s => s.Title.StartsWith("Leaf hash", StringComparison.Ordinal) && s.Outputs[0].Value == TestLogs.Leaf(3).ToHex());
        Assert.Equal(3, result.Steps.Count(s => s.Title.StartsWith("Proof hash", StringComparison.Ordinal)));
        Assert.Equal(Fixtures.Roots[6], result.Steps[^1].Inputs[0].Value);
    }

    [Fact]
    public async Task Receipts_for_another_entry_another_log_or_an_unknown_key_fail_with_a_clear_error()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(7, signer);
        var text = (await TlogProof.CreateAsync(store, 3, store.LatestCheckpoint!, Ct)).ToString();

        var wrongEntry = ReceiptVerifier.Verify(text, TestLogs.Entry(4), new ReceiptPolicy(TestLogs.Origin, signer.Verifier));
        Assert.False(wrongEntry.Valid);
        Assert.Equal(LedgerError.ProofFailed, wrongEntry.ErrorKind);
        Assert.False(wrongEntry.Steps[^1].Ok);

        var otherLog = ReceiptVerifier.Verify(text, TestLogs.Entry(3), new ReceiptPolicy("another.example/log", signer.Verifier));
        Assert.Equal(LedgerError.WrongOrigin, otherLog.ErrorKind);

        using var stranger = TestLogs.NewSigner();
        var unknown = ReceiptVerifier.Verify(text, TestLogs.Entry(3), new ReceiptPolicy(TestLogs.Origin, stranger.Verifier));
        Assert.Equal(LedgerError.UnknownKey, unknown.ErrorKind);
        Assert.Contains("No signature by a trusted key", unknown.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 3\n\nx")]
    [InlineData("c2sp.org/tlog-proof@v1\n\nx")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 03\n\nx")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 3\nnot-a-hash\n\nx")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra !!\nindex 3\n\nx")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 3\n\nnot a signed note")]
    public void Malformed_receipts_fail_as_malformed_never_crash(string text)
    {
        using var signer = TestLogs.NewSigner();
        var result = ReceiptVerifier.Verify(text, "x"u8, new ReceiptPolicy(TestLogs.Origin, signer.Verifier));
        Assert.False(result.Valid);
        Assert.Equal(LedgerError.Malformed, result.ErrorKind);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task Receipts_with_a_tampered_proof_or_checkpoint_fail()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(7, signer);
        var receipt = await TlogProof.CreateAsync(store, 3, store.LatestCheckpoint!, Ct);
        var policy = new ReceiptPolicy(TestLogs.Origin, signer.Verifier);
        Assert.Equal(LedgerError.ProofFailed, ReceiptVerifier.Verify((receipt with { Proof = [.. receipt.Proof.Reverse()] }).ToString(), TestLogs.Entry(3), policy).ErrorKind);
        Assert.Equal(LedgerError.ProofFailed, ReceiptVerifier.Verify((receipt with { Proof = receipt.Proof.Skip(1).ToList() }).ToString(), TestLogs.Entry(3), policy).ErrorKind);
        Assert.Equal(LedgerError.OutOfRange, ReceiptVerifier.Verify((receipt with { Index = 7 }).ToString(), TestLogs.Entry(3), policy).ErrorKind);
        var tampered = receipt.ToString().Replace("\n7\n", "\n8\n", StringComparison.Ordinal);
        Assert.Equal(LedgerError.BadSignature, ReceiptVerifier.Verify(tampered, TestLogs.Entry(3), policy).ErrorKind);
    }

    [Fact]
    public async Task A_witness_quorum_counts_only_valid_cosignatures()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(7, signer);
        var (skey, vkey) = NoteKeys.Generate("witness.example/w1", NoteKeys.CosignatureType);
        using var witness = NoteKeys.ParseSignerKey(skey);
        var note = SignedNote.Parse(store.LatestCheckpoint!);
        var cosigned = note.WithSignatures([SignedNote.ParseLine(witness.SignatureLine(note.Text).TrimEnd('\n'))]).ToString();
        var text = (await TlogProof.CreateAsync(store, 3, cosigned, Ct)).ToString();
        var policy = new ReceiptPolicy(TestLogs.Origin, signer.Verifier, [NoteKeys.ParseVerifierKey(vkey)], 1);
        Assert.True(ReceiptVerifier.Verify(text, TestLogs.Entry(3), policy).Valid);
        var bare = (await TlogProof.CreateAsync(store, 3, store.LatestCheckpoint!, Ct)).ToString();
        var result = ReceiptVerifier.Verify(bare, TestLogs.Entry(3), policy);
        Assert.False(result.Valid);
        Assert.Contains("0 valid witness cosignature(s), 1 required", result.Error, StringComparison.Ordinal);
    }
}
