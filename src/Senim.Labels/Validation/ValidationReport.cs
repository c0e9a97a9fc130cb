using Senim.Labels.Assertions;

namespace Senim.Labels.Validation;

/// <summary>The overall verdict, as c2pa-rs names it.</summary>
public enum ValidationState
{
    /// <summary>The asset carries no C2PA manifest.</summary>
    NoManifest,

    /// <summary>Some check failed: the content or its credentials were changed, or the manifest is broken.</summary>
    Invalid,

    /// <summary>Intact and correctly signed, but the signer does not chain to a trust anchor.</summary>
    Valid,

    /// <summary>Intact, correctly signed, and the signer chains to a trust anchor.</summary>
    Trusted,
}

/// <summary>One validation result: a C2PA status code, whether it is a success, the JUMBF URI it concerns, and an English explanation.</summary>
public sealed record ValidationStatus(string Code, bool Success, string? Url, string Explanation)
{
    /// <summary>
    /// The ingredient assertion (a JUMBF URI) whose manifest this status concerns, when it is a failure of an
    /// ingredient's manifest that was validated in full; null for the active manifest's own statuses.
    /// </summary>
    public string? Ingredient { get; init; }
}

/// <summary>Who signed a manifest, as read from the leaf certificate.</summary>
public sealed record SignerInfo(string Subject, string Issuer, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Algorithm)
{
    /// <summary>The time of a valid RFC 3161 time-stamp on the signature; null when there is none.</summary>
    public DateTimeOffset? SignedAt { get; init; }
}

/// <summary>The validation of one manifest: its statuses and what it says.</summary>
public sealed record ManifestReport
{
    public required string Label { get; init; }

    public required IReadOnlyList<ValidationStatus> Statuses { get; init; }

    public int ClaimVersion { get; init; }

    public string? ClaimGenerator { get; init; }

    public string? Title { get; init; }

    public SignerInfo? Signer { get; init; }

    /// <summary>Digital source types named by the manifest's actions.</summary>
    public IReadOnlyList<string> DigitalSourceTypes { get; init; } = [];

    /// <summary>The action names of the manifest's actions assertions, in order.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>The Senim assertion, when the manifest has one.</summary>
    public SenimAssertion? Senim { get; init; }

    /// <summary>
    /// Reports of the manifests this one's ingredients point to. The failures of one whose ingredient assertion
    /// records no validation results count for the asset (<see cref="CountedIngredientFailures"/>); where the
    /// assertion records results, those stand and Senim's own findings are for information only.
    /// </summary>
    public IReadOnlyList<ManifestReport> Ingredients { get; init; } = [];

    /// <summary>For an ingredient's manifest: the JUMBF URI of the ingredient assertion that points to it; null for the active manifest.</summary>
    public string? IngredientUrl { get; init; }

    /// <summary>For an ingredient's manifest: whether its ingredient assertion records validation results (validationResults, or v1/v2 validationStatus).</summary>
    public bool ResultsRecorded { get; init; }

    /// <summary>Whether no check of this manifest failed (an untrusted signer aside).</summary>
    public bool IsIntact => Statuses.All(s => s.Success || s.Code == ValidationCodes.SigningCredentialUntrusted);

    /// <summary>
    /// The failures of the ingredients' manifests that were validated in full (no recorded results anywhere on
    /// the way down), each marked with the ingredient assertion it was found through, depth first.
    /// </summary>
    public IEnumerable<ValidationStatus> CountedIngredientFailures()
    {
        foreach (var ingredient in Ingredients.Where(i => !i.ResultsRecorded))
        {
            foreach (var failure in ingredient.Statuses.Where(s => !s.Success))
            {
                yield return failure with { Ingredient = ingredient.IngredientUrl };
            }

            foreach (var nested in ingredient.CountedIngredientFailures())
            {
                yield return nested;
            }
        }
    }
}

/// <summary>What validating an asset found.</summary>
public sealed record ValidationReport
{
    public required ValidationState State { get; init; }

    /// <summary>The active manifest's report; null when there is no manifest or the store could not be read.</summary>
    public ManifestReport? Active { get; init; }

    /// <summary>The number of manifests in the store.</summary>
    public int ManifestCount { get; init; }

    /// <summary>
    /// Every status of the active manifest (successes and failures), then the failures of ingredient manifests
    /// validated in full (<see cref="ValidationStatus.Ingredient"/> names the ingredient), as c2pa-rs lists them.
    /// </summary>
    public IReadOnlyList<ValidationStatus> Statuses => Active is null ? Problems : [.. Active.Statuses, .. IngredientFailures];

    /// <summary>The failures of ingredient manifests that were validated in full because their ingredient assertion records no results.</summary>
    public IReadOnlyList<ValidationStatus> IngredientFailures { get; init; } = [];

    /// <summary>The failure codes of the active manifest, distinct, in order (what c2pa-rs lists as validation_status).</summary>
    public IReadOnlyList<string> FailureCodes => [.. Statuses.Where(s => !s.Success).Select(s => s.Code).Distinct()];

    /// <summary>Problems reading the store (a malformed store is Invalid with general.error or claim.malformed).</summary>
    public IReadOnlyList<ValidationStatus> Problems { get; init; } = [];

    /// <summary>Notes that do not change the verdict (an ignored CRL, an unreadable XMP packet).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The typed reading error when the asset or store could not be parsed.</summary>
    public LabelError? Error { get; init; }
}
