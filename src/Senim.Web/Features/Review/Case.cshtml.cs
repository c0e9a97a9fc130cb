using Senim.Web.Features.CaseParts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Senim.Registry.Organisations;
using Senim.Web.Infrastructure.Signing;
using Senim.Web.Infrastructure.Hosting;

namespace Senim.Web.Features.Review;

/// <summary>
/// /review/{systemId}: one system's review, for an expert on its panel. The case file is read-only; the
/// expert declares no conflict of interest (first), works through the checklist, requests changes or
/// recommends a decision (once). Every form re-renders with what was typed when the register refuses it.
/// </summary>
[Authorize]
[RequestSizeLimit(SignedAnswers.MaxFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SignedAnswers.MaxFormBytes)]
public sealed class CaseModel(
    CaseFileService cases,
    SystemService systems,
    DocumentService documents,
    ReviewService reviews,
    WorkflowService workflow,
    ActSignatureService acts,
    PublicAddress address) : RegistryPage
{
    public const string VerdictPrefix = "verdict.";
    public const string RemarkPrefix = "remark.";

    [BindProperty(SupportsGet = true)]
    public Guid SystemId { get; set; }

    /// <summary>The system's case file as the expert reads it; null when the page shows only a refusal.</summary>
    public CaseFile? Dossier { get; private set; }

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
    public int Version { get; set; }

    [BindProperty]
    public bool NoConflict { get; set; }

    /// <summary>The signature posted with a recommendation fixed for signing.</summary>
    [BindProperty]
    public ActSigningFields Signing { get; set; } = new();

    /// <summary>The challenge the recommendation was fixed with, while it waits for its signature.</summary>
    public SignatureChallenge? ActChallenge { get; private set; }

    /// <summary>The signatures kept with the system's acts.</summary>
    public IReadOnlyList<ActSignature> Signatures { get; private set; } = [];

    /// <summary>Whether a recommendation can be signed here, and whether it must be.</summary>
    public SignatureTrust Trust => acts.Trust;

    public AiSystem System => Dossier!.System;

    public bool Declared => Mine?.Assignment.NoConflictDeclaredAt is not null;

    /// <summary>The expert may still declare: on the active panel, not declared yet.</summary>
    public bool CanDeclare => Mine is { Assignment.Active: true } && !Declared;

    /// <summary>The checklist, change requests and the recommendation are open: declared, in review, not yet recommended.</summary>
    public bool CanWork => Mine is { Assignment.Active: true, Assignment.Recommendation: null } && Declared && System.Status == SystemStatus.InReview;

    /// <summary>The saved checklist items marked as issues: they go with a change request.</summary>
    public IEnumerable<ChecklistRemark> Issues => Mine?.Remarks.Where(r => r.Verdict == ChecklistVerdict.Issue) ?? [];

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(null);

    public async Task<IActionResult> OnPostDeclareAsync()
    {
        if (!NoConflict)
        {
            var errors = new FieldErrors();
            errors.Add("NoConflict", "declaration-required", "confirm that you have no conflict of interest");
            return await ShowAsync(new ValidationException(errors.All));
        }

        try
        {
            await workflow.DeclareNoConflictAsync(await ActorAsync(), SystemId, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        Notice = Texts.Get("review.notice.declared", Lang);
        return RedirectToPage(null, null, new { systemId = SystemId }, "checklist");
    }

    public async Task<IActionResult> OnPostChecklistAsync(string? save)
    {
        var actor = await ActorAsync();
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

        try
        {
            errors.ThrowIfAny();
            var access = await systems.OpenAsync(actor, SystemId, SystemPurpose.Workflow, HttpContext.RequestAborted);
            var saved = await reviews.SaveChecklistAsync(access, entries, HttpContext.RequestAborted);
            Notice = Texts.Format("review.notice.saved", Lang, saved);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        return RedirectToPage(null, null, new { systemId = SystemId }, save is null or "all" ? "checklist" : "item-" + save);
    }

    public async Task<IActionResult> OnPostChangesAsync()
    {
        try
        {
            await workflow.RequestChangesAsync(await ActorAsync(), SystemId, Message ?? "", Version, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        Notice = Texts.Get("review.notice.changes", Lang);
        return RedirectToPage(null, null, new { systemId = SystemId }, null);
    }

    public async Task<IActionResult> OnPostRecommendAsync()
    {
        try
        {
            await workflow.RecommendAsync(await ActorAsync(), SystemId, ParsedRecommendation(), Justification ?? "", Version, await Signing.AnswerAsync(), HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            // A refused signature keeps the fixed recommendation on the page, to send the signature again.
            ActChallenge = await Signing.ReopenAsync(acts, await ActorAsync(), SystemId, Response, HttpContext.RequestAborted);
            return await ShowAsync(ex);
        }

        Notice = Texts.Get("review.notice.recommended", Lang);
        return RedirectToPage(null, null, new { systemId = SystemId }, null);
    }

    /// <summary>Fixes the recommendation as typed for signing: a challenge names it and the SHA-256 of its content.</summary>
    public async Task<IActionResult> OnPostRecommendationChallengeAsync()
    {
        try
        {
            ActChallenge = await acts.IssueForRecommendationAsync(await ActorAsync(), SystemId, ParsedRecommendation(), Justification, address.For(Request), HttpContext.RequestAborted);
            NcaLayer.AllowOn(Response);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        return await ShowAsync(null);
    }

    /// <summary>The challenge of a recommendation as a file, exactly its bytes.</summary>
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

    private Recommendation ParsedRecommendation()
    {
        if (ReviewCodes.ParseRecommendation(Recommendation) is not { } recommendation)
        {
            var errors = new FieldErrors();
            errors.Add("Recommendation", "recommendation-invalid", "choose what you recommend");
            throw new ValidationException(errors.All);
        }

        return recommendation;
    }

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

    /// <summary>Loads the page; with a refusal, shows it (with its status) above the form, keeping what was typed.</summary>
    private async Task<IActionResult> ShowAsync(RegistryException? refusal)
    {
        var actor = await ActorAsync();
        try
        {
            Dossier = await cases.OpenAsync(actor, SystemId, CaseReader.Expert, HttpContext.RequestAborted);
            Signatures = await acts.ForSystemAsync(SystemId, actor, seesPanel: false, HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenException notAssigned)
        {
            // Not this expert's review: show the refusal alone, without the case file (the page needs an assignment to render it).
            return Refused(notAssigned);
        }

        return refusal is null ? Page() : Refused(refusal);
    }

    /// <summary>The verdict to show as chosen for an item: what was posted, else what is saved.</summary>
    public string? VerdictOf(string itemId) =>
        Posted.TryGetValue(itemId, out var posted) ? posted.Verdict : Mine?.RemarkOn(itemId)?.Verdict.Code();

    public string? RemarkOf(string itemId) =>
        Posted.TryGetValue(itemId, out var posted) ? posted.Remark : Mine?.RemarkOn(itemId)?.Remark;
}
