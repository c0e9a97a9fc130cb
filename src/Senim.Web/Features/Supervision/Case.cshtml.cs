using Senim.Web.Features.CaseParts;
using Senim.Registry.Workflow;
using Senim.Registry.Organisations;

namespace Senim.Web.Features.Supervision;

/// <summary>
/// /supervision/{systemId}: a system as the supervisory body sees it: the case file, every expert's
/// checklist and recommendation side by side, the change requests and the history, and the actions the
/// workflow allows now (assign experts, decide, suspend, reinstate, withdraw). One GET reads the system's row once.
/// </summary>
[Authorize]
public sealed class CaseModel(
    CaseFileService cases,
    SystemService systems,
    DocumentService documents,
    WorkflowService workflow,
    ActSignatureService acts,
    PublicAddress address) : CasePage(cases, systems, documents, acts, CaseReader.Supervisor)
{
    /// <summary>The supervisor's steps with a reason: supervision.action.CODE is the button, with its title, help and notice.</summary>
    public static TextTable<WorkflowAction> StepTexts { get; } =
        new("supervision.action", [WorkflowAction.Suspend, WorkflowAction.Reinstate, WorkflowAction.Withdraw], a => a.Code(), "title", "help", "done");

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

    public Task<IActionResult> OnPostAssignAsync()
    {
        Posted = "assign";
        return ChangeAsync(async actor =>
        {
            await workflow.AssignAsync(actor, SystemId, Experts, Version, HttpContext.RequestAborted);
            return Texts.Format("supervision.notice.assigned", Lang, Experts.Distinct().Count());
        });
    }

    public Task<IActionResult> OnPostDecideAsync()
    {
        Posted = "decide";
        return ChangeAsync(async actor =>
        {
            var input = DecisionInput.Parse(Decision, Reasons ?? "", Conditions, Deadline);
            var decided = await workflow.DecideAsync(actor, SystemId, input, Version, await Signing.AnswerAsync(), HttpContext.RequestAborted);
            return decided.RegisterNumber is { } number && decided.Status != SystemStatus.Refused
                ? Texts.Format("supervision.notice.registered", Lang, number)
                : Texts.Get("supervision.notice.refused", Lang);
        }, signedAct: true);
    }

    /// <summary>Fixes the decision as typed for signing: a challenge names it and the SHA-256 of its content; the page then offers NCALayer, the file and the upload.</summary>
    public Task<IActionResult> OnPostDecisionChallengeAsync()
    {
        Posted = "decide";
        return FixForSigningAsync((signatures, actor) =>
            signatures.IssueForDecisionAsync(actor, SystemId, DecisionInput.Parse(Decision, Reasons ?? "", Conditions, Deadline), address.For(Request), HttpContext.RequestAborted));
    }

    public Task<IActionResult> OnPostSuspendAsync() => StepAsync(WorkflowAction.Suspend, (actor, reason) => workflow.SuspendAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostReinstateAsync() => StepAsync(WorkflowAction.Reinstate, (actor, reason) => workflow.ReinstateAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostWithdrawAsync() => StepAsync(WorkflowAction.Withdraw, (actor, reason) => workflow.WithdrawAsync(actor, SystemId, reason, Version, HttpContext.RequestAborted));

    private Task<IActionResult> StepAsync(WorkflowAction action, Func<Actor, string, Task<AiSystem>> step)
    {
        Posted = action.Code();
        return ChangeAsync(async actor =>
        {
            await step(actor, Reason ?? "");
            return Text.Name(StepTexts, action, "done");
        });
    }

    /// <summary>A supervisor who may not read the case file sees the refusal of what they tried, when that was a refusal of rights.</summary>
    protected override RegistryException Unreadable(ForbiddenException forbidden, RegistryException? refusal) => refusal as ForbiddenException ?? forbidden;

    /// <summary>Whether an expert's box is ticked: as posted after a refusal, else as on the panel now.</summary>
    public bool Ticked(ExpertCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return Posted == "assign" ? Experts.Contains(candidate.Id) : candidate.Assigned;
    }

    /// <summary>Whether the review is still going on (earlier panels are then marked as replaced).</summary>
    public bool UnderReview => System.Status is SystemStatus.Submitted or SystemStatus.InReview or SystemStatus.ChangesRequested or SystemStatus.Recommended;
}
