namespace Senim.Web.Features.Supervision;

/// <summary>/supervision: the supervisor's work lists, each with its first rows; ?list=CODE shows one list page by page.</summary>
[Authorize]
public sealed class IndexModel(SupervisionService supervision, Statistics.StatisticsReport statistics, TimeProvider time) : RegistryPage
{
    /// <summary>supervision.list.CODE: each work list's name and help; the list of systems in review is named by their status.</summary>
    public static TextTable<SupervisionList> ListTexts { get; } =
        new TextTable<SupervisionList>("supervision.list", SupervisionService.Lists, SupervisionService.Code, "help")
            .Sharing(SupervisionList.InReview, "status.in-review");

    public const int Preview = 10;
    public const int PageSize = 25;

    public IReadOnlyDictionary<SupervisionList, int> Counts { get; private set; } = new Dictionary<SupervisionList, int>();

    public Dictionary<SupervisionList, Page<SupervisionRow>> Lists { get; } = [];

    /// <summary>The statistics' figures (requests, incidents, decisions, fines, appeals), counts only; shown to the supervisory body.</summary>
    public IReadOnlyList<Statistics.StatFigure> Figures { get; private set; } = [];

    /// <summary>The one list shown in full, when ?list= is given.</summary>
    public SupervisionList? Only { get; private set; }

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(string? list, [FromQuery(Name = "page")] int? pageNumber)
    {
        try
        {
            var actor = await ActorAsync();
            Counts = await supervision.CountsAsync(actor, HttpContext.RequestAborted);
            if (Counts.Count > 0)
            {
                Figures = await statistics.FiguresAsync(HttpContext.RequestAborted);
            }
            if (list is not null)
            {
                Only = SupervisionService.ParseList(list);
                if (Only is null)
                {
                    return NotFound();
                }

                Lists[Only.Value] = await supervision.ListAsync(actor, Only.Value, pageNumber ?? 1, PageSize, HttpContext.RequestAborted);
            }
            else
            {
                foreach (var which in SupervisionService.Lists)
                {
                    Lists[which] = await supervision.ListAsync(actor, which, 1, Preview, HttpContext.RequestAborted);
                }
            }
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }

    /// <summary>Whole days since a moment (0 on the same day).</summary>
    public int DaysSince(DateTime at) => Math.Max(0, (int)(Now - at).TotalDays);
}
