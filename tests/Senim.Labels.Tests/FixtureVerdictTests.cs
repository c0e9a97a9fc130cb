using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

/// <summary>Every sample file in shared/fixtures/c2pa gets the verdict its README lists (the one c2pa-rs gives).</summary>
public sealed class FixtureVerdictTests
{
    private static readonly LabelValidator Validator = new(TrustSettings.None);

    public static TheoryData<string, ValidationState, int, string[]> Cases => new()
    {
        { "public-testfiles/adobe-20220124-A.jpg", ValidationState.NoManifest, 0, [] },
        { "public-testfiles/adobe-20220124-C.jpg", ValidationState.Valid, 1, ["signingCredential.untrusted"] },
        { "public-testfiles/adobe-20220124-CA.jpg", ValidationState.Valid, 1, ["signingCredential.untrusted"] },
        { "public-testfiles/adobe-20220124-CACA.jpg", ValidationState.Valid, 2, ["signingCredential.untrusted"] },
        { "public-testfiles/adobe-20220124-CAICAI.jpg", ValidationState.Valid, 2, ["signingCredential.untrusted"] },
        { "public-testfiles/adobe-20220124-CIE-sig-CA.jpg", ValidationState.Valid, 2, ["signingCredential.untrusted"] },
        { "public-testfiles/adobe-20220124-E-clm-CAICAI.jpg", ValidationState.Invalid, 2, ["ingredient.manifest.missing", "signingCredential.untrusted", "assertion.hashedURI.mismatch"] },
        { "public-testfiles/adobe-20220124-E-dat-CA.jpg", ValidationState.Invalid, 1, ["signingCredential.untrusted", "assertion.dataHash.mismatch"] },
        { "public-testfiles/adobe-20220124-E-sig-CA.jpg", ValidationState.Invalid, 1, ["signingCredential.untrusted", "claimSignature.mismatch"] },
        { "public-testfiles/adobe-20220124-E-uri-CA.jpg", ValidationState.Invalid, 1, ["signingCredential.untrusted", "assertion.hashedURI.mismatch"] },
        { "public-testfiles/adobe-20220124-XCA.jpg", ValidationState.Invalid, 1, ["signingCredential.untrusted", "assertion.dataHash.mismatch"] },
        { "c2pa-rs/CACA.jpg", ValidationState.Valid, 2, ["signingCredential.untrusted"] },
        { "c2pa-rs/C_with_CAWG_data.jpg", ValidationState.Valid, 1, ["signingCredential.untrusted"] },
        { "c2pa-rs/no_manifest.jpg", ValidationState.NoManifest, 0, [] },
        { "c2pa-rs/earth_apollo17.jpg", ValidationState.NoManifest, 0, [] },
        { "c2pa-rs/libpng-test.png", ValidationState.NoManifest, 0, [] },
        { "c2pa-rs/sample1.png", ValidationState.NoManifest, 0, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sample_file_gets_the_reference_verdict(string file, ValidationState state, int manifests, string[] codes)
    {
        using var stream = File.OpenRead(Paths.Fixture(file));
        var report = Validator.Validate(stream);

        Assert.Equal(state, report.State);
        Assert.Equal(manifests, report.ManifestCount);
        Assert.Equal(codes.Order(), report.FailureCodes.Order());
    }
}
