namespace Senim.Web.Features.Notifications;

/// <summary>/notifications: the reader's notifications (their own and their organisations'), newest first; mark one or all read.</summary>
[Authorize]
public sealed class IndexModel(NotificationService notifications) : RegistryPage
{
    public const int PageSize = 25;

    public Page<NotificationItem>? Items { get; private set; }

    public int Unread { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool UnreadOnly { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? pageNumber) => await ShowAsync(null, pageNumber ?? 1);

    public async Task<IActionResult> OnPostReadAsync(Guid id)
    {
        try
        {
            await notifications.MarkReadAsync(await ActorAsync(), id, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex, 1);
        }

        Notice = Texts.Get("notifications.notice.read", Lang);
        return RedirectToPage("/Notifications/Index", UnreadOnly ? new { unreadonly = true } : null);
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        int marked;
        try
        {
            marked = await notifications.MarkAllReadAsync(await ActorAsync(), HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex, 1);
        }

        Notice = Texts.Format("notifications.notice.read-all", Lang, marked);
        return RedirectToPage("/Notifications/Index");
    }

    private async Task<IActionResult> ShowAsync(RegistryException? refusal, int page)
    {
        try
        {
            var actor = await ActorAsync();
            Items = await notifications.ListAsync(actor, UnreadOnly, page, PageSize, HttpContext.RequestAborted);
            Unread = await notifications.UnreadCountAsync(actor, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return refusal is null ? Page() : Refused(refusal);
    }
}
