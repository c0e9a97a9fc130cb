using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Senim.Law.Engine;
using Senim.Law.Systems;

namespace Senim.Web.Features.Classify;

/// <summary>The classification wizard: setup, one page per step, then the explained result to download.</summary>
public sealed class WizardModel(LawLibrary library, TimeProvider time) : PageModel
{
    public WizardFlow Flow { get; } = new(library);

    public string AtText { get; private set; } = "";

    public string? SystemName { get; private set; }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public void OnGet(string? law)
    {
        AtText = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (law is not null && library.Select(law).Count > 0)
        {
            Flow.Law = law.ToLowerInvariant();
        }
    }

    public IActionResult OnPost()
    {
        if (!Load())
        {
            return Page400();
        }

        var action = Request.Form["action"].ToString();
        if (action == "restart")
        {
            return RedirectToPage();
        }

        return Flow.Move(action, Request.Form) ? Page() : Page400();
    }

    /// <summary>Downloads the result as senim.classification/1 JSON.</summary>
    public IActionResult OnPostJson()
    {
        if (!Load() || Flow.FieldErrors.Count > 0)
        {
            return Page400();
        }

        var result = Classifier.Classify(Flow.Packs, Flow.Answers, Flow.At);
        var json = ResultJson.ToJson(result, Description(), RequestLanguage.Get(HttpContext));
        return File(Encoding.UTF8.GetBytes(json), "application/json", FileStem() + ".classification.json");
    }

    /// <summary>Downloads the answers as a system description for `senim classify`.</summary>
    public IActionResult OnPostYaml()
    {
        if (!Load() || Flow.FieldErrors.Count > 0)
        {
            return Page400();
        }

        var sb = new StringBuilder();
        sb.Append("name: ").AppendLine(Quote(SystemName ?? "AI system"));
        sb.AppendLine("answers:");
        foreach (var (id, answer) in Flow.Answers.All)
        {
            sb.Append("  ").Append(id).Append(": ");
            sb.AppendLine(answer is OptionsAnswer options ? "[" + string.Join(", ", options.Values) + "]" : answer.Display);
        }

        return File(Encoding.UTF8.GetBytes(sb.ToString()), "application/yaml", FileStem() + ".yaml");
    }

    private bool Load()
    {
        var form = Request.Form;
        var errors = Flow.Errors;
        Flow.Law = ClassificationOptions.ParseLaw(form["law"], "law", library, errors);
        AtText = form["at"].ToString().Trim();
        Flow.At = ClassificationOptions.ParseAt(AtText, "at", errors) ?? Today;
        if (AtText.Length == 0)
        {
            AtText = Flow.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        SystemName = form["name"].ToString().Trim() is { Length: > 0 } name ? name : null;
        if (SystemName is { Length: > 200 })
        {
            errors.Add(new InputError("name", 0, "is longer than 200 characters"));
        }

        if (errors.Count > 0)
        {
            Flow.View = WizardView.Setup;
            return false;
        }

        return Flow.ReadForm(form);
    }

    private PageResult Page400()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private SystemDescription Description() => new(SystemName ?? "AI system", null, null, null, Flow.Answers);

    private string FileStem()
    {
        var stem = new string((SystemName ?? "system").Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return stem.Length == 0 ? "system" : stem[..Math.Min(stem.Length, 60)];
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
