using System.Formats.Asn1;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Senim.Authority.Keys;

namespace Senim.Authority.Tests.Keys;

public sealed class FileKeyStoreTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly string _dir = Directory.CreateTempSubdirectory("senim-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FileKeyStore Store(string password = Password) => new(Path.Combine(_dir, "keys"), password, FileKeyStore.MinIterations);

    [Fact]
    public void A_created_key_opens_again_and_signs_verifiably()
    {
        byte[] publicKey;
        using (var created = Store().Create("signer-1", KeyAlgorithm.EcP256))
        {
            publicKey = created.ExportSubjectPublicKeyInfo();
        }

        using var opened = Store().Open("signer-1");
        Assert.Equal(KeyAlgorithm.EcP256, opened.Algorithm);
        Assert.Equal(publicKey, opened.ExportSubjectPublicKeyInfo());

        var data = "label claim"u8.ToArray();
        var signature = opened.SignData(data, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        Assert.Equal(64, signature.Length);
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(publicKey, out _);
        Assert.True(verifier.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        var digest = SHA256.HashData(data);
        var der = opened.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
        Assert.True(verifier.VerifyHash(digest, der, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void A_P384_key_signs_ES384()
    {
        using var key = Store().Create("ca", KeyAlgorithm.EcP384);
        Assert.Equal(96, key.SignData([1, 2, 3], DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Length);
        Assert.Throws<ArgumentException>(() => key.SignHash(new byte[32], DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void The_file_is_encrypted_PKCS8_with_PBES2_PBKDF2_HMAC_SHA256_and_AES_256_CBC()
    {
        var store = Store();
        store.Create("k", KeyAlgorithm.EcP256).Dispose();
        var text = File.ReadAllText(store.PathOf("k"));
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN PRIVATE KEY", text, StringComparison.Ordinal);

        var (kdf, iterations, prf, cipher) = ReadPbes2(text);
        Assert.Equal("1.2.840.113549.1.5.12", kdf);
        Assert.Equal(FileKeyStore.MinIterations, iterations);
        Assert.Equal("1.2.840.113549.2.9", prf);
        Assert.Equal("2.16.840.1.101.3.4.1.42", cipher);
    }

    [Fact]
    public void New_keys_use_600000_PBKDF2_iterations_by_default()
    {
        var store = new FileKeyStore(Path.Combine(_dir, "default"), Password);
        store.Create("k", KeyAlgorithm.EcP256).Dispose();
        Assert.Equal(600_000, ReadPbes2(File.ReadAllText(store.PathOf("k"))).Iterations);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Key_files_are_0600_in_a_0700_folder_and_no_temporary_file_is_left()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions");
        var store = Store();
        store.Create("k", KeyAlgorithm.EcP256).Dispose();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PathOf("k")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
        Assert.Equal(["k.key.pem"], Directory.GetFiles(store.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_wrong_password_is_a_clear_error()
    {
        Store().Create("k", KeyAlgorithm.EcP256).Dispose();
        var ex = Assert.Throws<KeyStoreException>(() => Store("not the right password").Open("k"));
        Assert.Equal(KeyStoreError.WrongPassword, ex.Error);
        Assert.Equal("The key 'k' could not be decrypted: the key store password is wrong, or the key file was altered.", ex.Message);
    }

    [Fact]
    public void A_missing_key_is_not_found()
    {
        var ex = Assert.Throws<KeyStoreException>(() => Store().Open("absent"));
        Assert.Equal(KeyStoreError.NotFound, ex.Error);
        Assert.Contains("No key named 'absent'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_key_is_never_overwritten()
    {
        var store = Store();
        store.Create("k", KeyAlgorithm.EcP256).Dispose();
        var before = File.ReadAllBytes(store.PathOf("k"));
        var ex = Assert.Throws<KeyStoreException>(() => store.Create("k", KeyAlgorithm.EcP256));
        Assert.Equal(KeyStoreError.AlreadyExists, ex.Error);
        Assert.Equal(before, File.ReadAllBytes(store.PathOf("k")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    [InlineData("name with space")]
    public void Names_that_could_leave_the_folder_are_refused(string name)
    {
        var ex = Assert.Throws<KeyStoreException>(() => Store().Create(name, KeyAlgorithm.EcP256));
        Assert.Equal(KeyStoreError.InvalidName, ex.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("            ")]
    public void Weak_passwords_are_refused(string password)
    {
        var ex = Assert.Throws<KeyStoreException>(() => new FileKeyStore(_dir, password));
        Assert.Equal(KeyStoreError.WeakPassword, ex.Error);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_key_file_others_can_read_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions");
        var store = Store();
        store.Create("k", KeyAlgorithm.EcP256).Dispose();
        File.SetUnixFileMode(store.PathOf("k"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var ex = Assert.Throws<KeyStoreException>(() => store.Open("k"));
        Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> CorruptFiles => new()
    {
        { "not PEM at all", "holds no PEM block" },
        { "-----BEGIN PRIVATE KEY-----\nMEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n-----END PRIVATE KEY-----\n", "Senim stores only encrypted keys" },
        { "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n", "DER structure is damaged" },
        { "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", "DER structure is damaged" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Damaged_key_files_are_refused_as_corrupt(string content, string reason)
    {
        var store = Store();
        WritePrivate(store.PathOf("k"), content);
        var ex = Assert.Throws<KeyStoreException>(() => store.Open("k"));
        Assert.Equal(KeyStoreError.Corrupt, ex.Error);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_key_file_is_corrupt()
    {
        var store = Store();
        store.Create("k", KeyAlgorithm.EcP256).Dispose();
        var lines = File.ReadAllLines(store.PathOf("k"));
        File.WriteAllLines(store.PathOf("k"), [lines[0], lines[1], lines[^1]]);
        var ex = Assert.Throws<KeyStoreException>(() => store.Open("k"));
        Assert.Equal(KeyStoreError.Corrupt, ex.Error);
    }

    [Fact]
    public void A_changed_ciphertext_cannot_be_opened()
    {
        var store = Store();
        store.Create("k", KeyAlgorithm.EcP256).Dispose();
        var text = File.ReadAllText(store.PathOf("k"));
        PemEncoding.TryFind(text, out var fields);
        var der = Convert.FromBase64String(text[fields.Base64Data]);
        der[^20] ^= 0x01;
        WritePrivate(store.PathOf("k"), PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", der));
        var ex = Assert.Throws<KeyStoreException>(() => store.Open("k"));
        Assert.Equal(KeyStoreError.WrongPassword, ex.Error);
    }

    [Fact]
    public void An_absurd_iteration_count_is_refused_before_any_decryption()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.5.13");
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("1.2.840.113549.1.5.12");
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(new byte[16]);
                            writer.WriteInteger(int.MaxValue);
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("2.16.840.1.101.3.4.1.42");
                        writer.WriteOctetString(new byte[16]);
                    }
                }
            }

            writer.WriteOctetString(new byte[64]);
        }

        var store = Store();
        WritePrivate(store.PathOf("k"), PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", writer.Encode()));
        var ex = Assert.Throws<KeyStoreException>(() => store.Open("k"));
        Assert.Equal(KeyStoreError.Corrupt, ex.Error);
        Assert.Contains("iteration count is outside 1..10,000,000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversize_key_file_is_not_read()
    {
        var store = Store();
        WritePrivate(store.PathOf("k"), new string('A', 100_000));
        var ex = Assert.Throws<KeyStoreException>(() => store.Open("k"));
        Assert.Equal(KeyStoreError.Corrupt, ex.Error);
        Assert.Contains("far more than a key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_on_another_curve_is_unsupported()
    {
        var store = Store();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var der = other.ExportEncryptedPkcs8PrivateKey(Password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));
        WritePrivate(store.PathOf("k"), PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", der));
        var ex = Assert.Throws<KeyStoreException>(() => store.Open("k"));
        Assert.Equal(KeyStoreError.UnsupportedKey, ex.Error);
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static (string Kdf, int Iterations, string Prf, string Cipher) ReadPbes2(string pem)
    {
        PemEncoding.TryFind(pem, out var fields);
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var algorithm = info.ReadSequence();
        Assert.Equal("1.2.840.113549.1.5.13", algorithm.ReadObjectIdentifier());
        var pbes2 = algorithm.ReadSequence();
        var kdf = pbes2.ReadSequence();
        var kdfOid = kdf.ReadObjectIdentifier();
        var kdfParams = kdf.ReadSequence();
        kdfParams.ReadOctetString();
        kdfParams.TryReadInt32(out var iterations);
        var prf = kdfParams.ReadSequence().ReadObjectIdentifier();
        var cipher = pbes2.ReadSequence().ReadObjectIdentifier();
        return (kdfOid, iterations, prf, cipher);
    }
}
