using Senim.Registry.Incidents;

namespace Senim.Web.Features.Audits;

/// <summary>
/// /incidents/{id}: one incident with its facts, the EU clock (or what the Kazakh pack says), the timeline, and the forms of
/// the steps the reader may take: follow-up, final report and the EU report for the owner's members; a request for
/// information and the review for the supervisory body.
/// </summary>
[Authorize]
public sealed class IncidentModel(IncidentService incidents, LawCatalog catalog) : RegistryPage
{
    public IncidentCase Case { get; private set; } = null!;

    /// <summary>What the Kazakh pack says about incidents: its obligation under Art. 18(2) (the Law sets no reporting period).</summary>
    public Obligation? KzObligation { get; private set; }

    public bool IsOwner { get; private set; }

    public bool IsSupervisor { get; private set; }

    public string? Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) is { } refused ? refused : Page();

    /// <summary>One form for every step: <paramref name="step"/> names it (follow-up, final-report, eu-report, request-information, review).</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, string? step, string? text, int version)
    {
        Posted = text;
        var ct = HttpContext.RequestAborted;
        try
        {
            var actor = await ActorAsync();
            _ = step switch
            {
                "follow-up" => await incidents.FollowUpAsync(actor, id, new IncidentUpdate(text), version, ct),
                "final-report" => await incidents.FinalReportAsync(actor, id, new IncidentUpdate(text), version, ct),
                "eu-report" => await incidents.RecordEuReportAsync(actor, id, text, version, ct),
                "request-information" => await incidents.RequestInformationAsync(actor, id, text, version, ct),
                "review" => await incidents.ReviewAsync(actor, id, text, version, ct),
                _ => throw Invalid.Field("step", "incident-step-unknown", "use follow-up, final-report, eu-report, request-information or review"),
            };
            Notice = Texts.Get("enforcement.saved", Lang);
            return RedirectToPage("/Audits/Incident", new { id });
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
            Case = await incidents.GetAsync(actor, id, HttpContext.RequestAborted);
            IsOwner = actor.CanEdit(Case.Incident.OrganisationId);
            IsSupervisor = actor.IsSupervisor;
            KzObligation = catalog.Active.Packs.SelectMany(p => p.Pack.Obligations).FirstOrDefault(o => o.Id == IncidentWorkflow.KzObligationId);
            return null;
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }
}
