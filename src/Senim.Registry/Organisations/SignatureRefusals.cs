using Senim.Signatures.Verification;

namespace Senim.Registry.Organisations;

/// <summary>
/// A refused signature as a field error of the form's "signature" field: the code is "signature." and the
/// verifier's reason code, the English message the verifier's particulars. Pages give the reason's words from
/// <see cref="Senim.Signatures.Texts.SignatureTexts"/> (their one home) through <see cref="TryReason"/>.
/// </summary>
public static class SignatureRefusals
{
    public const string Field = "signature";

    private const string Prefix = "signature.";

    /// <summary>The error code of a reason.</summary>
    public static string Code(SignatureReason reason) => Prefix + SignatureReasons.Code(reason);

    /// <summary>The reason an error code names, if it is a refused signature's.</summary>
    public static bool TryReason(string? code, out SignatureReason reason)
    {
        foreach (var candidate in Enum.GetValues<SignatureReason>())
        {
            if (string.Equals(code, Code(candidate), StringComparison.Ordinal))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }

    /// <summary>The validation error for a refused signature (400, nothing stored).</summary>
    public static ValidationException Refused(SignatureFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new ValidationException([new FieldError(Field, Code(failure.Reason), failure.Message, [failure.Code])]);
    }
}
