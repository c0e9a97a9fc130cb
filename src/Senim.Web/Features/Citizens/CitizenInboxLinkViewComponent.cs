using Senim.Registry.Citizens;

namespace Senim.Web.Features.Citizens;

/// <summary>
/// The link to an organisation's inbox of citizens' requests with the number still open, for its members' pages (the
/// organisation's page); renders nothing for a reader who may not see the inbox.
/// </summary>
public sealed class CitizenInboxLinkViewComponent(CitizenInbox inbox, CurrentActor current) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid organisationId)
    {
        var actor = await current.GetAsync();
        if (!actor.IsMember(organisationId) && !actor.IsSupervisor)
        {
            return Content("");
        }

        var open = await inbox.ListAsync(actor, organisationId, openOnly: true, 1, 1, HttpContext.RequestAborted);
        return View("/Features/Citizens/_InboxLink.cshtml", new InboxLinkView(organisationId, open.Total));
    }
}

/// <summary>An organisation and how many citizens' requests about its systems are open.</summary>
public sealed record InboxLinkView(Guid OrganisationId, int Open);
