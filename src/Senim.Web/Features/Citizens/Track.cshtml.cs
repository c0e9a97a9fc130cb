using Senim.Registry.Citizens;

namespace Senim.Web.Features.Citizens;

/// <summary>
/// /track and /track/{code}: whoever holds a tracking code follows the request — status, due date, overdue, the owner's
/// answer, the review's outcome and the timeline, without personal data. A malformed, a mistyped and an unknown code
/// each get their own message (400, 400, 404). Lookups are rate-limited per client.
/// </summary>
[EnableRateLimiting(SenimApp.TrackRateLimit)]
public sealed class TrackModel(CitizenRequestService requests) : RegistryPage
{
    /// <summary>The code as typed (kept in the form).</summary>
    public string? Code { get; private set; }

    public TrackedRequest? Tracked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code)
    {
        Code = code;
        Response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }

        try
        {
            Tracked = await requests.TrackAsync(Code, HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            SetProblem(Texts.Get("citizens.track.unknown", Lang));
            FieldErrors["code"] = Problem!;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }
}
