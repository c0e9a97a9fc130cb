using Microsoft.AspNetCore.Mvc.RazorPages;
using Senim.Law.Systems;
using Senim.Registry.Workflow;
using Senim.Web.Features.Classify;

namespace Senim.Web.Features.Systems;

/// <summary>
/// Classifying (or reclassifying) a system with the wizard: it starts from the current answers, moves
/// step by step like /classify, and at the end stores the classification with the system.
/// </summary>
public sealed class ClassifyModel(SystemService systems, ClassificationService classifications, LawLibrary library, TimeProvider time) : SystemPage
{
    /// <summary>The system, opened once per request for a change by its owner.</summary>
    public SystemAccess? Access { get; private set; }

    public AiSystem? System { get; private set; }

    public Classification? Current { get; private set; }

    public WizardFlow Flow { get; } = new(library);

    public int Version { get; private set; }

    public IReadOnlyList<FieldDifference> ChangedMeanwhile { get; private set; } = [];

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            await LoadAsync(id);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        Version = System!.Version;
        Flow.At = Today;
        if (Current is not null)
        {
            Flow.Law = library.Select(Current.Law).Count > 0 ? Current.Law : "all";
            Flow.Use(StoredAnswers.Read(Current.AnswersJson, library));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        try
        {
            await LoadAsync(id);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        var form = Request.Form;
        Version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
        Flow.At = Today;
        Flow.Law = ClassificationOptions.ParseLaw(form["law"], "law", library, Flow.Errors);
        if (Flow.Errors.Count > 0 || !Flow.ReadForm(form, dropOtherLaws: true))
        {
            Flow.View = WizardView.Setup;
            return Page400();
        }

        var action = form["action"].ToString();
        if (action != "save")
        {
            return Flow.Move(action, form) ? Page() : Page400();
        }

        if (Flow.FieldErrors.Count > 0)
        {
            Flow.Move("result", form);
            return Page400();
        }

        var actor = await ActorAsync();
        try
        {
            var (_, classification, _) = await classifications.ClassifyAsync(Access!, Flow.Answers, Flow.Law, Version, HttpContext.RequestAborted);
            Notice = Text.Format(classification.Complete ? "systems.classify.saved" : "systems.classify.saved-partial", classification.Number, Text.Tier(classification.KzTier));
            return RedirectToPage("/Systems/Show", new { id });
        }
        catch (ConcurrencyException stale)
        {
            // The answers stay in the form; the form now carries the current version, so saving again
            // (after reading what changed) stores this classification knowingly.
            // Nothing of the change was kept: open the system afresh to show what changed meanwhile.
            var fresh = await systems.OpenAsync(actor, id, SystemPurpose.Read, HttpContext.RequestAborted);
            System = fresh.System;
            if (Version > 0 && Version < System.Version)
            {
                ChangedMeanwhile = await systems.DiffAsync(fresh, Version, System.Version, HttpContext.RequestAborted);
            }

            Version = System.Version;
            Flow.Show(null);
            return Refused(stale);
        }
        catch (RegistryException ex)
        {
            Flow.Show(null);
            return Refused(ex);
        }
    }

    private async Task LoadAsync(Guid id)
    {
        Access = await systems.OpenAsync(await ActorAsync(), id, SystemPurpose.Change, HttpContext.RequestAborted);
        System = Access.System;
        if (!RegistrationWorkflow.IsEditable(System.Status))
        {
            throw new RuleException("not-editable", "A system that is {0} cannot be edited now.", Text.Name(System.Status));
        }

        Current = await classifications.CurrentAsync(Access, HttpContext.RequestAborted);
    }

    private PageResult Page400()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
