using CsCheck;

namespace Senim.Search.Tests;

public class TextAnalysisTests
{
    [Theory]
    [InlineData("Қазақстан", "Qazaqstan")]
    [InlineData("Қазақстан", "kazakstan")]
    [InlineData("жаңа", "jaña")]
    [InlineData("жаңа", "jana")]
    [InlineData("журнал", "zhurnal")]
    [InlineData("журнал", "jurnal")]
    [InlineData("хирургия", "khirurgiya")]
    [InlineData("хирургия", "hirurgija")]
    [InlineData("больница", "bolnitsa")]
    [InlineData("больница", "bolnica")]
    [InlineData("школа", "shkola")]
    [InlineData("щит", "shchit")]
    [InlineData("щит", "schit")]
    [InlineData("язык", "yazyk")]
    [InlineData("язык", "jazyk")]
    [InlineData("юрист", "yurist")]
    [InlineData("юрист", "jurist")]
    [InlineData("организация", "organizatsiya")]
    [InlineData("организация", "organizatsia")]
    [InlineData("ёлка", "елка")]
    [InlineData("білім", "bılım")]
    [InlineData("білім", "bilim")]
    [InlineData("ұлттық", "ūlttyq")]
    [InlineData("ұлттық", "ulttyk")]
    [InlineData("шаруашылық", "şaruaşylyq")]
    [InlineData("шаруашылық", "sharuashylyq")]
    [InlineData("КАССА", "kasa")]
    public void Spellings_people_type_fold_to_one_key(string a, string b) =>
        Assert.Equal(TextAnalysis.Fold(a.ToLowerInvariant()), TextAnalysis.Fold(b.ToLowerInvariant()));

    [Theory]
    [InlineData("банк", "банка")]
    [InlineData("банк", "банкам")]
    [InlineData("банк", "банке")]
    [InlineData("банк", "банков")]
    [InlineData("банк", "банктің")]
    [InlineData("банк", "банкке")]
    [InlineData("банк", "банкте")]
    [InlineData("банк", "банктен")]
    [InlineData("банк", "банктер")]
    [InlineData("банк", "банктерге")]
    [InlineData("клиника", "клиники")]
    [InlineData("мектеп", "мектептің")]
    [InlineData("мектеп", "мектепке")]
    [InlineData("система", "системы")]
    [InlineData("система", "системами")]
    [InlineData("bank", "banks")]
    [InlineData("bank", "banking")]
    [InlineData("мектеп", "мектебі")]
    [InlineData("көлік", "көлігі")]
    [InlineData("translation", "translator")]
    public void Word_forms_share_a_stem(string word, string form)
    {
        var stems = TextAnalysis.Stems(TextAnalysis.Fold(word));
        var formStems = TextAnalysis.Stems(TextAnalysis.Fold(form));
        Assert.True(stems.Intersect(formStems).Any(), $"{word}: [{string.Join(", ", stems)}]; {form}: [{string.Join(", ", formStems)}]");
    }

    [Theory]
    [InlineData("банк")]
    [InlineData("kz")]
    [InlineData("2026")]
    [InlineData("gpt4o")]
    public void Short_words_and_words_with_digits_have_no_other_stem(string word) =>
        Assert.Single(TextAnalysis.Stems(TextAnalysis.Fold(word)));

    [Fact]
    public void Operators_and_punctuation_only_separate_words()
    {
        Assert.Equal(["bank", "near", "скоринг", "x"], TextAnalysis.Words("\"bank\"* NEAR(скоринг:x) & | ! -"));
        Assert.Empty(TextAnalysis.Words("\"*:&|!()-+^~ «»"));
        Assert.Empty(TextAnalysis.Words(null));
    }

    [Fact]
    public void A_long_text_gives_at_most_the_words_asked_for_each_cut_to_forty_characters()
    {
        var words = TextAnalysis.Words(string.Concat(Enumerable.Repeat("абвгд", 2000)) + " " + new string('x', 10_000), 8);
        Assert.Equal(2, words.Count);
        Assert.All(words, w => Assert.Equal(TextAnalysis.MaxWordLength, w.Length));
        Assert.Equal(8, TextAnalysis.Words(string.Join(' ', Enumerable.Range(0, 5000)), 8).Count);
    }

    [Theory]
    [InlineData("KZ-AI-2026-000123", "KZAI2026000123")]
    [InlineData("kz ai 2026 000123", "KZAI2026000123")]
    [InlineData("123456789012", "123456789012")]
    [InlineData("«»!", "")]
    [InlineData(null, "")]
    public void Keys_keep_only_letters_and_digits_in_uppercase(string? key, string normal) => Assert.Equal(normal, TextAnalysis.Key(key));

    [Fact]
    public void Folding_any_text_gives_only_ascii_letters_and_digits_or_other_scripts_letters()
    {
        Gen.String.Sample(s =>
        {
            foreach (var word in TextAnalysis.Words(s))
            {
                var folded = TextAnalysis.Fold(word);
                Assert.All(folded, c => Assert.True(char.IsLetterOrDigit(c), $"'{c}' in '{folded}'"));
                // A stem is the word without an ending, its last letter unvoiced at most (мектебі → мектеп).
                Assert.All(TextAnalysis.Stems(folded), stem => Assert.StartsWith(stem[..^1], folded, StringComparison.Ordinal));
            }
        });
    }
}
