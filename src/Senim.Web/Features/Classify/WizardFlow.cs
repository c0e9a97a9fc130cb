using Senim.Law.Engine;
using Senim.Law.Systems;

namespace Senim.Web.Features.Classify;

/// <summary>Which page of the wizard is shown.</summary>
public enum WizardView
{
    Setup,
    Step,
    Result,
}

/// <summary>
/// The wizard's moves, shared by the stand-alone wizard (/classify) and a system's classification
/// (/systems/{id}/classify): read the answers posted in the form, work out which steps apply, and go
/// to the next, previous or chosen step or to the result. The pages decide what the setup asks and
/// what happens with the result (download it, or store it with the system).
/// </summary>
public sealed class WizardFlow(LawLibrary library)
{
    public const string StepField = "step";
    public const string ResultKey = "result";

    public LawLibrary Library => library;

    public WizardView View { get; set; } = WizardView.Setup;

    /// <summary>kz, eu or all.</summary>
    public string Law { get; set; } = "all";

    /// <summary>The date the law is applied at.</summary>
    public DateOnly At { get; set; }

    /// <summary>The chosen packs, Kazakhstan's law first: its questions come first in the wizard and its result first.</summary>
    public IReadOnlyList<CompiledPack> Packs => library.Select(Law).KazakhFirst();

    public IReadOnlyList<WizardStep> Steps { get; private set; } = [];

    /// <summary>
    /// The keys of the steps that apply or may still apply (a question whose condition waits for an answer), in pack
    /// and step order: "step N of M" counts over these on every page, so the first page already counts the steps
    /// that may follow, and an answer that rules steps out makes M smaller rather than a later page larger.
    /// </summary>
    public IReadOnlyList<string> Countable { get; private set; } = [];

    /// <summary>Questions of the current step that were not on the page just sent: a follow-up an answer brought in.</summary>
    public IReadOnlyList<Question> NewQuestions { get; private set; } = [];

    /// <summary>The current step's place among <see cref="Countable"/> (1-based) and their number.</summary>
    public (int Number, int Total) Position =>
        Current is { } step && Countable.ToList().IndexOf(step.Key) is var index and >= 0 ? (index + 1, Countable.Count) : (0, Countable.Count);

    public WizardStep? Current { get; private set; }

    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;

    /// <summary>Raw posted values per question, to show an invalid answer back as it was typed.</summary>
    public Dictionary<string, string[]> Raw { get; } = new(StringComparer.Ordinal);

    /// <summary>Question id → why its answer is not valid.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems with the form itself (a tampered or unknown field), shown at the top.</summary>
    public List<InputError> Errors { get; } = [];

    public ClassificationResult? Result { get; private set; }

    /// <summary>
    /// Reads the answers posted in the form (set <see cref="Law"/> and <see cref="At"/> first); false when
    /// the form was tampered with. With <paramref name="dropOtherLaws"/>, answers to questions of packs
    /// outside the chosen law are left out instead of refused (the law was changed on the setup page).
    /// </summary>
    public bool ReadForm(IFormCollection form, bool dropOtherLaws = false)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (dropOtherLaws)
        {
            var known = Packs.SelectMany(p => p.Pack.Questions).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
            form = new FormCollection(form
                .Where(f => QuestionOf(f.Key) is not { } id || known.Contains(id))
                .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
        }

        var answers = WizardForm.ReadAnswers(form, Packs, At, Raw, FieldErrors, Errors);
        if (Errors.Count > 0)
        {
            View = WizardView.Setup;
            return false;
        }

        Use(answers);
        return true;
    }

    /// <summary>
    /// Takes a set of answers (posted, or stored with a system) and works out the steps that apply.
    /// Answers to questions that no longer apply (an earlier answer changed) are dropped, not carried along.
    /// </summary>
    public void Use(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var results = Classifier.Classify(Packs, answers, At).Packs;
        Steps = WizardForm.Steps(results);
        Countable = WizardForm.CountableSteps(results);
        var applying = answers.All.Where(a => results.Any(r => r.Applies(a.Key) != false)).ToList();
        Answers = applying.Count == answers.Count ? answers : new AnswerSet(applying);
    }

    /// <summary>
    /// Moves as the pressed button says: start, next, back, result or goto:STEP. Returns false when the
    /// move cannot be made (an invalid answer on the page, or an unknown action): show the page with 400.
    /// </summary>
    public bool Move(string action, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(form);
        var currentKey = form[StepField].ToString();
        var index = Steps.ToList().FindIndex(s => s.Key == currentKey);
        if (FieldErrors.Count > 0 && action is "next" or "result")
        {
            Current = index >= 0 ? Steps[index] : Steps.FirstOrDefault(s => s.Questions.Any(q => FieldErrors.ContainsKey(q.Id)));
            View = Current is null ? WizardView.Setup : WizardView.Step;
            return false;
        }

        switch (action)
        {
            case "start":
                Show(Steps.Count > 0 ? Steps[0] : null);
                return true;
            case "next":
                // A follow-up question on the same page may now apply (for example consent, once emotions are detected): show it first.
                if (index >= 0 && Steps[index].Questions.Where(q => !form.ContainsKey(WizardForm.ShownPrefix + q.Id) && Answers[q.Id] is null).ToList() is { Count: > 0 } followUps)
                {
                    Show(Steps[index]);
                    NewQuestions = followUps;
                    return true;
                }

                Show(NextAfter(currentKey, index));
                return true;
            case "back":
                if (index > 0)
                {
                    Show(Steps[index - 1]);
                    return true;
                }

                View = index < 0 && currentKey == ResultKey && Steps.Count > 0 ? WizardView.Step : WizardView.Setup;
                Current = View == WizardView.Step ? Steps[^1] : null;
                return true;
            case "result":
                Show(null);
                return true;
            default:
                if (action.StartsWith("goto:", StringComparison.Ordinal) && Steps.FirstOrDefault(s => s.Key == action[5..]) is { } target)
                {
                    Show(target);
                    return true;
                }

                Errors.Add(new InputError("action", 0, "unknown action"));
                return false;
        }
    }

    /// <summary>Shows a step, or the result when <paramref name="step"/> is null.</summary>
    public void Show(WizardStep? step)
    {
        Current = step;
        View = step is null ? WizardView.Result : WizardView.Step;
        if (step is null)
        {
            Result = Classifier.Classify(Packs, Answers, At);
        }
    }

    private static string? QuestionOf(string field) =>
        field.StartsWith(WizardForm.AnswerPrefix, StringComparison.Ordinal) ? field[WizardForm.AnswerPrefix.Length..]
        : field.StartsWith(WizardForm.SeenPrefix, StringComparison.Ordinal) ? field[WizardForm.SeenPrefix.Length..]
        : field.StartsWith(WizardForm.ShownPrefix, StringComparison.Ordinal) ? field[WizardForm.ShownPrefix.Length..]
        : null;

    private WizardStep? NextAfter(string currentKey, int index)
    {
        if (index >= 0)
        {
            return index + 1 < Steps.Count ? Steps[index + 1] : null;
        }

        // The current step no longer applies (an answer changed); continue with the first step that follows it in pack order.
        var all = Packs.SelectMany(p => p.Pack.Steps.Select(s => p.Pack.Id + "/" + s.Id)).ToList();
        var position = all.IndexOf(currentKey);
        return Steps.FirstOrDefault(s => all.IndexOf(s.Key) > position);
    }
}

/// <summary>What the wizard body partial renders: the flow, and the system's name for the result's title.</summary>
public sealed record WizardBodyView(WizardFlow Flow, string? SystemName);
