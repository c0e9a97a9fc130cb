using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Systems;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Classify;

/// <summary>The classification wizard: setup, one page per step, then the explained result.</summary>
public sealed class WizardModel(LawLibrary library, TimeProvider time) : PageModel
{
    public enum WizardView
    {
        Setup,
        Step,
        Result,
    }

    public LawLibrary Library => library;

    public WizardView View { get; private set; } = WizardView.Setup;

    public string Law { get; private set; } = "all";

    public string AtText { get; private set; } = "";

    public string? SystemName { get; private set; }

    public IReadOnlyList<WizardStep> Steps { get; private set; } = [];

    public WizardStep? Current { get; private set; }

    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;

    public Dictionary<string, string[]> Raw { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public List<InputError> Errors { get; } = [];

    public ClassificationResult? Result { get; private set; }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public void OnGet(string? law)
    {
        AtText = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (law is not null && library.Select(law).Count > 0)
        {
            Law = law.ToLowerInvariant();
        }
    }

    public IActionResult OnPost()
    {
        if (!Load(out var packs, out var at))
        {
            return Page400();
        }

        var action = Request.Form["action"].ToString();
        if (action == "restart")
        {
            return RedirectToPage();
        }

        var currentKey = Request.Form["step"].ToString();
        var index = Steps.ToList().FindIndex(s => s.Key == currentKey);
        if (FieldErrors.Count > 0 && action is "next" or "result")
        {
            Current = index >= 0 ? Steps[index] : Steps.FirstOrDefault(s => s.Questions.Any(q => FieldErrors.ContainsKey(q.Id)));
            View = Current is null ? WizardView.Setup : WizardView.Step;
            return Page400();
        }

        switch (action)
        {
            case "start":
                return Show(Steps.Count > 0 ? Steps[0] : null, packs, at);
            case "next":
                // A follow-up question on the same page may now apply (for example consent, once emotions are detected): show it first.
                if (index >= 0 && Steps[index].Questions.Any(q => !Request.Form.ContainsKey(WizardForm.ShownPrefix + q.Id) && Answers[q.Id] is null))
                {
                    return Show(Steps[index], packs, at);
                }

                return Show(NextAfter(currentKey, index), packs, at);
            case "back":
                if (index > 0)
                {
                    return Show(Steps[index - 1], packs, at);
                }

                View = index < 0 && currentKey == "result" && Steps.Count > 0 ? WizardView.Step : WizardView.Setup;
                Current = View == WizardView.Step ? Steps[^1] : null;
                return Page();
            case "result":
                return Show(null, packs, at);
            default:
                if (action.StartsWith("goto:", StringComparison.Ordinal) && Steps.FirstOrDefault(s => s.Key == action[5..]) is { } target)
                {
                    return Show(target, packs, at);
                }

                Errors.Add(new InputError("action", 0, "unknown action"));
                return Page400();
        }
    }

    /// <summary>Downloads the result as senim.classification/1 JSON.</summary>
    public IActionResult OnPostJson()
    {
        if (!Load(out var packs, out var at) || FieldErrors.Count > 0)
        {
            return Page400();
        }

        var result = Classifier.Classify(packs, Answers, at);
        var json = ResultJson.ToJson(result, Description(), RequestLanguage.Get(HttpContext));
        return File(Encoding.UTF8.GetBytes(json), "application/json", FileStem() + ".classification.json");
    }

    /// <summary>Downloads the answers as a system description for `senim classify`.</summary>
    public IActionResult OnPostYaml()
    {
        if (!Load(out _, out _) || FieldErrors.Count > 0)
        {
            return Page400();
        }

        var sb = new StringBuilder();
        sb.Append("name: ").AppendLine(Quote(SystemName ?? "AI system"));
        sb.AppendLine("answers:");
        foreach (var (id, answer) in Answers.All)
        {
            sb.Append("  ").Append(id).Append(": ");
            sb.AppendLine(answer is OptionsAnswer options ? "[" + string.Join(", ", options.Values) + "]" : answer.Display);
        }

        return File(Encoding.UTF8.GetBytes(sb.ToString()), "application/yaml", FileStem() + ".yaml");
    }

    private WizardStep? NextAfter(string currentKey, int index)
    {
        if (index >= 0)
        {
            return index + 1 < Steps.Count ? Steps[index + 1] : null;
        }

        // The current step no longer applies (an answer changed); continue with the first step that follows it in pack order.
        var order = Steps.Select(s => s.Key).ToList();
        var all = library.Select(Law).SelectMany(p => p.Pack.Steps.Select(s => p.Pack.Id + "/" + s.Id)).ToList();
        var position = all.IndexOf(currentKey);
        return Steps.FirstOrDefault(s => all.IndexOf(s.Key) > position);
    }

    private IActionResult Show(WizardStep? step, IReadOnlyList<CompiledPack> packs, DateOnly at)
    {
        Current = step;
        View = step is null ? WizardView.Result : WizardView.Step;
        if (step is null)
        {
            Result = Classifier.Classify(packs, Answers, at);
        }

        return Page();
    }

    private bool Load(out IReadOnlyList<CompiledPack> packs, out DateOnly at)
    {
        var form = Request.Form;
        Law = ClassificationOptions.ParseLaw(form["law"], "law", library, Errors);
        AtText = form["at"].ToString().Trim();
        at = ClassificationOptions.ParseAt(AtText, "at", Errors) ?? Today;
        if (AtText.Length == 0)
        {
            AtText = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        SystemName = form["name"].ToString().Trim() is { Length: > 0 } name ? name : null;
        if (SystemName is { Length: > 200 })
        {
            Errors.Add(new InputError("name", 0, "is longer than 200 characters"));
        }

        packs = Errors.Count == 0 ? library.Select(Law) : [];
        if (Errors.Count > 0)
        {
            View = WizardView.Setup;
            return false;
        }

        Answers = WizardForm.ReadAnswers(form, packs, at, Raw, FieldErrors, Errors);
        if (Errors.Count > 0)
        {
            View = WizardView.Setup;
            return false;
        }

        var results = Classifier.Classify(packs, Answers, at).Packs;
        Steps = WizardForm.Steps(results);

        // Answers to questions that no longer apply (an earlier answer changed) are dropped, not carried along.
        var applying = Answers.All.Where(a => results.Any(r => r.Applies(a.Key) != false)).ToList();
        if (applying.Count != Answers.Count)
        {
            Answers = new AnswerSet(applying);
        }

        return true;
    }

    private PageResult Page400()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private SystemDescription Description() => new(SystemName ?? "AI system", null, null, null, Answers);

    private string FileStem()
    {
        var stem = new string((SystemName ?? "system").Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return stem.Length == 0 ? "system" : stem[..Math.Min(stem.Length, 60)];
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
