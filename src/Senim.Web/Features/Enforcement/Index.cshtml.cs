using Senim.Registry.Enforcement;

namespace Senim.Web.Features.Enforcement;

/// <summary>
/// /supervision/enforcement: the supervisory body's enforcement cases — open, overdue responses, closed — and the form that
/// opens a case against an organisation (from a citizen's request, an incident, an audit or monitoring).
/// </summary>
[Authorize]
public sealed class IndexModel(EnforcementCases cases, EnforcementService service, OrganisationService organisations) : RegistryPage
{
    [FromQuery(Name = "list")]
    public string? List { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public EnforcementList Shown { get; private set; }

    public IReadOnlyDictionary<EnforcementList, int> Counts { get; private set; } = new Dictionary<EnforcementList, int>();

    public Page<EnforcementRow>? Rows { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Organisations { get; private set; } = [];

    /// <summary>What was typed in the opening form, to show again with its errors.</summary>
    public OpenForm Form { get; private set; } = new(null, null, null, null, null);

    public sealed record OpenForm(string? Origin, string? OriginId, string? Organisation, string? System, string? Subject);

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync(string? origin, [FromForm(Name = "origin_id")] string? originId, string? organisation, string? system, string? subject)
    {
        Form = new OpenForm(origin, originId, organisation, system, subject);
        try
        {
            var parsedOrigin = EnforcementCodes.ParseOrigin(origin) ?? throw Invalid.Field("origin", "enforcement-origin-unknown", "must be citizen-request, incident, audit or monitoring");
            var opened = await service.OpenAsync(await ActorAsync(), new OpenCaseInput(parsedOrigin, Id("origin_id", originId), Id("organisation", organisation), Id("system", system), subject), HttpContext.RequestAborted);
            Notice = Texts.Get("enforcement.opened", Lang);
            return RedirectToPage("/Enforcement/Case", new { id = opened.Id });
        }
        catch (RegistryException ex)
        {
            try
            {
                await LoadAsync();
            }
            catch (RegistryException notSupervisor)
            {
                return Refused(notSupervisor);
            }

            return Refused(ex);
        }
    }

    /// <summary>An id typed in a form field, or null when empty.</summary>
    private static Guid? Id(string field, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Guid.TryParse(text.Trim(), out var id) ? id
        : throw Invalid.Field(field, "id-invalid", "is an id like 0f8fad5b-d9cb-469f-a165-70867728950e");

    private async Task LoadAsync()
    {
        var actor = await ActorAsync();
        Shown = List is null ? EnforcementList.Open : EnforcementApi.ParseList(List) ?? EnforcementList.Open;
        Rows = await cases.ListAsync(actor, Shown, PageNumber, Paging.DefaultPageSize, HttpContext.RequestAborted);
        Counts = await cases.CountsAsync(actor, HttpContext.RequestAborted);
        Organisations = [.. (await organisations.ListAsync(actor, all: true, HttpContext.RequestAborted)).Select(o => (o.Id, o.Name)).OrderBy(o => o.Name, StringComparer.Ordinal)];
    }
}
