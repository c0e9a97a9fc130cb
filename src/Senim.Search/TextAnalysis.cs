using System.Globalization;
using System.Text;

namespace Senim.Search;

/// <summary>
/// How text becomes search terms, the same for documents and queries, so that spellings people type meet:
/// <list type="number">
/// <item>words are runs of letters and digits (everything else, FTS operators included, only separates words);</item>
/// <item>each word is <see cref="Fold">folded</see> to one Latin key: Kazakh and Russian Cyrillic, the 2021 Kazakh Latin
/// alphabet and Russian typed in Latin all arrive at the same key («банк», "bank"; «жаңа», "jaña", "jana";
/// «журнал», "zhurnal", "jurnal"; doubled letters count once);</item>
/// <item>word <see cref="Stems">stems</see> without Russian, Kazakh and English endings are terms too («банкке», «банктің»,
/// «банкам», «банка» all have the stem of «банк»).</item>
/// </list>
/// Folding loses distinctions (и, ы and і are all i) on purpose: recall across scripts matters more here than the rare
/// word the merge confuses.
/// </summary>
public static class TextAnalysis
{
    /// <summary>At most this many words of a query are used; the rest are ignored.</summary>
    public const int MaxQueryWords = 8;

    /// <summary>Words longer than this are cut (a query word, a document word alike).</summary>
    public const int MaxWordLength = 40;

    /// <summary>A stem keeps at least this many folded letters.</summary>
    public const int MinStemLength = 4;

    /// <summary>Words of at least this many letters (as typed) also match terms one edit away.</summary>
    public const int MinTypoLength = 5;

    // Cyrillic to an intermediate Latin that step two of Fold rewrites like typed Latin.
    private static readonly Dictionary<char, string> CyrillicToLatin = new()
    {
        ['а'] = "a", ['ә'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ғ'] = "g", ['д'] = "d", ['е'] = "e",
        ['ё'] = "e", ['ж'] = "zh", ['з'] = "z", ['и'] = "i", ['й'] = "y", ['к'] = "k", ['қ'] = "k", ['л'] = "l",
        ['м'] = "m", ['н'] = "n", ['ң'] = "n", ['о'] = "o", ['ө'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s",
        ['т'] = "t", ['у'] = "u", ['ұ'] = "u", ['ү'] = "u", ['ф'] = "f", ['х'] = "kh", ['һ'] = "h", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['і'] = "i", ['ь'] = "", ['э'] = "e",
        ['ю'] = "yu", ['я'] = "ya",
    };

    // Typed Russian digraphs, longest first, to the one letter of the search key.
    private static readonly (string From, string To)[] TypedDigraphs = [("shch", "sh"), ("sch", "sh"), ("zh", "j"), ("kh", "h"), ("ts", "c")];

    // Latin letters with marks that Unicode decomposition would not fold the way Kazakh and Turkic spellings mean.
    private static readonly Dictionary<char, string> SpecialLatin = new()
    {
        ['ı'] = "i", ['ş'] = "sh", ['ç'] = "ch", ['ñ'] = "n", ['ŋ'] = "n", ['ğ'] = "g", ['ä'] = "a", ['ə'] = "a",
        ['ö'] = "o", ['ü'] = "u", ['ū'] = "u", ['q'] = "k", ['ß'] = "ss", ['æ'] = "ae", ['ø'] = "o", ['đ'] = "d",
    };

    /// <summary>
    /// Endings (in folded form) that <see cref="Stems"/> strips: Russian noun and adjective endings, Kazakh case, plural and
    /// possessive endings in every vowel-harmony and voicing variant (which folding has already merged), common English endings.
    /// </summary>
    internal static readonly string[] Endings =
    [
        // Russian
        "iami", "ami", "iah", "ah", "iam", "am", "ov", "ev", "ei", "oi", "om", "em", "ogo", "ego", "omu", "emu", "imi", "ie",
        "aia", "iaia", "oe", "uiu", "iuiu", "ih", "iei", "ia", "iu", "a", "u", "e", "i", "o",
        // Kazakh
        "lar", "ler", "dar", "der", "tar", "ter", "nin", "din", "tin", "ga", "ge", "ka", "ke", "na", "ne", "ni", "di", "ti",
        "da", "de", "ta", "te", "nda", "nde", "dan", "den", "tan", "ten", "nan", "nen", "men", "ben", "pen", "si", "imiz", "miz",
        // English
        "s", "es", "ies", "ing", "ed", "or", "ors", "ion", "ions", "ation", "ations", "ator", "ators", "ate", "ates",
    ];

    private static readonly string[] EndingsLongestFirst = [.. Endings.Distinct(StringComparer.Ordinal).OrderByDescending(e => e.Length).ThenBy(e => e, StringComparer.Ordinal)];

    /// <summary>The words of <paramref name="text"/>, lowercased, each at most <see cref="MaxWordLength"/> characters, in order; at most <paramref name="limit"/> of them.</summary>
    public static IReadOnlyList<string> Words(string? text, int limit = int.MaxValue)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var word = new StringBuilder();
        for (var i = 0; i < text.Length && words.Count < limit; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || (word.Length > 0 && IsCombiningMark(c)))
            {
                if (word.Length < MaxWordLength)
                {
                    word.Append(char.ToLowerInvariant(c));
                }
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0 && words.Count < limit)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>
    /// One lowercase word folded to its search key, written in plain Latin letters and digits: «Қазақстан» → "kazakstan",
    /// "Qazaqstan" → "kazakstan", «журнал» / "zhurnal" / "jurnal" → "iurnal", «организация» / "organizatsiya" / "organizatsia" → "organizacia".
    /// </summary>
    public static string Fold(string word)
    {
        ArgumentNullException.ThrowIfNull(word);

        // Step one: every script to lowercase Latin without marks, Cyrillic through a Russian-like transliteration.
        var latin = new StringBuilder(word.Length + 4);
        foreach (var raw in word)
        {
            var c = char.ToLowerInvariant(raw);
            if (CyrillicToLatin.TryGetValue(c, out var fromCyrillic))
            {
                latin.Append(fromCyrillic);
            }
            else if (SpecialLatin.TryGetValue(c, out var special))
            {
                latin.Append(special);
            }
            else if (c < 128)
            {
                if (char.IsLetterOrDigit(c))
                {
                    latin.Append(c);
                }
            }
            else
            {
                AppendWithoutMarks(latin, c);
            }
        }

        // Step two: the digraphs of typed Russian to one letter each (shch/sch → sh, zh → j, kh → h, ts → c), then the glides
        // (ya/ja → ia, yu/ju → iu) and y → i. Two passes so that the j that zh became is read like a typed j.
        var first = Rewrite(latin.ToString(), static (s, i, sb) =>
        {
            foreach (var (from, to) in TypedDigraphs)
            {
                if (At(s, i, from))
                {
                    sb.Append(to);
                    return from.Length;
                }
            }

            return 0;
        });
        var second = Rewrite(first, static (s, i, sb) =>
        {
            if (s[i] is 'y' or 'j' && i + 1 < s.Length && s[i + 1] is 'a' or 'u')
            {
                sb.Append('i').Append(s[i + 1]);
                return 2;
            }

            if (s[i] == 'y')
            {
                sb.Append('i');
                return 1;
            }

            return 0;
        });

        // Step three: a doubled letter as one ("kassa" and "kasa", «организация» and "organizatsia" in the 2021 alphabet's ia).
        return Rewrite(second, static (s, i, sb) => i > 0 && s[i] == s[i - 1] && char.IsAsciiLetter(s[i]) ? 1 : 0);
    }

    /// <summary>
    /// The stems of a folded word: itself, and what remains after taking off one or two endings (at most two levels, so that
    /// Kazakh plural-then-case forms such as «банктерге» reach «банк»), never shorter than <see cref="MinStemLength"/>.
    /// Words with digits have no stems.
    /// </summary>
    public static IReadOnlyList<string> Stems(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var stems = new List<string> { folded };
        if (folded.Length <= MinStemLength || folded.Any(char.IsDigit))
        {
            return stems;
        }

        var level = new List<string> { folded };
        for (var depth = 0; depth < 2 && level.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var word in level)
            {
                foreach (var ending in EndingsLongestFirst)
                {
                    if (word.Length - ending.Length >= MinStemLength && word.EndsWith(ending, StringComparison.Ordinal))
                    {
                        var stem = word[..^ending.Length];
                        if (!stems.Contains(stem))
                        {
                            stems.Add(stem);
                            next.Add(stem);
                        }

                        // Kazakh voices a final п, к, қ before a vowel (мектеп → мектебі, көлік → көлігі): the stem's
                        // unvoiced form is a stem too.
                        if (ending[0] is 'a' or 'e' or 'i' or 'u' or 'o' && stem[^1] is 'b' or 'g')
                        {
                            var unvoiced = stem[..^1] + (stem[^1] == 'b' ? 'p' : 'k');
                            if (!stems.Contains(unvoiced))
                            {
                                stems.Add(unvoiced);
                                next.Add(unvoiced);
                            }
                        }
                    }
                }
            }

            level = next;
        }

        return stems;
    }

    /// <summary>
    /// An exact key (a BIN, a register number) in one form: its letters and digits, uppercase ("kz-ai-2026-000123" →
    /// "KZAI2026000123"); empty when it has none, or has letters of another script (then it is text).
    /// </summary>
    public static string Key(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "";
        }

        var sb = new StringBuilder(Math.Min(key.Length, 64));
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c) && !char.IsAscii(c))
            {
                return ""; // words in other scripts: text, not a key
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
                if (sb.Length > 64)
                {
                    return "";
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>The BIN of a Kazakh organisation, and any other 12-digit number: exactly twelve ASCII digits.</summary>
    public static bool IsBin(string word) => word.Length == 12 && word.All(char.IsAsciiDigit);

    private static bool IsCombiningMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static void AppendWithoutMarks(StringBuilder sb, char c)
    {
        // Latin letters with marks (é, ó, ł...) to their base letter; other scripts' letters are kept as they are.
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(d))
            {
                if (SpecialLatin.TryGetValue(d, out var special))
                {
                    sb.Append(special);
                }
                else
                {
                    sb.Append(d);
                }
            }
        }
    }

    private static bool At(string s, int i, string what) => string.CompareOrdinal(s, i, what, 0, what.Length) == 0;

    /// <summary>Copies <paramref name="s"/>, letting <paramref name="rule"/> replace what starts at each position (it returns how many characters it consumed, 0 for none).</summary>
    private static string Rewrite(string s, Func<string, int, StringBuilder, int> rule)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length;)
        {
            var used = rule(s, i, sb);
            if (used == 0)
            {
                sb.Append(s[i]);
                i++;
            }
            else
            {
                i += used;
            }
        }

        return sb.ToString();
    }
}
