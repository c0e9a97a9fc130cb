namespace Senim.Web.Features.Review;

/// <summary>/review: the expert's queue of active assignments, each with the next thing to do.</summary>
[Authorize]
public sealed class QueueModel(ReviewService reviews) : RegistryPage
{
    public const int PageSize = 20;

    public Page<ExpertQueueRow>? Queue { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? pageNumber)
    {
        try
        {
            Queue = await reviews.QueueAsync(await ActorAsync(), pageNumber ?? 1, PageSize, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }
}
