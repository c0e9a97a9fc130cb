using Senim.Law.Engine;

namespace Senim.Web.Features.Classify;

/// <summary>What the question partial renders: the question, its current answer, and any error.</summary>
/// <summary>With <paramref name="IsNew"/>, the question is a follow-up that the last answer brought onto the page.</summary>
public sealed record QuestionView(Question Question, CompiledPack Pack, Answer? Answer, string[]? Raw, string? Error, bool IsNew = false)
{
    public string FieldId => IdOf(Question);

    /// <summary>The id of a question's fieldset on the page.</summary>
    public static string IdOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return "q-" + question.Id.Replace('.', '-');
    }

    public bool Has(string value) => Answer switch
    {
        OptionsAnswer options => options.Values.Contains(value),
        YesNoAnswer or OptionAnswer => Answer.Display == value,
        _ => Raw?.Contains(value) == true,
    };

    public string DateValue => Answer is DateAnswer date ? date.Display : Raw?.FirstOrDefault() ?? "";
}

/// <summary>What the result partial renders.</summary>
public sealed record ResultView(ClassificationResult Result, string? SystemName, IReadOnlyList<WizardStep> Steps);
