using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Tests.Support;

namespace Senim.Ledger.Tests;

public class CheckpointTests
{
    private static readonly MerkleHash Root7 = MerkleHash.Parse(Fixtures.Roots[6]);

    [Fact]
    public void Body_is_origin_size_and_base64_root_each_ending_in_newline()
    {
        var checkpoint = new Checkpoint("example.kz/ai-register", 7, Root7);
        Assert.Equal("example.kz/ai-register\n7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=\n", checkpoint.ToBody());
        Assert.Equal(checkpoint.ToBody(), Checkpoint.ParseBody(checkpoint.ToBody()).ToBody());
        var extended = new Checkpoint("o", 0, Rfc9162.EmptyRoot, ["ext one", "ext two"]);
        Assert.Equal(["ext one", "ext two"], Checkpoint.ParseBody(extended.ToBody()).Extensions);
    }

    [Theory]
    [InlineData("o\n7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=")]
    [InlineData("o\n7\n")]
    [InlineData("\n7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=\n")]
    [InlineData("o\n07\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=\n")]
    [InlineData("o\n-7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=\n")]
    [InlineData("o\n+7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=\n")]
    [InlineData("o\n99999999999999999999\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=\n")]
    [InlineData("o\n7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0\n")]
    [InlineData("o\n7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMW==\n")]
    [InlineData("o\n7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=\n\n")]
    public void Malformed_bodies_are_rejected(string body)
    {
        Assert.Equal(LedgerError.Malformed, Assert.Throws<LedgerException>(() => Checkpoint.ParseBody(body)).Kind);
    }

    [Fact]
    public void Open_checks_signature_and_origin()
    {
        using var signer = TestLogs.NewSigner();
        var signed = new Checkpoint(TestLogs.Origin, 7, Root7).Sign(signer);
        var (checkpoint, _, verified) = Checkpoint.Open(signed, TestLogs.Origin, [signer.Verifier]);
        Assert.Equal(7, checkpoint.Size);
        Assert.Single(verified);

        Assert.Equal(LedgerError.WrongOrigin, Assert.Throws<LedgerException>(() => Checkpoint.Open(signed, "another.log", [signer.Verifier])).Kind);
        using var other = TestLogs.NewSigner();
        Assert.Equal(LedgerError.UnknownKey, Assert.Throws<LedgerException>(() => Checkpoint.Open(signed, TestLogs.Origin, [other.Verifier])).Kind);
        var tampered = signed.Replace("\n7\n", "\n8\n", StringComparison.Ordinal);
        Assert.Equal(LedgerError.BadSignature, Assert.Throws<LedgerException>(() => Checkpoint.Open(tampered, TestLogs.Origin, [signer.Verifier])).Kind);
    }
}
