using Senim.Registry.Citizens;

namespace Senim.Web.Features.Citizens;

/// <summary>/supervision/requests: the supervisory body's list of citizens' requests escalated to it (?all=true: every request).</summary>
[Authorize]
public sealed class SupervisionModel(CitizenInbox inbox) : RegistryPage
{
    public const int PageSize = 20;

    public bool All { get; private set; }

    public Page<InboxItem>? Items { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool? all, [FromQuery(Name = "page")] int? pageNumber)
    {
        All = all == true;
        try
        {
            Items = await inbox.SupervisionAsync(await ActorAsync(), !All, pageNumber ?? 1, PageSize, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }
}
