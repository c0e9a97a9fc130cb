using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Senim.Web.Infrastructure;

/// <summary>
/// Base of the register's pages: the current actor, the language, and one way to show the register's
/// refusals: a message at the top (role="alert") and field errors beside their inputs, in the user's
/// language, with the right HTTP status, and nothing saved.
/// </summary>
public abstract class RegistryPage : PageModel
{
    private Actor? _actor;

    /// <summary>The problem to show at the top of the page, already in the user's language.</summary>
    public string? Problem { get; private set; }

    /// <summary>
    /// A success message for the next page the user sees (kept in TempData). Set it before a redirect;
    /// the layout shows it. TempData is touched only when a notice is set or its cookie came back, so
    /// public pages send no Set-Cookie and stay cacheable.
    /// </summary>
    public string? Notice
    {
        get => Request.Cookies.ContainsKey(NoticeCookie) ? TempData.Peek("Notice") as string : null;
        set => TempData["Notice"] = value;
    }

    /// <summary>The cookie the TempData provider keeps its values in.</summary>
    public const string NoticeCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    /// <summary>Field name → message in the user's language.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public Language Lang => RequestLanguage.Get(HttpContext);

    protected UiText Texts => HttpContext.RequestServices.GetRequiredService<UiText>();

    /// <summary>The page's texts in the reader's language, with the words of the register's codes.</summary>
    public PageText Text => HttpContext.RequestServices.GetRequiredService<PageText>();

    protected async Task<Actor> ActorAsync() => _actor ??= await HttpContext.RequestServices.GetRequiredService<CurrentActor>().GetAsync();


    /// <summary>Shows the refusal on the page with its HTTP status (400, 403, 404 or 409).</summary>
    protected IActionResult Refused(RegistryException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is NotFoundException)
        {
            return NotFound();
        }

        Problem = Text.Error(exception);
        if (exception is ValidationException validation)
        {
            foreach (var error in validation.Errors)
            {
                FieldErrors.TryAdd(error.Field, Text.Error(error));
            }
        }

        Response.StatusCode = RegistryProblems.StatusOf(exception);
        return Page();
    }

    /// <summary>
    /// Sends the form to the register, then goes to <paramref name="page"/> with the notice <paramref name="noticeKey"/>;
    /// a refusal is shown on this page instead, with its status.
    /// </summary>
    protected async Task<IActionResult> SubmitAsync(Func<Task> change, string noticeKey, string page)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await change();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        Notice = Texts.Get(noticeKey, Lang);
        return RedirectToPage(page);
    }

    /// <summary>Shows a message of the page's own (not a register refusal) at the top, as <see cref="Problem"/>.</summary>
    /// <summary>Shows the page once <paramref name="load"/> has read what it needs, or the register's refusal.</summary>
    protected async Task<IActionResult> PageOrRefusedAsync(Func<Task> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        try
        {
            await load();
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    protected void SetProblem(string message) => Problem = message;

    /// <summary>Shows an attempt that must wait (a throttled password or code): the message, 429 and Retry-After in whole seconds.</summary>
    protected PageResult TooSoon(string message, TimeSpan wait)
    {
        Problem = message;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = RetryAfter.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    /// <summary>The error message of a field, if any, for aria-describedby.</summary>
    public string? ErrorOf(string field) => FieldErrors.GetValueOrDefault(field);
}
