using Senim.Web.Features.CaseParts;
using Senim.Registry.Organisations;

namespace Senim.Web.Features.Review;

/// <summary>
/// /review/{systemId}: one system's review, for an expert on its panel. The case file is read-only; the
/// expert declares no conflict of interest (first), works through the checklist, requests changes or
/// recommends a decision (once). Every form re-renders with what was typed when the register refuses it.
/// </summary>
[Authorize]
public sealed class CaseModel(
    CaseFileService cases,
    SystemService systems,
    DocumentService documents,
    ReviewService reviews,
    WorkflowService workflow,
    ActSignatureService acts,
    PublicAddress address) : CasePage(cases, systems, documents, acts, CaseReader.Expert)
{
    public const string VerdictPrefix = "verdict.";
    public const string RemarkPrefix = "remark.";

    public ExpertReview? Mine => Dossier?.Mine;

    /// <summary>What the expert typed into the checklist form, shown again when it is refused: item → (verdict, remark).</summary>
    public Dictionary<string, (string? Verdict, string? Remark)> Posted { get; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public string? Recommendation { get; set; }

    [BindProperty]
    public string? Justification { get; set; }

    [BindProperty]
    public bool NoConflict { get; set; }

    public bool Declared => Mine?.Assignment.NoConflictDeclaredAt is not null;

    /// <summary>The expert may still declare: on the active panel, not declared yet.</summary>
    public bool CanDeclare => Mine is { Assignment.Active: true } && !Declared;

    /// <summary>The checklist, change requests and the recommendation are open: declared, in review, not yet recommended.</summary>
    public bool CanWork => Mine is { Assignment.Active: true, Assignment.Recommendation: null } && Declared && System.Status == SystemStatus.InReview;

    /// <summary>The saved checklist items marked as issues: they go with a change request.</summary>
    public IEnumerable<ChecklistRemark> Issues => Mine?.Remarks.Where(r => r.Verdict == ChecklistVerdict.Issue) ?? [];

    public async Task<IActionResult> OnPostDeclareAsync()
    {
        if (!NoConflict)
        {
            return await ShowAsync(Invalid.Field("NoConflict", "declaration-required", "confirm that you have no conflict of interest"));
        }

        return await ChangeAsync(async actor =>
        {
            await workflow.DeclareNoConflictAsync(actor, SystemId, HttpContext.RequestAborted);
            return Texts.Get("review.notice.declared", Lang);
        }, "checklist");
    }

    public async Task<IActionResult> OnPostChecklistAsync(string? save)
    {
        var checklist = reviews.Checklist();
        var items = save is null or "all" ? checklist.Items : checklist.Items.Where(i => i.Id == save).ToList();
        var errors = new FieldErrors();
        var entries = new List<RemarkInput>();
        foreach (var item in checklist.Items)
        {
            var verdict = Request.Form[VerdictPrefix + item.Id].ToString();
            var remark = Request.Form[RemarkPrefix + item.Id].ToString();
            Posted[item.Id] = (verdict.Length == 0 ? null : verdict, remark);
            if (!items.Contains(item))
            {
                continue;
            }

            var parsed = ReviewCodes.ParseVerdict(verdict);
            if (parsed is { } v)
            {
                entries.Add(new RemarkInput(item.Id, v, remark));
            }
            else if (verdict.Length > 0 || remark.Trim().Length > 0 || save == item.Id)
            {
                errors.Add(VerdictPrefix + item.Id, "verdict-required", "choose a verdict for this item");
            }
        }

        if (items.Count == 0)
        {
            errors.Add("save", "item-unknown", "the checklist has no item '{0}'", save ?? "");
        }
        else if (entries.Count == 0 && !errors.Any)
        {
            errors.Add("save", "verdict-required", "choose a verdict for at least one item");
        }

        return await ChangeAsync(async actor =>
        {
            errors.ThrowIfAny();
            var access = await Systems.OpenAsync(actor, SystemId, SystemPurpose.Workflow, HttpContext.RequestAborted);
            var saved = await reviews.SaveChecklistAsync(access, entries, HttpContext.RequestAborted);
            return Texts.Format("review.notice.saved", Lang, saved);
        }, save is null or "all" ? "checklist" : "item-" + save);
    }

    public Task<IActionResult> OnPostChangesAsync() => ChangeAsync(async actor =>
    {
        await workflow.RequestChangesAsync(actor, SystemId, Message ?? "", Version, HttpContext.RequestAborted);
        return Texts.Get("review.notice.changes", Lang);
    });

    public Task<IActionResult> OnPostRecommendAsync() => ChangeAsync(async actor =>
    {
        await workflow.RecommendAsync(actor, SystemId, ParsedRecommendation(), Justification ?? "", Version, await Signing.AnswerAsync(), HttpContext.RequestAborted);
        return Texts.Get("review.notice.recommended", Lang);
    }, signedAct: true);

    /// <summary>Fixes the recommendation as typed for signing: a challenge names it and the SHA-256 of its content.</summary>
    public Task<IActionResult> OnPostRecommendationChallengeAsync() => FixForSigningAsync((signatures, actor) =>
        signatures.IssueForRecommendationAsync(actor, SystemId, ParsedRecommendation(), Justification, address.For(Request), HttpContext.RequestAborted));

    private Recommendation ParsedRecommendation()
    {
        if (ReviewCodes.ParseRecommendation(Recommendation) is not { } recommendation)
        {
            throw Invalid.Field("Recommendation", "recommendation-invalid", "choose what you recommend");
        }

        return recommendation;
    }

    /// <summary>The verdict to show as chosen for an item: what was posted, else what is saved.</summary>
    public string? VerdictOf(string itemId) =>
        Posted.TryGetValue(itemId, out var posted) ? posted.Verdict : Mine?.RemarkOn(itemId)?.Verdict.Code();

    public string? RemarkOf(string itemId) =>
        Posted.TryGetValue(itemId, out var posted) ? posted.Remark : Mine?.RemarkOn(itemId)?.Remark;
}
