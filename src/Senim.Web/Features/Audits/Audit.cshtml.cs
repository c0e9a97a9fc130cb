using Senim.Registry.Audits;
using Senim.Registry.Organisations;

namespace Senim.Web.Features.Audits;

/// <summary>
/// /audits/{id}: an audit's checklist from the law pack with the findings, corrective actions and timeline; the forms of
/// the steps the reader may take (the auditor's findings, actions and result; the owner's actions done; the supervisory
/// body's cancellation and, after a passed audit, the entry on the trusted list). Works without JavaScript.
/// </summary>
[Authorize]
public sealed class AuditModel(AuditService audits, TrustedListService trusted) : RegistryPage
{
    public AuditCase Case { get; private set; } = null!;

    public bool IsAuditor { get; private set; }

    public bool IsOwner { get; private set; }

    public bool IsSupervisor { get; private set; }

    /// <summary>The sectors whose trusted list the system is on now.</summary>
    public IReadOnlyList<string> TrustedIn { get; private set; } = [];

    /// <summary>The item whose form was posted, to show its errors.</summary>
    public string? PostedItem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public Task<IActionResult> OnPostFindingAsync(Guid id, string item, string? result, string? note, IFormFile? evidence, int version) => ActAsync(id, item, async (actor, ct) =>
    {
        var value = CaseCodes.Parse<FindingResult>(result) ?? throw Invalid.Field("result", "audit-result-unknown", "choose met, not met or not applicable");
        await using var content = evidence?.OpenReadStream();
        await audits.RecordFindingAsync(actor, id, item, value, note, evidence is null ? null : new Upload(evidence.FileName, evidence.Length, content!), version, ct);
    });

    public Task<IActionResult> OnPostActionAsync(Guid id, string item, string? text, DateOnly? due, int version) =>
        ActAsync(id, item, (actor, ct) => audits.AddCorrectiveActionAsync(actor, id, item, text, due, version, ct));

    public Task<IActionResult> OnPostDoneAsync(Guid id, Guid action, string? text, int version) =>
        ActAsync(id, null, (actor, ct) => audits.ReportActionDoneAsync(actor, id, action, text, version, ct));

    public Task<IActionResult> OnPostCompleteAsync(Guid id, string? result, string? text, int version) => ActAsync(id, null, (actor, ct) => result switch
    {
        "passed" or "failed" => audits.CompleteAsync(actor, id, result == "passed", text, version, ct),
        _ => throw Invalid.Field("result", "audit-completion", "use passed or failed"),
    });

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? text, int version) =>
        ActAsync(id, null, (actor, ct) => audits.CancelAsync(actor, id, text, version, ct));

    public Task<IActionResult> OnPostTrustAsync(Guid id) => ActAsync(id, null, async (actor, ct) =>
    {
        var audit = await audits.GetAsync(actor, id, ct);
        await trusted.EnterAsync(actor, audit.Audit.System.Id!.Value, ct);
    });

    /// <summary>A finding's evidence file, for those who may see the audit.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, string item)
    {
        try
        {
            if (await audits.EvidenceAsync(await ActorAsync(), id, item, HttpContext.RequestAborted) is not { } file)
            {
                return NotFound();
            }

            Response.Headers.CacheControl = "no-store";
            return File(file.Content, "application/octet-stream", file.Name);
        }
        catch (RegistryException ex)
        {
            return ex is NotFoundException ? NotFound() : Refused(ex);
        }
    }

    private async Task<IActionResult> ActAsync(Guid id, string? item, Func<Actor, CancellationToken, Task> change)
    {
        PostedItem = item;
        try
        {
            await change(await ActorAsync(), HttpContext.RequestAborted);
            Notice = Texts.Get("enforcement.saved", Lang);
            return RedirectToPage("/Audits/Audit", new { id });
        }
        catch (RegistryException ex)
        {
            return await LoadAsync(id) ?? Refused(ex);
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        try
        {
            var actor = await ActorAsync();
            Case = await audits.GetAsync(actor, id, HttpContext.RequestAborted);
            IsAuditor = actor.UserId == Case.Audit.AuditorId && (actor.IsSupervisor || actor.IsExpert);
            IsOwner = actor.CanEdit(Case.Audit.OrganisationId);
            IsSupervisor = actor.IsSupervisor;
            TrustedIn = await trusted.SectorsOfAsync(Case.Audit.System.Id!.Value, HttpContext.RequestAborted);
            return null;
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }
}
