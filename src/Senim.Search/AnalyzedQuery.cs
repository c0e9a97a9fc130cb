namespace Senim.Search;

/// <summary>One word of a query: its folded form, its other stems, and whether it may match terms one edit away.</summary>
internal sealed record QueryWord(string Folded, IReadOnlyList<string> Stems, bool TypoTolerant);

/// <summary>
/// A query as the index uses it: the whole text as an exact key (a register number typed with or without dashes), the
/// 12-digit numbers in it (BINs, matched as keys), and its other words (at most <see cref="TextAnalysis.MaxQueryWords"/>).
/// </summary>
internal sealed record AnalyzedQuery(string WholeKey, IReadOnlyList<string> Bins, IReadOnlyList<QueryWord> Words)
{
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
        foreach (var word in TextAnalysis.Words(text, TextAnalysis.MaxQueryWords))
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
