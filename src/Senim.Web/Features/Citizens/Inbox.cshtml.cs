using Senim.Registry.Citizens;

namespace Senim.Web.Features.Citizens;

/// <summary>
/// /organisations/{organisationId}/requests: the owner's inbox of citizens' requests about its systems, soonest deadline
/// first, with days left and overdue marks; open ones by default, all with ?all=true. Members of the organisation and the
/// supervisory body; no personal data here.
/// </summary>
[Authorize]
public sealed class InboxModel(CitizenInbox inbox, OrganisationService organisations) : RegistryPage
{
    public const int PageSize = 20;

    public Guid OrganisationId { get; private set; }

    public string OrganisationName { get; private set; } = "";

    public bool All { get; private set; }

    public Page<InboxItem>? Items { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid organisationId, bool? all, [FromQuery(Name = "page")] int? pageNumber)
    {
        OrganisationId = organisationId;
        All = all == true;
        try
        {
            var actor = await ActorAsync();
            Items = await inbox.ListAsync(actor, organisationId, !All, pageNumber ?? 1, PageSize, HttpContext.RequestAborted);
            OrganisationName = (await organisations.GetAsync(actor, organisationId, HttpContext.RequestAborted)).Name;
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }
}
