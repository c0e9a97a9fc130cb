using Senim.Law.Fines;
using Senim.Registry.Enforcement;
using Senim.Registry.Organisations;
using Senim.Web.Features.Organisations;
using Senim.Web.Infrastructure.Signing;

namespace Senim.Web.Features.Enforcement;

/// <summary>
/// /enforcement/{id}: one enforcement case. The supervisory body sees the whole timeline and works the case: evidence,
/// internal notes, the request for a response, the decision (a fine is computed and shown before it is confirmed),
/// the appeal's decision, closing. Members of the offender organisation see the case without internal notes, respond
/// and appeal. Every form works without JavaScript. A decision can be fixed for signing and sent with a digital
/// signature (NCALayer, or a file signed in any tool); the signatures are listed with the case.
/// </summary>
[Authorize]
[RequestSizeLimit(SignedAnswers.MaxFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SignedAnswers.MaxFormBytes)]
public sealed class CaseModel(EnforcementCases cases, EnforcementService service, ActSignatureService acts, PublicAddress address) : RegistryPage
{
    public EnforcementView View { get; private set; } = null!;

    public bool IsSupervisor { get; private set; }

    /// <summary>Whether the reader may answer for the offender (a member who may edit).</summary>
    public bool MayAnswer { get; private set; }

    /// <summary>The computed fine of a decision not yet confirmed (the preview), with what was typed.</summary>
    public FineResult? Preview { get; private set; }

    public DecisionForm Decision { get; private set; } = new(null, null, null, null, false);

    /// <summary>The text typed in the form that was refused, by form name.</summary>
    public Dictionary<string, string?> Typed { get; } = new(StringComparer.Ordinal);

    public sealed record DecisionForm(string? Kind, string? Reasons, string? Category, string? OffenceDate, bool Suspend);

    /// <summary>The signature posted with a decision fixed for signing.</summary>
    [BindProperty]
    public ActSigningFields Signing { get; set; } = new();

    /// <summary>The challenge the decision was fixed with, while it waits for its signature.</summary>
    public SignatureChallenge? ActChallenge { get; private set; }

    /// <summary>The signatures kept with the case's decisions.</summary>
    public IReadOnlyList<ActSignature> Signatures { get; private set; } = [];

    /// <summary>Whether a decision can be signed here, and whether it must be.</summary>
    public SignatureTrust Trust => acts.Trust;

    /// <summary>The fine table's categories, for the decision form.</summary>
    public IReadOnlyList<string> Categories => service.Categories;

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

        return Page();
    }

    /// <summary>The challenge of a decision fixed for signing, as a file: exactly its bytes.</summary>
    public async Task<IActionResult> OnGetActChallengeAsync(Guid id, Guid challenge)
    {
        try
        {
            return ChallengeFile.Of(await acts.CaseChallengeAsync(await ActorAsync(), id, challenge, HttpContext.RequestAborted));
        }
        catch (RegistryException ex)
        {
            return ex is NotFoundException ? NotFound() : Refused(ex);
        }
    }

    /// <summary>Fixes the decision as typed (its fine computed) for signing; the page then offers NCALayer, the file and the upload.</summary>
    public async Task<IActionResult> OnPostDecisionChallengeAsync(Guid id, string? decision, string? reasons, string? category, [FromForm(Name = "offence_date")] string? offenceDate, bool suspend, int version)
    {
        Decision = new DecisionForm(decision, reasons, category, offenceDate, suspend);
        try
        {
            ActChallenge = await service.IssueDecisionChallengeAsync(await ActorAsync(), id, EnforcementApi.Decision(decision, reasons, category, offenceDate, suspend), version, address.For(Request), HttpContext.RequestAborted);
            NcaLayer.AllowOn(Response);
            if (Decision.Kind == EnforcementDecisionKind.Fine.Code())
            {
                Preview = await service.PreviewFineAsync(await ActorAsync(), id, category, EnforcementApi.Day("offence_date", offenceDate), HttpContext.RequestAborted);
            }

            await LoadAsync(id);
            return Page();
        }
        catch (RegistryException ex)
        {
            return await RefusedOnAsync(id, ex);
        }
    }

    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid evidence)
    {
        try
        {
            var (item, content) = await cases.OpenEvidenceAsync(await ActorAsync(), id, evidence, HttpContext.RequestAborted);
            Response.Headers.CacheControl = "no-store";
            return File(content, item.ContentType, item.FileName);
        }
        catch (RegistryException ex)
        {
            return ex is NotFoundException ? NotFound() : Refused(ex);
        }
    }

    public Task<IActionResult> OnPostNoteAsync(Guid id, string? text, int version) =>
        StepAsync(id, "note", text, actor => service.AddNoteAsync(actor, id, text, version, HttpContext.RequestAborted), "enforcement.saved");

    public Task<IActionResult> OnPostRequestAsync(Guid id, string? text, int version) =>
        StepAsync(id, "request", text, actor => service.RequestResponseAsync(actor, id, text, version, HttpContext.RequestAborted), "enforcement.saved");

    public Task<IActionResult> OnPostRespondAsync(Guid id, string? text, int version) =>
        StepAsync(id, "respond", text, actor => service.RespondAsync(actor, id, text, version, HttpContext.RequestAborted), "enforcement.saved");

    public Task<IActionResult> OnPostAppealAsync(Guid id, string? text, int version) =>
        StepAsync(id, "appeal", text, actor => service.AppealAsync(actor, id, text, version, HttpContext.RequestAborted), "enforcement.saved");

    public Task<IActionResult> OnPostCloseAsync(Guid id, int version) =>
        StepAsync(id, "close", null, actor => service.CloseAsync(actor, id, version, HttpContext.RequestAborted), "enforcement.closed");

    public Task<IActionResult> OnPostOutcomeAsync(Guid id, string? outcome, string? text, int version, [FromForm(Name = "changed_to")] string? changedTo,
        [FromForm(Name = "changed_category")] string? category, [FromForm(Name = "changed_offence_date")] string? offenceDate) =>
        StepAsync(id, "outcome", text, actor => service.DecideAppealAsync(actor, id,
            EnforcementCodes.ParseOutcome(outcome) ?? throw Invalid.Field("outcome", "enforcement-outcome-unknown", "must be upheld, annulled or changed"), text, version,
            EnforcementCodes.ParseOutcome(outcome) == AppealOutcome.Changed ? EnforcementApi.Change(changedTo, category, offenceDate) : null, HttpContext.RequestAborted), "enforcement.decided");

    public async Task<IActionResult> OnPostEvidenceAsync(Guid id, IFormFile? file, int version)
    {
        await using var content = file?.OpenReadStream();
        return await StepAsync(id, "evidence", null, actor => service.AddEvidenceAsync(actor, id, EvidenceFile.Of(file, content), version, HttpContext.RequestAborted), "enforcement.saved");
    }

    /// <summary>Computes the fine and shows it with a button that confirms the decision; nothing is decided yet.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, string? decision, string? reasons, string? category, [FromForm(Name = "offence_date")] string? offenceDate, bool suspend)
    {
        Decision = new DecisionForm(decision, reasons, category, offenceDate, suspend);
        try
        {
            var date = EnforcementApi.Day("offence_date", offenceDate) ?? throw JsonBody.Required("offence_date");
            Preview = await service.PreviewFineAsync(await ActorAsync(), id, category, date, HttpContext.RequestAborted);
            await LoadAsync(id);
            return Page();
        }
        catch (RegistryException ex)
        {
            return await RefusedOnAsync(id, ex);
        }
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, string? reasons, string? category, [FromForm(Name = "offence_date")] string? offenceDate, bool suspend, int version)
    {
        Decision = new DecisionForm(decision, reasons, category, offenceDate, suspend);
        var signature = await Signing.AnswerAsync();
        var result = await StepAsync(id, "decide", null, actor =>
            service.DecideAsync(actor, id, EnforcementApi.Decision(decision, reasons, category, offenceDate, suspend), version, signature, HttpContext.RequestAborted), "enforcement.decided");
        if (result is Microsoft.AspNetCore.Mvc.RazorPages.PageResult)
        {
            // A refused signed decision keeps its challenge on the page, to send the signature again.
            var actor = await ActorAsync();
            ActChallenge = await Signing.ReopenAsync(challenge => acts.CaseChallengeAsync(actor, id, challenge, HttpContext.RequestAborted), Response);
        }

        return result;
    }

    private async Task<IActionResult> StepAsync(Guid id, string form, string? text, Func<Actor, Task> step, string notice)
    {
        try
        {
            await step(await ActorAsync());
        }
        catch (RegistryException ex)
        {
            Typed[form] = text;
            return await RefusedOnAsync(id, ex);
        }

        Notice = Texts.Get(notice, Lang);
        return RedirectToPage("/Enforcement/Case", new { id });
    }

    /// <summary>The refusal on the case's page (or the case's own refusal when the reader may not see it).</summary>
    private async Task<IActionResult> RefusedOnAsync(Guid id, RegistryException ex)
    {
        try
        {
            await LoadAsync(id);
        }
        catch (RegistryException unseen)
        {
            return Refused(unseen);
        }

        return Refused(ex);
    }

    private async Task LoadAsync(Guid id)
    {
        var actor = await ActorAsync();
        View = await cases.GetAsync(actor, id, HttpContext.RequestAborted);
        Signatures = await acts.ForCaseAsync(id, HttpContext.RequestAborted);
        IsSupervisor = actor.IsSupervisor;
        MayAnswer = actor.CanEdit(View.Case.OrganisationId);
    }
}

/// <summary>A form of the case page that sends one text (a note, a question, a response, an appeal's grounds).</summary>
public sealed record TextFormView(Guid CaseId, string Handler, int Version, string Label, string Submit, string? Typed, string? Error, bool Primary = false);
