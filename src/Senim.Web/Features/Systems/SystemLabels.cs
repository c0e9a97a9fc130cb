using Senim.Law.Engine;

namespace Senim.Web.Features.Systems;

/// <summary>
/// How the system pages show what is not a text key: long fields, answers and obligations from the law packs,
/// dates and sizes. The words of codes (statuses, sectors, fields, ...) come from the text tables through
/// <see cref="PageText"/>.
/// </summary>
public static class SystemLabels
{
    /// <summary>True for fields whose values are long free text, shown in full as paragraphs.</summary>
    public static bool IsLongText(string field) =>
        field is "description" or "data_and_models" or "conditions" || field.StartsWith("purpose_", StringComparison.Ordinal);

    /// <summary>An answer in words: the option texts of the question, yes/no, or the date.</summary>
    public static string Answer(LawLibrary library, string questionId, Answer? answer, Language language)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (answer is null)
        {
            return Vocabulary.Get("not_determined", language);
        }

        var question = Question(library, questionId);
        string Option(string id) => question?.Options.FirstOrDefault(o => o.Id == id)?.Text[language] ?? id;
        return answer switch
        {
            YesNoAnswer yes => Vocabulary.Get(yes.Value ? "yes" : "no", language),
            OptionAnswer one => Option(one.Value),
            OptionsAnswer many => many.Values.Count == 0 ? Vocabulary.Get("none", language) : string.Join("; ", many.Values.Select(Option)),
            _ => answer.Display,
        };
    }

    public static Question? Question(LawLibrary library, string questionId)
    {
        ArgumentNullException.ThrowIfNull(library);
        return library.Packs.Select(p => p.FindQuestion(questionId)).FirstOrDefault(q => q is not null);
    }

    public static string Obligation(LawLibrary library, string obligationId, Language language)
    {
        ArgumentNullException.ThrowIfNull(library);
        return library.Packs.SelectMany(p => p.Pack.Obligations).FirstOrDefault(o => o.Id == obligationId)?.Title[language] ?? obligationId;
    }

}
