using Senim.Web.Infrastructure.Pages;

namespace Senim.Web.Features.Admin;

/// <summary>Platform admins: search users, grant or revoke platform roles, lock and unlock accounts.</summary>
[Authorize]
public sealed class UsersModel(UserAdminService users) : Infrastructure.RegistryPage
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Page<UserSummary> Result { get; private set; } = new([], 0, 1, PageSize);

    public Guid MyId { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!(await ActorAsync()).IsAdmin)
        {
            return Forbid();
        }

        try
        {
            await LoadAsync();
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid userId, List<string> roles) =>
        await ChangeAsync(async actor => Texts.Format("admin-users.roles-saved", Lang, (await users.SetRolesAsync(actor, userId, roles ?? [], HttpContext.RequestAborted)).Email));

    public async Task<IActionResult> OnPostLockAsync(Guid userId) =>
        await ChangeAsync(async actor => Texts.Format("admin-users.locked", Lang, (await users.LockAsync(actor, userId, HttpContext.RequestAborted)).Email));

    public async Task<IActionResult> OnPostUnlockAsync(Guid userId) =>
        await ChangeAsync(async actor => Texts.Format("admin-users.unlocked", Lang, (await users.UnlockAsync(actor, userId, HttpContext.RequestAborted)).Email));

    public string Link(int page) => PageLink.With(Url.Page("/Admin/Users"), ("page", PageLink.Number(page)), ("q", Query));

    private async Task<IActionResult> ChangeAsync(Func<Actor, Task<string>> change)
    {
        var actor = await ActorAsync();
        if (!actor.IsAdmin)
        {
            return Forbid();
        }

        try
        {
            Notice = await change(actor);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        return Redirect(Link(PageNumber < 1 ? 1 : PageNumber));
    }

    private async Task<IActionResult> ShowAsync(RegistryException ex)
    {
        if (ex is ValidationException && ex.Message.Contains("page", StringComparison.Ordinal))
        {
            PageNumber = 1;
        }

        try
        {
            await LoadAsync();
        }
        catch (RegistryException)
        {
            Query = null;
            PageNumber = 1;
            await LoadAsync();
        }

        return Refused(ex);
    }

    private async Task LoadAsync()
    {
        var actor = await ActorAsync();
        MyId = actor.UserId;
        Result = await users.SearchAsync(actor, Query, PageNumber, PageSize, HttpContext.RequestAborted);
    }
}
