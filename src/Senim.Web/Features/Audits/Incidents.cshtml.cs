using Senim.Law.Calendar;
using Senim.Registry.Incidents;

namespace Senim.Web.Features.Audits;

/// <summary>
/// /incidents: the supervisory body's (and admins') list of every incident with its EU clock; a member's list of its
/// organisations' incidents and the form that reports a new one (works without JavaScript).
/// </summary>
[Authorize]
public sealed class IncidentsModel(IncidentService incidents, SystemService systems) : RegistryPage
{
    public IReadOnlyList<IncidentItem> Items { get; private set; } = [];

    /// <summary>The systems the reader may report an incident on (of organisations they edit for).</summary>
    public IReadOnlyList<AiSystem> Systems { get; private set; } = [];

    [BindProperty]
    public ReportForm Form { get; set; } = new();

    public sealed class ReportForm
    {
        public Guid? SystemId { get; set; }

        public string? Kind { get; set; }

        public string? Summary { get; set; }

        public string? Harm { get; set; }

        public int? PeopleAffected { get; set; }

        public string? AffectedCategories { get; set; }

        public string? Measures { get; set; }

        public bool UseSuspended { get; set; }

        /// <summary>yyyy-mm-ddThh:mm, Almaty time (a datetime-local input).</summary>
        public string? OccurredAt { get; set; }

        public string? AwareAt { get; set; }
    }

    public Task<IActionResult> OnGetAsync() => PageOrRefusedAsync(LoadAsync);

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var actor = await ActorAsync();
            var kind = CaseCodes.Parse<IncidentKind>(Form.Kind) ?? throw Invalid.Field("kind", "incident-kind-unknown", "choose the kind");
            var input = new IncidentInput(Form.SystemId ?? throw Invalid.Field("system_id", "required", "is required"), kind, Form.Summary, Form.Harm, Form.PeopleAffected,
                Form.AffectedCategories, Form.Measures, Form.UseSuspended, Local("occurred_at", Form.OccurredAt), Local("aware_at", Form.AwareAt));
            var incident = await incidents.ReportAsync(actor, input, HttpContext.RequestAborted);
            Notice = Texts.Get("incidents.reported", Lang);
            return RedirectToPage("/Audits/Incident", new { id = incident.Id });
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

    /// <summary>A datetime-local value read as Kazakhstan's time (UTC+05:00), as UTC.</summary>
    private static DateTime Local(string field, string? value) =>
        DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local - DeadlineClock.Kazakhstan.BaseUtcOffset, DateTimeKind.Utc)
            : throw Invalid.Field(field, "date-invalid", "use the form yyyy-mm-dd hh:mm");

    private async Task LoadAsync()
    {
        var actor = await ActorAsync();
        var ct = HttpContext.RequestAborted;
        if (actor.IsSupervisor || actor.IsAdmin)
        {
            Items = (await incidents.ListAsync(actor, null, false, 1, 100, ct)).Items;
        }
        else
        {
            var all = new List<IncidentItem>();
            foreach (var organisation in actor.Memberships.Keys)
            {
                all.AddRange((await incidents.ListAsync(actor, organisation, false, 1, 100, ct)).Items);
            }

            Items = [.. all.OrderByDescending(i => i.ReportedAt)];
        }

        Systems = actor.Memberships.Count == 0 ? [] : [.. (await systems.PageAsync(actor, null, 1, 100, ct)).Items.Where(s => actor.CanEdit(s.OrganisationId))];
    }
}
