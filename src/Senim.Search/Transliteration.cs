using System.Text;

namespace Senim.Search;

/// <summary>
/// Transliteration tables: Kazakh Cyrillic ↔ the Kazakh Latin alphabet of 2021 (ä, ğ, ı, i, ñ, ö, ş, ū, ü, q, j, y),
/// and Russian Cyrillic ↔ Latin as people type it (zh/j, kh/h, ts/c, sh, shch, ya/ja, yu/ju).
/// Lowercase in, lowercase out; other characters pass through unchanged.
/// </summary>
/// <remarks>
/// Letters that Kazakh uses only in Russian loanwords (ц, ч, щ, э, ю, я, ё, ъ, ь) have no letter of their own in the 2021
/// alphabet; they are written ts, ch, şş, e, iu, ia, io and left out, as loanwords are usually spelled. Reading Latin back
/// is a best guess where the alphabet merges letters (i is и, or й after a vowel; h is х, never һ).
/// </remarks>
public static class Transliteration
{
    private static readonly Dictionary<char, string> KazakhLatin = new()
    {
        ['а'] = "a", ['ә'] = "ä", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ғ'] = "ğ", ['д'] = "d", ['е'] = "e",
        ['ё'] = "io", ['ж'] = "j", ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['қ'] = "q", ['л'] = "l",
        ['м'] = "m", ['н'] = "n", ['ң'] = "ñ", ['о'] = "o", ['ө'] = "ö", ['п'] = "p", ['р'] = "r", ['с'] = "s",
        ['т'] = "t", ['у'] = "u", ['ұ'] = "ū", ['ү'] = "ü", ['ф'] = "f", ['х'] = "h", ['һ'] = "h", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "ş", ['щ'] = "şş", ['ъ'] = "", ['ы'] = "y", ['і'] = "ı", ['ь'] = "", ['э'] = "e",
        ['ю'] = "iu", ['я'] = "ia",
    };

    private static readonly Dictionary<char, string> RussianLatin = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu",
        ['я'] = "ya",
    };

    // Longest first: a digraph wins over its first letter.
    private static readonly (string Latin, string Cyrillic)[] KazakhFromLatinTable =
    [
        ("şş", "щ"), ("ch", "ч"), ("ia", "я"), ("iu", "ю"),
        ("a", "а"), ("ä", "ә"), ("b", "б"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("ğ", "ғ"), ("h", "х"),
        ("ı", "і"), ("i", "и"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("ñ", "ң"), ("o", "о"),
        ("ö", "ө"), ("p", "п"), ("q", "қ"), ("r", "р"), ("s", "с"), ("ş", "ш"), ("t", "т"), ("u", "у"), ("ū", "ұ"),
        ("ü", "ү"), ("v", "в"), ("y", "ы"), ("z", "з"),
    ];

    private static readonly (string Latin, string Cyrillic)[] RussianFromLatinTable =
    [
        ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
        ("ya", "я"), ("ja", "я"), ("yu", "ю"), ("ju", "ю"), ("yo", "ё"), ("jo", "ё"),
        ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
        ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"),
        ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"), ("y", "ы"), ("z", "з"),
    ];

    /// <summary>Kazakh Cyrillic in the 2021 Latin alphabet («қазақстан» → "qazaqstan", «білім» → "bılım").</summary>
    public static string KazakhToLatin(string text) => Map(text, KazakhLatin);

    /// <summary>Russian Cyrillic in the common typed Latin form («журнал» → "zhurnal", «щука» → "shchuka").</summary>
    public static string RussianToLatin(string text) => Map(text, RussianLatin);

    /// <summary>The 2021 Latin alphabet read back into Kazakh Cyrillic ("bılım" → «білім»).</summary>
    public static string KazakhFromLatin(string text) => Read(text, KazakhFromLatinTable, 'i');

    /// <summary>Russian typed in Latin, any of the common variants, read back into Cyrillic ("zhurnal" → «журнал», "yazyk"/"jazyk" → «язык»).</summary>
    public static string RussianFromLatin(string text) => Read(text, RussianFromLatinTable, 'y');

    private static string Map(string text, Dictionary<char, string> table)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (table.TryGetValue(c, out var latin))
            {
                sb.Append(latin);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Reads Latin through <paramref name="table"/> (longest match first). The <paramref name="glide"/> letter after a vowel
    /// and not before a, u or o is й (Kazakh "qalaiyn" → «қалайын», Russian "sergey" → «сергей»).
    /// </summary>
    private static string Read(string text, (string Latin, string Cyrillic)[] table, char glide)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string CyrillicVowels = "аәеёиоөуұүыіэюя";
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var previousVowel = sb.Length > 0 && CyrillicVowels.Contains(sb[^1], StringComparison.Ordinal);
            if (text[i] == glide && previousVowel && !(i + 1 < text.Length && text[i + 1] is 'a' or 'u' or 'o'))
            {
                sb.Append('й');
                i++;
                continue;
            }

            var matched = false;
            foreach (var (latin, cyrillic) in table)
            {
                if (string.CompareOrdinal(text, i, latin, 0, latin.Length) == 0)
                {
                    sb.Append(cyrillic);
                    i += latin.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                sb.Append(text[i]);
                i++;
            }
        }

        return sb.ToString();
    }
}
