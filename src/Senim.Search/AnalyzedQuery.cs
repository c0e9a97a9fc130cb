namespace Senim.Search;

/// <summary>One word of a query: its folded form, its other stems, and whether it may match terms one edit away.</summary>
internal sealed record QueryWord(string Folded, IReadOnlyList<string> Stems, bool TypoTolerant);

/// <summary>
/// A query as the index uses it: the whole text as an exact key (a register number typed with or without dashes), the
/// 12-digit numbers in it (BINs, matched as keys), and its other words (at most <see cref="TextAnalysis.MaxQueryWords"/>).
/// </summary>
internal sealed record AnalyzedQuery(string WholeKey, IReadOnlyList<string> Bins, IReadOnlyList<QueryWord> Words)
{
    /// <summary>
    /// Words a query leaves out when it has others: search operators (AND, OR, NOT, NEAR) and the commonest joining words
    /// of kk, ru and en, which every word of a query would otherwise have to match.
    /// </summary>
    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "near", "the", "a", "an", "of", "for", "in", "on", "to", "with", "by",
        "и", "или", "не", "в", "во", "на", "по", "для", "с", "со", "к", "о", "об", "от",
        "және", "мен", "бен", "пен", "үшін", "не", "немесе",
    };

    public bool IsEmpty => WholeKey.Length == 0 && Bins.Count == 0 && Words.Count == 0;

    public static AnalyzedQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AnalyzedQuery("", [], []);
        }

        // A key is short: anything longer than a register number with spaces is not one (and is not scanned whole).
        var wholeKey = text.Length <= 64 ? TextAnalysis.Key(text) : "";
        var bins = new List<string>();
        var words = new List<QueryWord>();
        var typed = TextAnalysis.Words(text, TextAnalysis.MaxQueryWords);
        var content = typed.Where(w => !StopWords.Contains(w)).ToList();
        foreach (var word in content.Count > 0 ? content : typed)
        {
            if (TextAnalysis.IsBin(word))
            {
                if (!bins.Contains(word))
                {
                    bins.Add(word);
                }

                continue;
            }

            var folded = TextAnalysis.Fold(word);
            if (folded.Length == 0 || words.Exists(w => w.Folded == folded))
            {
                continue;
            }

            var typoTolerant = word.Count(char.IsLetter) >= TextAnalysis.MinTypoLength && !folded.Any(char.IsDigit);
            words.Add(new QueryWord(folded, [.. TextAnalysis.Stems(folded).Skip(1)], typoTolerant));
        }

        return new AnalyzedQuery(wholeKey, bins, words);
    }
}
