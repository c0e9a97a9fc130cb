using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Labels.Assertions;
using Senim.Labels.Signing;
using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

/// <summary>
/// Senim and c2pa-rs (its WebAssembly build, @contentauth/c2pa-wasm 0.13.3) check each other: files Senim
/// signs are Valid/Trusted there, files c2pa-rs signs validate here, and tampered copies fail in both with
/// the same codes. Needs SENIM_C2PA_REF (scripts/test.sh sets it).
/// </summary>
public sealed class InteropTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("senim-interop-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Files_senim_signs_are_valid_and_trusted_in_c2pa_rs_and_tampered_copies_fail_alike()
    {
        Assert.SkipWhen(ReferenceTool.Folder is null, $"{ReferenceTool.Variable} is not set; scripts/test.sh installs the c2pa-rs reference tool and sets it.");
        var anchors = Write("root.pem", PemEncoding.WriteString("CERTIFICATE", TestPki.Shared.Root.RawData));
        var jpeg = Labeling.Sign(File.ReadAllBytes(Paths.Fixture("c2pa-rs/no_manifest.jpg")));
        var png = Labeling.Sign(File.ReadAllBytes(Paths.Fixture("c2pa-rs/libpng-test.png")));
        var edited = Labeling.Sign(jpeg, Labeling.Request with { Origin = ContentOrigin.Edited });
        var files = new Dictionary<string, byte[]>
        {
            ["signed.jpg"] = jpeg,
            ["signed.png"] = png,
            ["edited.jpg"] = edited,
            ["pixel.jpg"] = Tamper.PixelByte(jpeg),
            ["pixel.png"] = Tamper.PixelByte(png),
            ["assertion.jpg"] = Tamper.AssertionByte(jpeg),
            ["assertion.png"] = Tamper.AssertionByte(png),
            ["certificate.jpg"] = Tamper.SwapCertificate(jpeg, TestPki.Shared.Signer.Certificate.RawData, SameLengthSigner.Certificate.RawData),
        };
        var paths = files.Select(f => Write(f.Key, f.Value)).ToArray();

        var untrusted = ReferenceTool.Verify(null, paths[..3]);
        var trusted = ReferenceTool.Verify(anchors, paths);

        foreach (var verdict in untrusted)
        {
            Assert.Equal("Valid", verdict.State);
            Assert.Equal(["signingCredential.untrusted"], verdict.Codes);
        }

        Assert.Equal([1, 1, 2], untrusted.Select(v => v.Manifests));
        var names = files.Keys.ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            var senim = Labeling.Validate(files[names[i]]);
            Assert.Equal((names[i], senim.State.ToString()), (names[i], trusted[i].State));
            Assert.Equal(names[i] + ": " + string.Join(",", senim.FailureCodes.Order()), names[i] + ": " + string.Join(",", trusted[i].Codes.Order()));
        }

        Assert.Equal("Trusted", trusted[0].State);
        Assert.Equal(["assertion.dataHash.mismatch"], trusted[3].Codes);
        Assert.Equal(["assertion.hashedURI.mismatch"], trusted[5].Codes);
        Assert.Equal(["claimSignature.mismatch"], trusted[7].Codes);
    }

    [Fact]
    public void A_store_split_across_many_app11_segments_reads_the_same_in_c2pa_rs()
    {
        Assert.SkipWhen(ReferenceTool.Folder is null, $"{ReferenceTool.Variable} is not set; scripts/test.sh installs the c2pa-rs reference tool and sets it.");
        var anchors = Write("root.pem", PemEncoding.WriteString("CERTIFICATE", TestPki.Shared.Root.RawData));
        var asset = Labeling.Sign(TinyImages.Jpeg(8, 8, 81));
        for (var i = 0; i < 40; i++)
        {
            asset = Labeling.Sign(asset, Labeling.Request with { Origin = ContentOrigin.Edited });
        }

        var verdict = Assert.Single(ReferenceTool.Verify(anchors, Write("many.jpg", asset)));

        Assert.True(asset.Length > 65535);
        Assert.Equal("Trusted", verdict.State);
        Assert.Equal(41, verdict.Manifests);
        Assert.Equal(ValidationState.Trusted, Labeling.Validate(asset).State);
    }

    [Fact]
    public void A_sidecar_senim_signs_is_intact_in_c2pa_rs_but_for_the_asset_it_cannot_pair()
    {
        Assert.SkipWhen(ReferenceTool.Folder is null, $"{ReferenceTool.Variable} is not set; scripts/test.sh installs the c2pa-rs reference tool and sets it.");
        var anchors = Write("root.pem", PemEncoding.WriteString("CERTIFICATE", TestPki.Shared.Root.RawData));
        var wav = Write("sound.wav", [.. "RIFF\u0024\0\0\0WAVEfmt "u8, .. new byte[64]]);
        var sidecar = Path.Combine(work, "sound.c2pa");
        using (var output = File.Create(sidecar))
        using (var asset = File.OpenRead(wav))
        {
            Labeling.Signer.SignSidecar(asset, output, Labeling.Request with { MediaType = "audio/wav" });
        }

        var verdict = Assert.Single(ReferenceTool.Verify(anchors, sidecar));
        // verify.mjs reads a sidecar without its asset, so only the data hash can fail there; the hash it
        // could not pair is the plain SHA-256 of the whole asset, with no exclusions.
        Assert.Equal(["assertion.dataHash.mismatch"], verdict.Codes);
        var store = Model.ManifestStore.Parse(File.ReadAllBytes(sidecar));
        var dataHash = Cbor.CborNode.Decode(Model.Manifest.ContentOf(store.Active.Assertion("c2pa.hash.data"))!.Value);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(wav)), dataHash["hash"]!.Bytes.ToArray());
        Assert.Empty(dataHash["exclusions"]!.Items);
        using var storeStream = File.OpenRead(sidecar);
        using var sound = File.OpenRead(wav);
        Assert.Equal(ValidationState.Trusted, Labeling.TrustingValidator.ValidateSidecar(storeStream, sound).State);
    }

    [Fact]
    public void A_time_stamped_label_from_senim_is_trusted_in_c2pa_rs()
    {
        Assert.SkipWhen(ReferenceTool.Folder is null, $"{ReferenceTool.Variable} is not set; scripts/test.sh installs the c2pa-rs reference tool and sets it.");
        var anchors = Write("root.pem", PemEncoding.WriteString("CERTIFICATE", TestPki.Shared.Root.RawData));
        var signer = new LabelSigner(SigningCredentials.FromEcdsa(TestPki.Shared.Signer.Key, [TestPki.Shared.Signer.Certificate]), timeStamps: new TimeStampClient(new TestTsa(TestPki.Shared).Respond));
        var signed = Labeling.Sign(File.ReadAllBytes(Paths.Fixture("c2pa-rs/no_manifest.jpg")), signer: signer);
        var changed = (byte[])signed.Clone();
        var token = Tamper.IndexOf(changed, "cval"u8.ToArray()) + 7;
        changed[token + 30] ^= 0x01;

        var verdicts = ReferenceTool.Verify(anchors, Write("stamped.jpg", signed), Write("stamp-changed.jpg", changed));

        Assert.Equal("Trusted", verdicts[0].State);
        Assert.Empty(verdicts[0].Codes);
        Assert.Equal(ValidationState.Trusted, Labeling.Validate(signed).State);
        Assert.Equal(verdicts[1].State, Labeling.Validate(changed).State.ToString());
        Assert.Equal(string.Join(",", verdicts[1].Codes.Order()), string.Join(",", Labeling.Validate(changed).FailureCodes.Order()));
    }

    [Fact]
    public void A_changed_ingredient_assertion_without_recorded_results_is_invalid_in_both_against_the_ingredient()
    {
        Assert.SkipWhen(ReferenceTool.Folder is null, $"{ReferenceTool.Variable} is not set; scripts/test.sh installs the c2pa-rs reference tool and sets it.");
        // adobe-20220124-CACA.jpg: a v1 ingredient ("c2pa_manifest" hashes the ingredient's claim only, so the
        // change stays inside the ingredient's manifest) whose assertion records no validation status.
        var original = File.ReadAllBytes(Paths.Fixture("public-testfiles/adobe-20220124-CACA.jpg"));
        var tampered = Tamper.IngredientAssertionByte(original, "c2pa.actions");

        var verdicts = ReferenceTool.Verify(null, Write("untouched.jpg", original), Write("ingredient.jpg", tampered));
        var senim = Labeling.Validate(tampered, new LabelValidator(TrustSettings.None));

        Assert.Equal(("Valid", ValidationState.Valid), (verdicts[0].State, Labeling.Validate(original, new LabelValidator(TrustSettings.None)).State));
        Assert.Equal("Invalid", verdicts[1].State);
        Assert.Equal(ValidationState.Invalid, senim.State);
        Assert.Contains("assertion.hashedURI.mismatch", verdicts[1].Codes);
        Assert.Equal(string.Join(",", verdicts[1].Codes.Order()), string.Join(",", senim.FailureCodes.Order()));
        Assert.Equal(verdicts[1].Manifests, senim.ManifestCount);
        var failure = Assert.Single(senim.Statuses, s => s.Code == "assertion.hashedURI.mismatch");
        Assert.EndsWith("/c2pa.assertions/c2pa.ingredient", failure.Ingredient, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es256", "c2pa-rs/no_manifest.jpg", "out.jpg")]
    [InlineData("ed25519", "c2pa-rs/libpng-test.png", "out.png")]
    [InlineData("es256", "c2pa-rs/sample1.png", "sample.png")]
    public void Files_c2pa_rs_signs_validate_in_senim(string algorithm, string fixture, string name)
    {
        Assert.SkipWhen(ReferenceTool.Folder is null, $"{ReferenceTool.Variable} is not set; scripts/test.sh installs the c2pa-rs reference tool and sets it.");
        var pki = Path.Combine(work, "pki");
        ReferenceTool.MakePki(pki);
        var output = Path.Combine(work, name);
        ReferenceTool.Sign(Path.Combine(pki, $"{algorithm}-leaf-key.pem"), Path.Combine(pki, $"{algorithm}-chain.pem"), Paths.Fixture(fixture), output);

        var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "root.pem"));
        var signed = File.ReadAllBytes(output);
        var report = Labeling.Validate(signed, new LabelValidator(new TrustSettings([root])));
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal([DigitalSourceTypes.TrainedAlgorithmicMedia], report.Active!.DigitalSourceTypes);
        Assert.Equal(algorithm == "es256" ? "ES256" : "Ed25519", report.Active.Signer!.Algorithm);

        var tampered = Tamper.PixelByte(signed);
        Assert.Equal(["assertion.dataHash.mismatch"], Labeling.Validate(tampered, new LabelValidator(new TrustSettings([root]))).FailureCodes);
        Assert.Equal(["assertion.dataHash.mismatch"], ReferenceTool.Verify(Path.Combine(pki, "root.pem"), Write("tampered" + Path.GetExtension(name), tampered))[0].Codes);
    }

    [Fact]
    public void A_senim_signer_certificate_from_pem_files_works_like_the_key_object()
    {
        var key = Write("key.pem", TestPki.Shared.Signer.Key.ExportPkcs8PrivateKeyPem());
        var chain = Write("chain.pem", PemEncoding.WriteString("CERTIFICATE", TestPki.Shared.Signer.Certificate.RawData) + "\n" + PemEncoding.WriteString("CERTIFICATE", TestPki.Shared.Root.RawData));
        var credentials = SigningCredentials.FromPem(File.ReadAllText(key), File.ReadAllText(chain));

        Assert.Single(credentials.Chain);
        var signed = Labeling.Sign(TinyImages.Jpeg(4, 4, 51), signer: new LabelSigner(credentials));
        Assert.Equal(ValidationState.Trusted, Labeling.Validate(signed).State);
    }

    private string Write(string name, string text) => Write(name, System.Text.Encoding.ASCII.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(work, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
