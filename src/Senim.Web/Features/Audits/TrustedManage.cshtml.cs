using Senim.Registry.Audits;

namespace Senim.Web.Features.Audits;

/// <summary>
/// /trusted/manage: the supervisory body's view of the trusted lists, each entry with a form that removes it with a
/// published reason. Systems are entered from their passed audit's page.
/// </summary>
[Authorize]
public sealed class TrustedManageModel(TrustedListService lists) : RegistryPage
{
    public IReadOnlyList<TrustedSystem> Items { get; private set; } = [];

    public Guid? PostedId { get; private set; }

    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostRemoveAsync(Guid entry, string? text, int version)
    {
        PostedId = entry;
        Reason = text;
        try
        {
            await lists.RemoveAsync(await ActorAsync(), entry, text, version, HttpContext.RequestAborted);
            Notice = Texts.Get("trusted.removed", Lang);
            return RedirectToPage("/Audits/TrustedManage");
        }
        catch (RegistryException ex)
        {
            return await LoadAsync() ?? Refused(ex);
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (!(await ActorAsync()).IsSupervisor)
        {
            return Refused(new ForbiddenException("supervisor-only", "Only the supervisory body can do this."));
        }

        Items = await lists.ListAsync(null, HttpContext.RequestAborted);
        return null;
    }
}
