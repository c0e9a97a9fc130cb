namespace Senim.Law.Texts;

/// <summary>The three languages every user-visible text of Senim exists in.</summary>
public enum Language
{
    /// <summary>Kazakh (қазақ тілі).</summary>
    Kk,

    /// <summary>Russian (русский язык).</summary>
    Ru,

    /// <summary>English.</summary>
    En,
}

/// <summary>Parsing and naming of <see cref="Language"/> codes (kk, ru, en).</summary>
public static class Languages
{
    /// <summary>All languages, in the order texts are written in packs.</summary>
    public static IReadOnlyList<Language> All { get; } = [Language.Kk, Language.Ru, Language.En];

    /// <summary>The two-letter code: kk, ru or en.</summary>
    public static string Code(this Language language) => language switch
    {
        Language.Kk => "kk",
        Language.Ru => "ru",
        _ => "en",
    };

    /// <summary>Parses kk, ru or en (case-insensitive, region suffix allowed: ru-RU).</summary>
    public static bool TryParse(string? code, out Language language)
    {
        language = Language.En;
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        var twoLetters = code.Trim().Split('-', '_')[0].ToUpperInvariant();
        switch (twoLetters)
        {
            case "KK":
                language = Language.Kk;
                return true;
            case "RU":
                language = Language.Ru;
                return true;
            case "EN":
                language = Language.En;
                return true;
            default:
                return false;
        }
    }
}
