namespace Senim.Search.Tests;

public class TransliterationTests
{
    // Kazakh words in Cyrillic and in the 2021 Latin alphabet, one letter of each special kind at least.
    public static TheoryData<string, string> Kazakh => new()
    {
        { "қазақстан", "qazaqstan" },
        { "білім", "bılım" },
        { "әділет", "ädılet" },
        { "ғылым", "ğylym" },
        { "жаңа", "jaña" },
        { "өнер", "öner" },
        { "ұлттық", "ūlttyq" },
        { "үкімет", "ükımet" },
        { "шаһар", "şahar" },
        { "қалайын", "qalaiyn" },
        { "үйіне", "üiıne" },
        { "денсаулық", "densaulyq" },
        { "банктің", "banktıñ" },
        { "мектеп", "mektep" },
        { "көлік", "kölık" },
    };

    // Russian words and how they are commonly typed in Latin.
    public static TheoryData<string, string> Russian => new()
    {
        { "журнал", "zhurnal" },
        { "хлеб", "khleb" },
        { "больница", "bolnitsa" },
        { "школа", "shkola" },
        { "щука", "shchuka" },
        { "язык", "yazyk" },
        { "юрист", "yurist" },
        { "чат", "chat" },
        { "новый", "novyy" },
        { "сергей", "sergey" },
        { "банк", "bank" },
    };

    [Theory]
    [MemberData(nameof(Kazakh))]
    public void Kazakh_Cyrillic_is_written_in_the_2021_Latin_alphabet(string cyrillic, string latin) =>
        Assert.Equal(latin, Transliteration.KazakhToLatin(cyrillic));

    [Theory]
    [MemberData(nameof(Kazakh))]
    public void The_2021_Latin_alphabet_reads_back_into_Kazakh_Cyrillic(string cyrillic, string latin)
    {
        // һ and х are both h in Latin; the reading gives х, the more common letter.
        Assert.Equal(cyrillic.Replace('һ', 'х'), Transliteration.KazakhFromLatin(latin));
    }

    [Theory]
    [MemberData(nameof(Russian))]
    public void Russian_Cyrillic_is_written_as_typed_in_Latin(string cyrillic, string latin) =>
        Assert.Equal(latin, Transliteration.RussianToLatin(cyrillic));

    [Theory]
    [MemberData(nameof(Russian))]
    public void Russian_typed_in_Latin_reads_back_into_Cyrillic(string cyrillic, string latin) =>
        Assert.Equal(WithoutSigns(cyrillic), Transliteration.RussianFromLatin(latin));

    [Theory]
    [InlineData("jazyk", "язык")]
    [InlineData("jurist", "юрист")]
    [InlineData("bolnica", "больница")]
    [InlineData("hleb", "хлеб")]
    [InlineData("schuka", "щука")]
    public void Other_common_Latin_spellings_of_Russian_read_back_too(string latin, string cyrillic) =>
        Assert.Equal(WithoutSigns(cyrillic), Transliteration.RussianFromLatin(latin));

    /// <summary>The soft and hard signs are not typed in Latin, so they cannot come back.</summary>
    private static string WithoutSigns(string cyrillic) => cyrillic.Replace("ь", "", StringComparison.Ordinal).Replace("ъ", "", StringComparison.Ordinal);

    [Fact]
    public void Characters_outside_the_tables_pass_through()
    {
        Assert.Equal("ai-2026 «x»", Transliteration.KazakhToLatin("ai-2026 «x»"));
        Assert.Equal("123 !?", Transliteration.RussianFromLatin("123 !?"));
    }

    [Fact]
    public void The_Kazakh_table_covers_all_42_letters_of_the_Cyrillic_alphabet()
    {
        const string Alphabet = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
        Assert.Equal(42, Alphabet.Length);
        foreach (var letter in Alphabet)
        {
            var latin = Transliteration.KazakhToLatin(letter.ToString());
            Assert.DoesNotContain(latin, c => c is >= 'а' and <= 'я' or 'ә' or 'ғ' or 'қ' or 'ң' or 'ө' or 'ұ' or 'ү' or 'һ' or 'і' or 'ё');
        }
    }
}
