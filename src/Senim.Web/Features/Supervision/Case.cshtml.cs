using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Senim.Registry.Workflow;
using Senim.Registry.Organisations;
using Senim.Web.Infrastructure.Signing;
using Senim.Web.Infrastructure.Hosting;

namespace Senim.Web.Features.Supervision;

/// <summary>
/// /supervision/{systemId}: a system as the supervisory body sees it: the case file, every expert's
/// checklist and recommendation side by side, the change requests and the history, and the actions the
/// workflow allows now (assign experts, decide, suspend, reinstate, withdraw). One GET reads the system's row once.
/// </summary>
[Authorize]
[RequestSizeLimit(SignedAnswers.MaxFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SignedAnswers.MaxFormBytes)]
public sealed class CaseModel(
    CaseFileService cases,
    SystemService systems,
    DocumentService documents,
    WorkflowService workflow,
    ActSignatureService acts,
    PublicAddress address) : RegistryPage
{
    /// <summary>The supervisor's steps with a reason: supervision.action.CODE is the button, with its title, help and notice.</summary>
    public static TextTable<WorkflowAction> StepTexts { get; } =
        new("supervision.action", [WorkflowAction.Suspend, WorkflowAction.Reinstate, WorkflowAction.Withdraw], a => a.Code(), "title", "help", "done");

    [BindProperty(SupportsGet = true)]
    public Guid SystemId { get; set; }

    /// <summary>The system's case file as the supervisory body reads it; null when the page shows only a refusal.</summary>
    public CaseFile? Dossier { get; private set; }

    public IReadOnlyList<ExpertReview> Panel => Dossier?.Panel ?? [];

    public IReadOnlyList<ExpertCandidate> Candidates => Dossier?.Candidates ?? [];

    public IReadOnlyList<WorkflowEvent> Events => Dossier?.Events ?? [];

    /// <summary>The workflow actions open to the supervisor in the system's status.</summary>
    public IReadOnlySet<WorkflowAction> Actions => Dossier?.Actions ?? new HashSet<WorkflowAction>();

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

    /// <summary>The signature posted with a decision fixed for signing.</summary>
    [BindProperty]
    public ActSigningFields Signing { get; set; } = new();

    /// <summary>The challenge a decision was fixed with, while it waits for its signature.</summary>
    public SignatureChallenge? ActChallenge { get; private set; }

    /// <summary>The signatures kept with the system's acts.</summary>
    public IReadOnlyList<ActSignature> Signatures { get; private set; } = [];

    /// <summary>Whether a decision can be signed here, and whether it must be.</summary>
    public SignatureTrust Trust => acts.Trust;

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
            var input = DecisionInput.Parse(Decision, Reasons ?? "", Conditions, Deadline);
            decided = await workflow.DecideAsync(await ActorAsync(), SystemId, input, Version, await Signing.AnswerAsync(), HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            ActChallenge = await Signing.ReopenAsync(acts, await ActorAsync(), SystemId, Response, HttpContext.RequestAborted);
            return await ShowAsync(ex);
        }

        Notice = decided.RegisterNumber is { } number && decided.Status != SystemStatus.Refused
            ? Texts.Format("supervision.notice.registered", Lang, number)
            : Texts.Get("supervision.notice.refused", Lang);
        return RedirectToPage(null, null, new { systemId = SystemId }, null);
    }

    /// <summary>Fixes the decision as typed for signing: a challenge names it and the SHA-256 of its content; the page then offers NCALayer, the file and the upload.</summary>
    public async Task<IActionResult> OnPostDecisionChallengeAsync()
    {
        Posted = "decide";
        try
        {
            var input = DecisionInput.Parse(Decision, Reasons ?? "", Conditions, Deadline);
            ActChallenge = await acts.IssueForDecisionAsync(await ActorAsync(), SystemId, input, address.For(Request), HttpContext.RequestAborted);
            NcaLayer.AllowOn(Response);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        return await ShowAsync(null);
    }

    /// <summary>The challenge of a decision as a file, exactly its bytes.</summary>
    public async Task<IActionResult> OnGetActChallengeAsync(Guid challenge)
    {
        try
        {
            return ChallengeFile.Of(await acts.ChallengeAsync(await ActorAsync(), SystemId, challenge, HttpContext.RequestAborted));
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }
    }

    public Task<IActionResult> OnPostSuspendAsync() => StepAsync(WorkflowAction.Suspend, (actor, reason) => workflow.SuspendAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostReinstateAsync() => StepAsync(WorkflowAction.Reinstate, (actor, reason) => workflow.ReinstateAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostWithdrawAsync() => StepAsync(WorkflowAction.Withdraw, (actor, reason) => workflow.WithdrawAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    /// <summary>Downloads an evidence file of the system's documents.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid attachment)
    {
        try
        {
            var access = await systems.OpenAsync(await ActorAsync(), SystemId, SystemPurpose.Read, HttpContext.RequestAborted);
            var (file, content) = await documents.OpenAttachmentAsync(access, attachment, HttpContext.RequestAborted);
            return File(content, file.ContentType, file.FileName);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }
    }

    private async Task<IActionResult> StepAsync(WorkflowAction action, Func<Actor, string, Task<AiSystem>> step)
    {
        Posted = action.Code();
        try
        {
            await step(await ActorAsync(), Reason ?? "");
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        Notice = Text.Name(StepTexts, action, "done");
        return RedirectToPage(null, null, new { systemId = SystemId }, null);
    }

    private async Task<IActionResult> ShowAsync(RegistryException? refusal)
    {
        try
        {
            Dossier = await cases.OpenAsync(await ActorAsync(), SystemId, CaseReader.Supervisor, HttpContext.RequestAborted);
            Authorised = true;
            Signatures = await acts.ForSystemAsync(SystemId, await ActorAsync(), seesPanel: true, HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenException notSupervisor)
        {
            return Refused(refusal as ForbiddenException ?? notSupervisor);
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
