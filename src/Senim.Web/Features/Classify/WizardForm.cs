using Senim.Law.Engine;
using Senim.Law.Systems;

namespace Senim.Web.Features.Classify;

/// <summary>One page of the wizard: a step of a pack with the questions that apply so far.</summary>
public sealed record WizardStep(CompiledPack Pack, Step Step, IReadOnlyList<Question> Questions)
{
    public string Key => Pack.Pack.Id + "/" + Step.Id;
}

/// <summary>
/// The wizard's state travels in the form itself (hidden fields), so it needs no session, no
/// JavaScript, and survives the back button. Answers are re-validated on every post.
/// Field names: a:QUESTION holds a value (repeated for any-of); seen:QUESTION marks an any-of
/// question as answered even when no box is ticked.
/// </summary>
public static class WizardForm
{
    public const string AnswerPrefix = "a:";
    public const string SeenPrefix = "seen:";

    /// <summary>Marks the questions that were on the page, so follow-up questions that now apply can be shown before moving on.</summary>
    public const string ShownPrefix = "shown:";

    /// <summary>Reads the answers in a posted form, keeping the raw values for re-display.</summary>
    public static AnswerSet ReadAnswers(IFormCollection form, IReadOnlyList<CompiledPack> packs, DateOnly at,
        Dictionary<string, string[]> raw, Dictionary<string, string> fieldErrors, List<InputError> tampered)
    {
        var questions = packs.SelectMany(p => p.Pack.Questions).ToDictionary(q => q.Id, StringComparer.Ordinal);
        var ids = form.Keys
            .Where(k => k.StartsWith(AnswerPrefix, StringComparison.Ordinal) || k.StartsWith(SeenPrefix, StringComparison.Ordinal))
            .Select(k => k.StartsWith(AnswerPrefix, StringComparison.Ordinal) ? k[AnswerPrefix.Length..] : k[SeenPrefix.Length..])
            .Distinct(StringComparer.Ordinal);
        var answers = new List<KeyValuePair<string, Answer>>();
        foreach (var id in ids)
        {
            if (!questions.TryGetValue(id, out var question))
            {
                tampered.Add(new InputError(id, 0, "is not a question of the selected law"));
                continue;
            }

            var values = form[AnswerPrefix + id].Where(v => v is not null).Select(v => v!.Trim()).ToArray();
            raw[id] = values;
            var isList = question.Type == QuestionType.AnyOf;
            if (isList)
            {
                values = [.. values.Where(v => v.Length > 0)];
            }

            if (!isList && (values.Length == 0 || values.All(v => v.Length == 0)))
            {
                continue; // left unanswered
            }

            if (isList && !form.ContainsKey(SeenPrefix + id))
            {
                tampered.Add(new InputError(id, 0, "list answers must carry their seen: marker"));
                continue;
            }

            var answer = AnswerParsing.Parse(question, isList ? values : [values[^1]], isList, at, out var error);
            if (answer is null || (!isList && values.Length > 1))
            {
                fieldErrors[id] = error ?? "expected one value";
            }
            else
            {
                answers.Add(new(id, answer));
            }
        }

        return new AnswerSet(answers);
    }

    /// <summary>The steps that have at least one question applying under the current answers, in pack and step order.</summary>
    public static List<WizardStep> Steps(IReadOnlyList<PackResult> results)
    {
        var steps = new List<WizardStep>();
        foreach (var result in results)
        {
            var pack = result.Pack;
            foreach (var step in pack.Pack.Steps)
            {
                var questions = pack.Pack.Questions.Where(q => q.Step == step.Id && result.Applies(q.Id) == true).ToList();
                if (questions.Count > 0)
                {
                    steps.Add(new WizardStep(pack, step, questions));
                }
            }
        }

        return steps;
    }

    /// <summary>
    /// The keys of the steps with a question that applies or may still apply (its condition waits for an answer), in
    /// pack and step order; the steps whose questions are all ruled out are left out.
    /// </summary>
    public static List<string> CountableSteps(IReadOnlyList<PackResult> results) =>
        [.. results.SelectMany(result => result.Pack.Pack.Steps
            .Where(step => result.Pack.Pack.Questions.Any(q => q.Step == step.Id && result.Applies(q.Id) != false))
            .Select(step => result.Pack.Pack.Id + "/" + step.Id))];

    /// <summary>The raw form values of an answer, for hidden fields and pre-filled inputs.</summary>
    public static string[] Values(Answer answer) => answer switch
    {
        OptionsAnswer options => [.. options.Values],
        _ => [answer.Display],
    };
}
