using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

/// <summary>
/// Ingredient manifests (C2PA 2.x, "validate the ingredients"): validated in full, with their failures
/// counted, when the ingredient assertion records no validation results; informational when it does.
/// </summary>
public sealed class IngredientTests
{
    private const string Caca = "public-testfiles/adobe-20220124-CACA.jpg";
    private const string Active = "contentauth:urn:uuid:cce91617-35dd-44e9-8ea8-f85380524443";
    private const string Ingredient = "contentauth:urn:uuid:04cdf4ec-f713-4e47-a8d6-7af56501ce4b";
    private static readonly LabelValidator Validator = new(TrustSettings.None);

    [Fact]
    public void A_changed_assertion_in_an_ingredient_manifest_without_recorded_results_makes_the_file_invalid()
    {
        var tampered = Tamper.IngredientAssertionByte(File.ReadAllBytes(Paths.Fixture(Caca)), "c2pa.actions");

        var report = Labeling.Validate(tampered, Validator);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal(["assertion.hashedURI.mismatch", "signingCredential.untrusted"], report.FailureCodes.Order());
        Assert.True(report.Active!.IsIntact, "the active manifest itself is intact");
        var failure = Assert.Single(report.IngredientFailures, s => s.Code == ValidationCodes.AssertionHashedUriMismatch);
        Assert.Equal($"self#jumbf=/c2pa/{Active}/c2pa.assertions/c2pa.ingredient", failure.Ingredient);
        Assert.EndsWith("c2pa.actions", failure.Url, StringComparison.Ordinal);
        Assert.Contains(failure, report.Statuses);
        var ingredient = Assert.Single(report.Active.Ingredients);
        Assert.Equal(Ingredient, ingredient.Label);
        Assert.False(ingredient.ResultsRecorded);
        Assert.False(ingredient.IsIntact);
    }

    [Fact]
    public void The_untouched_file_stays_valid_and_its_ingredient_was_validated_in_full()
    {
        var report = Labeling.Validate(File.ReadAllBytes(Paths.Fixture(Caca)), Validator);

        Assert.Equal(ValidationState.Valid, report.State);
        var ingredient = Assert.Single(report.Active!.Ingredients);
        Assert.False(ingredient.ResultsRecorded);
        Assert.True(ingredient.IsIntact);
        Assert.Contains(ingredient.Statuses, s => s.Success && s.Code == ValidationCodes.ClaimSignatureValidated);
        // The ingredient's untrusted signer is reported against the ingredient, as c2pa-rs does.
        Assert.Equal([ValidationCodes.SigningCredentialUntrusted], report.IngredientFailures.Select(s => s.Code).Distinct());
    }

    [Fact]
    public void Results_an_ingredient_assertion_records_stand_and_senims_own_findings_do_not_count()
    {
        // The ingredient's signature is broken, and the ingredient assertion records that (claimSignature.mismatch).
        var report = Labeling.Validate(File.ReadAllBytes(Paths.Fixture("public-testfiles/adobe-20220124-CIE-sig-CA.jpg")), Validator);

        Assert.Equal(ValidationState.Valid, report.State);
        var broken = Assert.Single(report.Active!.Ingredients, i => !i.IsIntact);
        Assert.True(broken.ResultsRecorded);
        Assert.Contains(broken.Statuses, s => s.Code == ValidationCodes.ClaimSignatureMismatch);
        Assert.Empty(report.IngredientFailures);
        Assert.DoesNotContain(ValidationCodes.ClaimSignatureMismatch, report.FailureCodes);
    }
}
