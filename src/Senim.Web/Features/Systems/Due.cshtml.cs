namespace Senim.Web.Features.Systems;

/// <summary>The yearly risk reviews (Art. 18(1)(4)) that are overdue or fall due soon, for the user's organisations.</summary>
public sealed class DueModel(DocumentService documents, LawLibrary library, TimeProvider time) : SystemPage
{
    public static IReadOnlyList<int> Horizons { get; } = [30, 60, 90, 180];

    public int Days { get; private set; } = 30;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public IReadOnlyList<DueReview> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? days)
    {
        Days = days ?? 30;
        try
        {
            Items = await documents.DueListAsync(await ActorAsync(), Days, HttpContext.RequestAborted);
            return Page();
        }
        catch (RegistryException ex)
        {
            Days = 30;
            return Refused(ex);
        }
    }

    public string DocumentTitle(string documentId) =>
        library.Packs.SelectMany(p => p.Pack.Documents).FirstOrDefault(d => d.Id == documentId)?.Title[Lang] ?? documentId;
}
