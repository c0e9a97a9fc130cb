namespace Senim.Labels.Validation;

/// <summary>The C2PA validation status codes Senim reports (C2PA 2.x, "Validation"; the same strings c2pa-rs uses).</summary>
public static class ValidationCodes
{
    public const string ClaimSignatureValidated = "claimSignature.validated";
    public const string ClaimSignatureInsideValidity = "claimSignature.insideValidity";
    public const string SigningCredentialTrusted = "signingCredential.trusted";
    public const string AssertionHashedUriMatch = "assertion.hashedURI.match";
    public const string AssertionDataHashMatch = "assertion.dataHash.match";
    public const string IngredientManifestValidated = "ingredient.manifest.validated";
    public const string TimeStampValidated = "timeStamp.validated";
    public const string TimeStampMismatch = "timeStamp.mismatch";

    public const string ClaimMissing = "claim.missing";
    public const string ClaimMultiple = "claim.multiple";
    public const string ClaimMalformed = "claim.malformed";
    public const string ClaimHardBindingsMissing = "claim.hardBindings.missing";
    public const string ClaimSignatureMissing = "claimSignature.missing";
    public const string ClaimSignatureMismatch = "claimSignature.mismatch";
    public const string ClaimSignatureOutsideValidity = "claimSignature.outsideValidity";
    public const string SigningCredentialUntrusted = "signingCredential.untrusted";
    public const string SigningCredentialInvalid = "signingCredential.invalid";
    public const string SigningCredentialRevoked = "signingCredential.revoked";
    public const string SigningCredentialExpired = "signingCredential.expired";
    public const string AlgorithmUnsupported = "algorithm.unsupported";
    public const string AssertionHashedUriMismatch = "assertion.hashedURI.mismatch";
    public const string AssertionMissing = "assertion.missing";
    public const string AssertionDataHashMismatch = "assertion.dataHash.mismatch";
    public const string AssertionDataHashMalformed = "assertion.dataHash.malformed";
    public const string AssertionCborInvalid = "assertion.cbor.invalid";
    public const string IngredientManifestMissing = "ingredient.manifest.missing";
    public const string IngredientManifestMismatch = "ingredient.manifest.mismatch";
    public const string IngredientClaimSignatureMismatch = "ingredient.claimSignature.mismatch";
    public const string ManifestInaccessible = "manifest.inaccessible";
    public const string GeneralError = "general.error";
}
