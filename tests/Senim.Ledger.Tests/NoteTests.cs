using System.Security.Cryptography;
using Senim.Ledger.Notes;
using Senim.Ledger.Tests.Support;

namespace Senim.Ledger.Tests;

public class NoteTests
{
    [Fact]
    public void The_go_reference_key_signs_the_reference_note_byte_for_byte()
    {
        using var signer = NoteKeys.ParseSignerKey(TestLogs.PeterSignerKey);
        Assert.Equal(0xc74f20a3u, signer.KeyId);
        Assert.Equal(TestLogs.PeterVerifierKey, signer.VerifierKey);
        Assert.Equal(TestLogs.PeterText + "\n" + TestLogs.PeterSignature, signer.SignNote(TestLogs.PeterText));
    }

    [Fact]
    public void The_reference_note_opens_with_the_reference_verifier_key()
    {
        var verifier = NoteKeys.ParseVerifierKey(TestLogs.PeterVerifierKey);
        var note = SignedNote.Parse(TestLogs.PeterText + "\n" + TestLogs.PeterSignature);
        var verified = note.Verify([verifier]);
        Assert.Equal("PeterNeumann", Assert.Single(verified).Signature.Name);
        Assert.Equal(TestLogs.PeterText, note.Text);
    }

    [Fact]
    public void Key_id_is_the_first_four_bytes_of_sha256_of_name_newline_type_and_key()
    {
        var verifier = NoteKeys.ParseVerifierKey(TestLogs.PeterVerifierKey);
        var key = Convert.FromBase64String("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        var hash = SHA256.HashData([.. "PeterNeumann\n"u8, .. key]);
        Assert.Equal(Convert.ToHexStringLower(hash[..4]), verifier.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_changed_text_fails_with_bad_signature()
    {
        var verifier = NoteKeys.ParseVerifierKey(TestLogs.PeterVerifierKey);
        var note = SignedNote.Parse(TestLogs.PeterText.Replace("cryptography", "cryptographY", StringComparison.Ordinal) + "\n" + TestLogs.PeterSignature);
        Assert.Equal(LedgerError.BadSignature, Assert.Throws<LedgerException>(() => note.Verify([verifier])).Kind);
    }

    [Fact]
    public void A_note_signed_only_by_unknown_keys_fails_with_unknown_key()
    {
        using var other = TestLogs.NewSigner("someone.else");
        var note = SignedNote.Parse(TestLogs.PeterText + "\n" + TestLogs.PeterSignature);
        var error = Assert.Throws<LedgerException>(() => note.Verify([other.Verifier]));
        Assert.Equal(LedgerError.UnknownKey, error.Kind);
        Assert.Contains("PeterNeumann+c74f20a3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_name_with_another_key_id_is_ignored_not_trusted()
    {
        using var impostor = TestLogs.NewSigner("PeterNeumann");
        var note = SignedNote.Parse(impostor.SignNote(TestLogs.PeterText));
        var peter = NoteKeys.ParseVerifierKey(TestLogs.PeterVerifierKey);
        Assert.Equal(LedgerError.UnknownKey, Assert.Throws<LedgerException>(() => note.Verify([peter])).Kind);
    }

    [Fact]
    public void Unknown_signatures_beside_a_trusted_one_are_ignored()
    {
        using var other = TestLogs.NewSigner("witness.example");
        var text = TestLogs.PeterText + "\n" + other.SignatureLine(TestLogs.PeterText) + TestLogs.PeterSignature;
        var verified = SignedNote.Parse(text).Verify([NoteKeys.ParseVerifierKey(TestLogs.PeterVerifierKey)]);
        Assert.Single(verified);
    }

    [Theory]
    [InlineData("no blank line\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("text\n\n")]
    [InlineData("text\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")]
    [InlineData("text\n\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("text\n\n\u2014 PeterNeumann\n")]
    [InlineData("text\n\n\u2014 PeterNeumann !!!notbase64!!!\n")]
    [InlineData("text\n\n\u2014 PeterNeumann AAAA\n")]
    [InlineData("text\n\n\u2014 Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("te\txt\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("text\r\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    public void Malformed_notes_are_rejected_as_malformed(string text)
    {
        Assert.Equal(LedgerError.Malformed, Assert.Throws<LedgerException>(() => SignedNote.Parse(text)).Kind);
    }

    [Fact]
    public void Invalid_utf8_oversize_notes_and_too_many_signatures_are_rejected()
    {
        Assert.Equal(LedgerError.Malformed, Assert.Throws<LedgerException>(() => SignedNote.Parse([0x61, 0xff, 0x0a, 0x0a])).Kind);
        Assert.Throws<LedgerException>(() => SignedNote.Parse(new byte[SignedNote.MaxBytes + 1]));
        var many = TestLogs.PeterText + "\n" + string.Concat(Enumerable.Repeat(TestLogs.PeterSignature, SignedNote.MaxSignatures + 1));
        Assert.Contains("more than", Assert.Throws<LedgerException>(() => SignedNote.Parse(many)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumanN+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T")]
    [InlineData("PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    public void Mangled_verifier_keys_are_rejected(string vkey)
    {
        Assert.Equal(LedgerError.Malformed, Assert.Throws<LedgerException>(() => NoteKeys.ParseVerifierKey(vkey)).Kind);
    }

    [Fact]
    public void Mangled_signer_keys_are_rejected()
    {
        Assert.Throws<LedgerException>(() => NoteKeys.ParseSignerKey("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"));
        Assert.Throws<LedgerException>(() => NoteKeys.ParseSignerKey("PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"));
        Assert.Throws<LedgerException>(() => NoteKeys.ParseSignerKey(TestLogs.PeterVerifierKey));
    }

    [Fact]
    public void Generated_keys_round_trip_and_sign()
    {
        var (skey, vkey) = NoteKeys.Generate("senim.example/log");
        Assert.StartsWith("PRIVATE+KEY+senim.example/log+", skey, StringComparison.Ordinal);
        using var signer = NoteKeys.ParseSignerKey(skey);
        Assert.Equal(vkey, signer.VerifierKey);
        var note = signer.SignNote("hello\n");
        SignedNote.Parse(note).Verify([NoteKeys.ParseVerifierKey(vkey)]);
        Assert.Throws<LedgerException>(() => signer.SignNote("no newline"));
        Assert.Throws<LedgerException>(() => NoteKeys.Generate("bad name"));
    }

    [Fact]
    public void File_key_store_creates_an_owner_only_key_file_and_loads_it()
    {
        using var dir = new TempDir();
        var path = dir.File("keys/log.key");
        using var created = FileKeyStore.LoadOrCreate(path, "senim.example/log");
        using var loaded = FileKeyStore.LoadOrCreate(path, "senim.example/log");
        Assert.Equal(created.VerifierKey, loaded.VerifierKey);
        Assert.Equal(created.VerifierKey + "\n", File.ReadAllText(path + ".pub"));
        Assert.StartsWith("PRIVATE+KEY+senim.example/log+", File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            Assert.Contains("chmod 600", Assert.Throws<LedgerException>(() => FileKeyStore.Load(path)).Message, StringComparison.Ordinal);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Equal(LedgerError.UnknownKey, Assert.Throws<LedgerException>(() => FileKeyStore.LoadOrCreate(path, "another.name")).Kind);
        Assert.Equal(LedgerError.Missing, Assert.Throws<LedgerException>(() => FileKeyStore.Load(dir.File("none"))).Kind);
    }

    [Fact]
    public void Cosignatures_sign_the_cosignature_v1_message_with_a_timestamp()
    {
        var (skey, vkey) = NoteKeys.Generate("witness.example/w1", NoteKeys.CosignatureType);
        using var cosigner = Assert.IsType<CosignatureSigner>(NoteKeys.ParseSignerKey(skey));
        var verifier = NoteKeys.ParseVerifierKey(vkey);
        Assert.IsType<CosignatureVerifier>(verifier);
        var body = "example.com/log\n7\nkTlgHMHKirKnoMLBNMBIRfKxulSag9bIRc/NpDnMWF0=\n"u8.ToArray();
        var signature = cosigner.SignAt(body, 1679315147);
        Assert.Equal(72, signature.Length);
        Assert.Equal(1679315147ul, CosignatureVerifier.Timestamp(signature));
        Assert.True(verifier.Verify(body, signature));

        // The Ed25519 part signs exactly "cosignature/v1\ntime 1679315147\n" + body.
        var publicKey = Convert.FromBase64String(vkey.Split('+', 3)[2])[1..];
        var ed = NoteKeys.ParseVerifierKey($"witness.example/w1+{KeyIdFor("witness.example/w1", publicKey)}+{Convert.ToBase64String([0x01, .. publicKey])}");
        Assert.True(ed.Verify([.. "cosignature/v1\ntime 1679315147\n"u8, .. body], signature.AsSpan(8)));
        Assert.False(verifier.Verify(body, [.. signature[..7], (byte)(signature[7] ^ 1), .. signature.AsSpan(8)]));
        Assert.False(verifier.Verify([.. body, 0x41], signature));
    }

    private static string KeyIdFor(string name, byte[] publicKey) =>
        NoteKeys.KeyId(name, NoteKeys.Ed25519Type, publicKey).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
