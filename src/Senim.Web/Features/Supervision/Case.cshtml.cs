using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Senim.Law.Packs;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Workflow;
using Senim.Web.Features.Review;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Supervision;

/// <summary>
/// /supervision/{systemId}: a system as the supervisory body sees it: the dossier, every expert's
/// checklist and recommendation side by side, the change requests and the history, and the actions the
/// workflow allows now (assign experts, decide, suspend, reinstate, withdraw).
/// </summary>
[Authorize]
public sealed class CaseModel(
    SystemService systems,
    ClassificationService classifications,
    DocumentService documents,
    ReviewService reviews,
    WorkflowService workflow,
    SupervisionService supervision,
    LawLibrary library) : RegistryPage
{
    [BindProperty(SupportsGet = true)]
    public Guid SystemId { get; set; }

    public Dossier? Dossier { get; private set; }

    public IReadOnlyList<ExpertReview> Panel { get; private set; } = [];

    public IReadOnlyList<ExpertCandidate> Candidates { get; private set; } = [];

    public IReadOnlyList<WorkflowEvent> Events { get; private set; } = [];

    /// <summary>The workflow actions open to the supervisor in the system's status.</summary>
    public IReadOnlySet<string> Actions { get; private set; } = new HashSet<string>();

    /// <summary>The form that was posted (assign, decide, suspend, reinstate, withdraw), to show its errors and input again.</summary>
    public string? Posted { get; private set; }

    [BindProperty]
    public List<Guid> Experts { get; set; } = [];

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Reasons { get; set; }

    [BindProperty]
    public string? Conditions { get; set; }

    [BindProperty]
    public string? Deadline { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public AiSystem System => Dossier!.System;

    /// <summary>True when the reader is the supervisory body (everyone else sees only the refusal).</summary>
    public bool Authorised { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(null);

    public async Task<IActionResult> OnPostAssignAsync()
    {
        Posted = "assign";
        try
        {
            await workflow.AssignAsync(await ActorAsync(), SystemId, Experts, Version, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        Notice = Texts.Format("supervision.notice.assigned", Lang, Experts.Distinct().Count());
        return RedirectToPage(null, null, new { systemId = SystemId }, null);
    }

    public async Task<IActionResult> OnPostDecideAsync()
    {
        Posted = "decide";
        AiSystem decided;
        try
        {
            var errors = new FieldErrors();
            var decision = ReviewCodes.ParseDecision(Decision);
            if (decision is null)
            {
                errors.Add("decision", "decision-invalid", "choose a decision");
            }

            DateOnly? deadline = null;
            if (!string.IsNullOrWhiteSpace(Deadline))
            {
                if (DateOnly.TryParseExact(Deadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    deadline = parsed;
                }
                else
                {
                    errors.Add("deadline", "deadline-date", "write the date as yyyy-mm-dd");
                }
            }

            errors.ThrowIfAny();
            decided = await workflow.DecideAsync(await ActorAsync(), SystemId, decision!.Value, Reasons ?? "", Conditions, deadline, Version, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        Notice = decided.RegisterNumber is { } number && decided.Status != SystemStatus.Refused
            ? Texts.Format("supervision.notice.registered", Lang, number)
            : Texts.Get("supervision.notice.refused", Lang);
        return RedirectToPage(null, null, new { systemId = SystemId }, null);
    }

    public Task<IActionResult> OnPostSuspendAsync() => StepAsync("suspend", (actor, reason) => workflow.SuspendAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostReinstateAsync() => StepAsync("reinstate", (actor, reason) => workflow.ReinstateAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostWithdrawAsync() => StepAsync("withdraw", (actor, reason) => workflow.WithdrawAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    /// <summary>Downloads an evidence file of the system's documents.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid attachment)
    {
        try
        {
            var (file, content) = await documents.OpenAttachmentAsync(await ActorAsync(), SystemId, attachment, HttpContext.RequestAborted);
            return File(content, file.ContentType, file.FileName);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }
    }

    private async Task<IActionResult> StepAsync(string action, Func<Actor, string, Task<AiSystem>> step)
    {
        Posted = action;
        try
        {
            await step(await ActorAsync(), Reason ?? "");
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        Notice = Texts.Get("supervision.notice." + action, Lang);
        return RedirectToPage(null, null, new { systemId = SystemId }, null);
    }

    private async Task<IActionResult> ShowAsync(RegistryException? refusal)
    {
        var actor = await ActorAsync();
        try
        {
            Dossier = await Dossier.LoadAsync(actor, SystemId, systems, classifications, documents, reviews, library, HttpContext.RequestAborted);
            if (!actor.IsSupervisor)
            {
                return Refused(refusal as ForbiddenException ?? new ForbiddenException("supervisor-only", "Only the supervisory body may do this."));
            }

            Authorised = true;
            Panel = await reviews.PanelAsync(actor, SystemId, HttpContext.RequestAborted);
            Candidates = await supervision.ExpertsAsync(actor, SystemId, HttpContext.RequestAborted);
            Events = await workflow.EventsAsync(SystemId, publicOnly: false, HttpContext.RequestAborted);
            Actions = RegistrationWorkflow.Available(Dossier.System.Status, Capacity.Supervisor).Select(t => t.Action).ToHashSet();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return refusal is null ? Page() : Refused(refusal);
    }

    /// <summary>Whether an expert's box is ticked: as posted after a refusal, else as on the panel now.</summary>
    public bool Ticked(ExpertCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return Posted == "assign" ? Experts.Contains(candidate.Id) : candidate.Assigned;
    }

    /// <summary>Whether the review is still going on (earlier panels are then marked as replaced).</summary>
    public bool UnderReview => System.Status is SystemStatus.Submitted or SystemStatus.InReview or SystemStatus.ChangesRequested or SystemStatus.Recommended;
}
