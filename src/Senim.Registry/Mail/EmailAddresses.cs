using System.Text;

namespace Senim.Registry.Mail;

/// <summary>
/// The one check of an e-mail address that a person types (sign-up, an invitation, a password reset). What passes is
/// a plain address every mail server delivers to: a local part of ASCII letters, digits and <c>.!#$%&amp;'*+/=?^_`{|}~-</c>
/// (no quotes, comments or display names), and a domain that may be international: it is checked by IDNA (UTS 46)
/// and kept in Unicode, lower case, NFC; mail is sent to its ASCII (Punycode) form. Invisible and direction-changing
/// characters (zero-width spaces and joiners, bidi controls, a byte-order mark, any control character) are refused
/// by name: they make two addresses look alike.
/// </summary>
public static class EmailAddresses
{
    /// <summary>RFC 5321: an address of at most 254 octets, a local part of at most 64.</summary>
    public const int MaxLength = 254;

    private const int MaxLocalLength = 64;
    private const string LocalSymbols = ".!#$%&'*+/=?^_`{|}~-";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>The address in its normal form, or null with the reason added to <paramref name="errors"/> under <paramref name="field"/>.</summary>
    public static string? Check(string? typed, FieldErrors errors, string field = "email")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problem = Problem(typed, out var normal);
        if (problem is null)
        {
            return normal;
        }

        errors.Add(field, problem.Value.Key, problem.Value.English, problem.Value.Args);
        return null;
    }

    /// <summary>The normal form of an address that <see cref="Check"/> accepts, or null.</summary>
    public static string? Normalize(string? typed) => Problem(typed, out var normal) is null ? normal : null;

    /// <summary>The form mail is sent to: the domain in ASCII (Punycode); the local part is ASCII already.</summary>
    public static string ToAscii(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        return at < 0 ? address : address[..(at + 1)] + Idn.GetAscii(address[(at + 1)..]);
    }

    /// <summary>The key ASP.NET Core Identity looks addresses up by (its normaliser upper-cases invariantly).</summary>
    public static string Key(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.ToUpperInvariant();
    }

    private static (string Key, string English, object[] Args)? Problem(string? typed, out string normal)
    {
        normal = "";
        var text = (typed ?? "").Trim();
        if (text.Length == 0)
        {
            return ("required", "is required", []);
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Invisible(rune))
            {
                return ("email-invisible", "contains an invisible or direction-changing character ({0}); type the address again without it",
                    [string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}")]);
            }
        }

        if (text.Length > MaxLength)
        {
            return ("too-long", "is {0} characters long; at most {1} are allowed", [text.Length, MaxLength]);
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@', StringComparison.Ordinal) != at)
        {
            return ("email-invalid", "give a valid e-mail address", []);
        }

        var local = text[..at];
        if (!local.All(char.IsAscii))
        {
            return ("email-local-ascii", "the part before @ may only have Latin letters, digits and . _ - + (many mail servers cannot deliver to other characters)", []);
        }

        if (local.Length > MaxLocalLength || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || !local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSymbols.Contains(c, StringComparison.Ordinal)))
        {
            return ("email-invalid", "give a valid e-mail address", []);
        }

        string ascii, unicode;
        try
        {
            ascii = Idn.GetAscii(text[(at + 1)..].Normalize(NormalizationForm.FormC));
            unicode = Idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return ("email-domain", "the part after @ is not a domain name that mail can be sent to", []);
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63) || labels[^1].All(char.IsAsciiDigit))
        {
            return ("email-domain", "the part after @ is not a domain name that mail can be sent to", []);
        }

        normal = local + "@" + unicode.ToLowerInvariant();
        return null;
    }

    // Control characters, format characters (zero-width space and joiners, bidi embeddings, overrides and isolates, the
    // byte-order mark, soft hyphen), separators other than the ASCII space (which the trimmed address may not hold either).
    private static bool Invisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
        UnicodeCategory.SpaceSeparator => rune.Value != ' ',
        UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate => true,
        _ => false,
    };
}
