using Senim.Labels;
using Senim.Labels.Validation;
using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>
/// Where the words for a label check come from, in kk, ru and en: one table for the C2PA status codes and one
/// for the reading errors, so a test can enumerate both and prove every code has its three texts. The page
/// /verify and POST /api/v1/labels/verify both explain statuses through <see cref="Explain"/>.
/// </summary>
public static class LabelTexts
{
    /// <summary>C2PA status code → text key; every constant of <see cref="ValidationCodes"/> has a row.</summary>
    public static IReadOnlyDictionary<string, string> Statuses { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ValidationCodes.ClaimSignatureValidated] = "labels.code.claimSignature.validated",
        [ValidationCodes.ClaimSignatureInsideValidity] = "labels.code.claimSignature.insideValidity",
        [ValidationCodes.SigningCredentialTrusted] = "labels.code.signingCredential.trusted",
        [ValidationCodes.AssertionHashedUriMatch] = "labels.code.assertion.hashedURI.match",
        [ValidationCodes.AssertionDataHashMatch] = "labels.code.assertion.dataHash.match",
        [ValidationCodes.IngredientManifestValidated] = "labels.code.ingredient.manifest.validated",
        [ValidationCodes.TimeStampValidated] = "labels.code.timeStamp.validated",
        [ValidationCodes.TimeStampMismatch] = "labels.code.timeStamp.mismatch",
        [ValidationCodes.ClaimMissing] = "labels.code.claim.missing",
        [ValidationCodes.ClaimMultiple] = "labels.code.claim.multiple",
        [ValidationCodes.ClaimMalformed] = "labels.code.claim.malformed",
        [ValidationCodes.ClaimHardBindingsMissing] = "labels.code.claim.hardBindings.missing",
        [ValidationCodes.ClaimSignatureMissing] = "labels.code.claimSignature.missing",
        [ValidationCodes.ClaimSignatureMismatch] = "labels.code.claimSignature.mismatch",
        [ValidationCodes.ClaimSignatureOutsideValidity] = "labels.code.claimSignature.outsideValidity",
        [ValidationCodes.SigningCredentialUntrusted] = "labels.code.signingCredential.untrusted",
        [ValidationCodes.SigningCredentialInvalid] = "labels.code.signingCredential.invalid",
        [ValidationCodes.SigningCredentialRevoked] = "labels.code.signingCredential.revoked",
        [ValidationCodes.SigningCredentialExpired] = "labels.code.signingCredential.expired",
        [ValidationCodes.AlgorithmUnsupported] = "labels.code.algorithm.unsupported",
        [ValidationCodes.AssertionHashedUriMismatch] = "labels.code.assertion.hashedURI.mismatch",
        [ValidationCodes.AssertionMissing] = "labels.code.assertion.missing",
        [ValidationCodes.AssertionDataHashMismatch] = "labels.code.assertion.dataHash.mismatch",
        [ValidationCodes.AssertionDataHashMalformed] = "labels.code.assertion.dataHash.malformed",
        [ValidationCodes.AssertionCborInvalid] = "labels.code.assertion.cbor.invalid",
        [ValidationCodes.IngredientManifestMissing] = "labels.code.ingredient.manifest.missing",
        [ValidationCodes.IngredientManifestMismatch] = "labels.code.ingredient.manifest.mismatch",
        [ValidationCodes.IngredientClaimSignatureMismatch] = "labels.code.ingredient.claimSignature.mismatch",
        [ValidationCodes.ManifestInaccessible] = "labels.code.manifest.inaccessible",
        [ValidationCodes.GeneralError] = "labels.code.general.error",
    };

    /// <summary>Reading or signing error → text key; every <see cref="LabelError"/> has a row.</summary>
    public static IReadOnlyDictionary<LabelError, string> Errors { get; } = new Dictionary<LabelError, string>
    {
        [LabelError.UnsupportedFormat] = "labels.error.format.unsupported",
        [LabelError.FormatMismatch] = "labels.error.format.mismatch",
        [LabelError.Truncated] = "labels.error.input.truncated",
        [LabelError.MalformedJpeg] = "labels.error.jpeg.malformed",
        [LabelError.MalformedPng] = "labels.error.png.malformed",
        [LabelError.MalformedJumbf] = "labels.error.jumbf.malformed",
        [LabelError.MalformedCbor] = "labels.error.cbor.malformed",
        [LabelError.MalformedSignature] = "labels.error.signature.malformed",
        [LabelError.TooLarge] = "labels.error.input.too-large",
        [LabelError.TooComplex] = "labels.error.input.too-complex",
        [LabelError.NoManifest] = "labels.error.manifest.none",
        [LabelError.StreamNotSeekable] = "labels.error.stream.not-seekable",
        [LabelError.KeyDoesNotMatchCertificate] = "labels.error.signer.key-mismatch",
        [LabelError.SignerCertificateExpired] = "labels.error.signer.expired",
        [LabelError.SignerCertificateInvalid] = "labels.error.signer.invalid",
        [LabelError.UnsupportedAlgorithm] = "labels.error.signer.unsupported-algorithm",
        [LabelError.InvalidCredentialFile] = "labels.error.credentials.invalid",
        [LabelError.InvalidSenimAssertion] = "labels.error.senim-assertion.invalid",
        [LabelError.InvalidXmp] = "labels.error.xmp.invalid",
        [LabelError.TimeStampFailed] = "labels.error.timestamp.failed",
        [LabelError.UnreadableFile] = "labels.error.file.unreadable",
    };

    /// <summary>Verdict → the keys of its headline and its explanation; every <see cref="LabelVerdictKind"/> has a row.</summary>
    public static IReadOnlyDictionary<LabelVerdictKind, (string Title, string Text)> Verdicts { get; } = new Dictionary<LabelVerdictKind, (string, string)>
    {
        [LabelVerdictKind.Trusted] = ("labels.verdict.trusted", "labels.verdict.trusted.text"),
        [LabelVerdictKind.NoLabel] = ("labels.verdict.no-label", "labels.verdict.no-label.text"),
        [LabelVerdictKind.UnknownSigner] = ("labels.verdict.unknown-signer", "labels.verdict.unknown-signer.text"),
        [LabelVerdictKind.NotRegistered] = ("labels.verdict.not-registered", "labels.verdict.not-registered.text"),
        [LabelVerdictKind.Revoked] = ("labels.verdict.revoked", "labels.verdict.revoked.text"),
        [LabelVerdictKind.Expired] = ("labels.verdict.expired", "labels.verdict.expired.text"),
        [LabelVerdictKind.Tampered] = ("labels.verdict.tampered", "labels.verdict.tampered.text"),
        [LabelVerdictKind.Invalid] = ("labels.verdict.invalid", "labels.verdict.invalid.text"),
        [LabelVerdictKind.Unreadable] = ("labels.verdict.unreadable", "labels.verdict.unreadable.text"),
        [LabelVerdictKind.UnsupportedFormat] = ("labels.verdict.unsupported-format", "labels.verdict.unsupported-format.text"),
    };

    /// <summary>Warning code of a <see cref="LabelVerdict"/> → text key.</summary>
    public static IReadOnlyDictionary<string, string> Warnings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["revoked"] = "labels.warning.revoked",
        ["expired"] = "labels.warning.expired",
        ["tampered"] = "labels.warning.tampered",
        ["unknown-signer"] = "labels.warning.unknown-signer",
        ["not-registered"] = "labels.warning.not-registered",
        ["suspended"] = "labels.warning.suspended",
        ["withdrawn"] = "labels.warning.withdrawn",
        ["refused"] = "labels.warning.refused",
        ["number-mismatch"] = "labels.warning.number-mismatch",
        ["format-mismatch"] = "labels.warning.format-mismatch",
        ["no-label"] = "labels.warning.no-label",
        ["unreadable"] = "labels.warning.unreadable",
    };

    /// <summary>Every key of the four tables above, for the test that checks each has kk, ru and en.</summary>
    public static ITextTable Keys { get; } = new TextKeys("labels",
        [.. Statuses.Values, .. Errors.Values, .. Verdicts.Values.SelectMany(v => new[] { v.Title, v.Text }), .. Warnings.Values]);

    /// <summary>labels.state.STATE: the state of a label-signing certificate (active, on-hold, revoked, ...).</summary>
    public static TextTable<string> States { get; } = TextTable.Of("labels.state", LabelCertificate.States);

    /// <summary>The verdict's headline and explanation in <paramref name="language"/>.</summary>
    public static (string Title, string Text) Verdict(LabelVerdictKind kind, UiText texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var (title, text) = Verdicts[kind];
        return (texts.Get(title, language), texts.Get(text, language));
    }

    /// <summary>A warning in <paramref name="language"/>; the code itself for one without a row.</summary>
    public static string Warning(string code, UiText texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Warnings.TryGetValue(code, out var key) ? texts.Get(key, language) : code;
    }

    /// <summary>
    /// What a status means, in <paramref name="language"/>: a reading problem (general.error with a typed error)
    /// in the error's words, else the code's, else — for a code no table knows — the library's English.
    /// </summary>
    public static string Explain(ValidationStatus status, LabelError? error, UiText texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(texts);
        if (status.Code == ValidationCodes.GeneralError && error is { } e)
        {
            return Error(e, texts, language) ?? status.Explanation;
        }

        return Statuses.TryGetValue(status.Code, out var key) ? texts.Get(key, language) : status.Explanation;
    }

    /// <summary>The text of a Senim.Labels error code such as "labels.format.mismatch"; null when the code is not one.</summary>
    public static string? ErrorByCode(string code, UiText texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var (error, key) in Errors)
        {
            if (error.Code() == code)
            {
                return texts.Get(key, language);
            }
        }

        return null;
    }

    /// <summary>A reading or signing error in <paramref name="language"/>; null for an error without a row.</summary>
    public static string? Error(LabelError error, UiText texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Errors.TryGetValue(error, out var key) ? texts.Get(key, language) : null;
    }
}
