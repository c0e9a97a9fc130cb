namespace Senim.Law.Texts;

/// <summary>A text in Kazakh, Russian and English. Packs guarantee all three are present.</summary>
public sealed record LocalizedText(string Kk, string Ru, string En)
{
    /// <summary>The text in the given language.</summary>
    public string this[Language language] => language switch
    {
        Language.Kk => Kk,
        Language.Ru => Ru,
        _ => En,
    };

    /// <summary>A text that reads the same in every language (codes, numbers).</summary>
    public static LocalizedText Invariant(string text) => new(text, text, text);
}
