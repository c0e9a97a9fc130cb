using Senim.Registry.Audits;

namespace Senim.Web.Features.Audits;

/// <summary>
/// /audits: the audits the reader may see (the supervisory body and admins: all; an auditor: theirs; a member: its
/// organisations'), and the supervisory body's form that plans one (works without JavaScript).
/// </summary>
[Authorize]
public sealed class AuditsModel(AuditService audits) : RegistryPage
{
    public IReadOnlyList<AuditItem> Items { get; private set; } = [];

    /// <summary>Registered systems the supervisory body may plan an audit of.</summary>
    public IReadOnlyList<Senim.Registry.Citizens.RequestSystem> Registered { get; private set; } = [];

    /// <summary>Who may audit: supervisors and experts.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Auditors { get; private set; } = [];

    public bool CanPlan { get; private set; }

    [BindProperty]
    public PlanForm Form { get; set; } = new();

    public sealed class PlanForm
    {
        public Guid? SystemId { get; set; }

        public string? Scope { get; set; }

        public DateOnly? PlannedStart { get; set; }

        public DateOnly? PlannedEnd { get; set; }

        public Guid? AuditorId { get; set; }
    }

    public Task<IActionResult> OnGetAsync() => PageOrRefusedAsync(LoadAsync);

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var actor = await ActorAsync();
            var plan = new AuditPlan(Form.SystemId ?? throw Invalid.Field("system_id", "required", "is required"), null, Form.Scope,
                Form.PlannedStart ?? throw Invalid.Field("planned_start", "required", "is required"), Form.PlannedEnd ?? throw Invalid.Field("planned_end", "required", "is required"),
                Form.AuditorId ?? actor.UserId);
            var audit = await audits.PlanAsync(actor, plan, HttpContext.RequestAborted);
            Notice = Texts.Get("audits.planned", Lang);
            return RedirectToPage("/Audits/Audit", new { id = audit.Id });
        }
        catch (RegistryException ex)
        {
            try
            {
                await LoadAsync();
            }
            catch (RegistryException)
            {
                // The list is what failed: the refusal of the form is still the one to show.
            }

            return Refused(ex);
        }
    }

    private async Task LoadAsync()
    {
        var actor = await ActorAsync();
        var ct = HttpContext.RequestAborted;
        var all = new List<AuditItem>();
        if (actor.IsSupervisor || actor.IsAdmin)
        {
            all.AddRange((await audits.ListAsync(actor, null, false, false, 1, 100, ct)).Items);
        }
        else
        {
            if (actor.IsExpert)
            {
                all.AddRange((await audits.ListAsync(actor, null, true, false, 1, 100, ct)).Items);
            }

            foreach (var organisation in actor.Memberships.Keys)
            {
                all.AddRange((await audits.ListAsync(actor, organisation, false, false, 1, 100, ct)).Items);
            }
        }

        Items = [.. all.DistinctBy(a => a.Id).OrderByDescending(a => a.PlannedStart)];
        CanPlan = actor.IsSupervisor;
        if (CanPlan)
        {
            Registered = await audits.AuditableAsync(actor, ct);
            Auditors = await audits.AuditorsAsync(actor, ct);
        }
    }
}
