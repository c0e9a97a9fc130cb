using System.Text.RegularExpressions;

namespace Senim.Authority;

/// <summary>
/// A registered AI system as its signing certificate names it. The values come from the register, never
/// from the owner's certificate signing request.
/// </summary>
/// <param name="RegisterNumber">The register number, KZ-AI-YYYY-NNNNNN: the certificate's subject serialNumber.</param>
/// <param name="Organisation">The owner organisation's registered name: the subject O.</param>
/// <param name="SystemName">The system's registered name: the subject CN.</param>
public sealed partial record SystemIdentity(string RegisterNumber, string Organisation, string SystemName)
{
    /// <summary>The longest O or CN value (X.520 upper bounds ub-organization-name and ub-common-name).</summary>
    public const int MaxNameLength = 64;

    /// <summary>Whether <paramref name="value"/> is a register number (KZ-AI-YYYY-NNNNNN).</summary>
    public static bool IsRegisterNumber(string? value) => value is not null && RegisterNumberPattern().IsMatch(value);

    /// <summary>Checks every field and returns the identity with names trimmed.</summary>
    /// <exception cref="AuthorityException">With <see cref="AuthorityError.InvalidInput"/> naming the field.</exception>
    public SystemIdentity Validated()
    {
        if (!IsRegisterNumber(RegisterNumber))
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"'{RegisterNumber}' is not a register number (KZ-AI-YYYY-NNNNNN).");
        }

        return this with
        {
            Organisation = CheckName(Organisation, "organisation"),
            SystemName = CheckName(SystemName, "system name"),
        };
    }

    private static string CheckName(string? value, string field)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"The {field} is empty.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"The {field} has {trimmed.Length} characters; a certificate allows at most {MaxNameLength}.");
        }

        for (var i = 0; i < trimmed.Length; i++)
        {
            if (char.IsSurrogatePair(trimmed, i))
            {
                i++;
            }
            else if (char.IsControl(trimmed[i]) || char.IsSurrogate(trimmed[i]))
            {
                throw new AuthorityException(AuthorityError.InvalidInput, $"The {field} contains a control character or broken Unicode at position {i + 1}.");
            }
        }

        return trimmed;
    }

    [GeneratedRegex(@"^KZ-AI-\d{4}-\d{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegisterNumberPattern();
}
