using Senim.Law.Texts;

namespace Senim.Registry.Text;

/// <summary>
/// Which of the register's languages a name given in one language is most likely in, from its letters alone: a letter
/// only Kazakh Cyrillic has (ә ғ қ ң ө ұ ү һ і) makes it Kazakh, other Cyrillic Russian, anything else English. Used
/// when one name arrives without its language (the API's old <c>name</c>, rows from before ADR 0028); the migration
/// applies the same rule in SQL.
/// </summary>
public static class ScriptLanguage
{
    /// <summary>The letters that tell Kazakh Cyrillic from Russian, both cases.</summary>
    public const string KazakhLetters = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";

    private static readonly System.Buffers.SearchValues<char> Kazakh = System.Buffers.SearchValues.Create(KazakhLetters);

    public static Language Detect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Language.En;
        }

        if (text.AsSpan().IndexOfAny(Kazakh) >= 0)
        {
            return Language.Kk;
        }

        foreach (var c in text)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                return Language.Ru;
            }
        }

        return Language.En;
    }
}

/// <summary>An organisation's names in the three languages, and the one shown where only one fits.</summary>
public static class OrganisationNames
{
    /// <summary>
    /// The default name, for places where one name serves readers of every language (owners' pages, e-mails, log
    /// entries): the English (Latin) name when given, else the Russian, else the Kazakh (ADR 0028).
    /// </summary>
    public static string Default(string? kk, string? ru, string? en) => en ?? ru ?? kk ?? "";

    /// <summary>How many of the three are given.</summary>
    public static int Given(string? kk, string? ru, string? en) => (kk is null ? 0 : 1) + (ru is null ? 0 : 1) + (en is null ? 0 : 1);
}
