using Senim.Law.Diff;

namespace Senim.Web.Features.AdminLaw;

/// <summary>
/// /admin/law/{setId}: one law set: what changed in its packs, and which systems' classification changes
/// under it (impact list, with counts). A staged set is confirmed and applied here, or discarded.
/// </summary>
[Authorize]
public sealed class SetModel(LawUpdateService law, LawCatalog catalog, Senim.Registry.Data.RegistryDb db) : RegistryPage
{
    /// <summary>adminlaw.status.STATUS: staged, active, retired.</summary>
    public static TextTable<LawSetStatus> Statuses { get; } = TextTable.Of<LawSetStatus>("adminlaw.status");

    /// <summary>adminlaw.change-kind.KIND: what happened to an item of a pack (added, removed, changed).</summary>
    public static TextTable<ChangeKind> ChangeKinds { get; } = TextTable.Of<ChangeKind>("adminlaw.change-kind");

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Guid SetId { get; set; }

    public LawSetSummary? Set { get; private set; }

    public LawSetSummary? ComparedWith { get; private set; }

    public IReadOnlyList<PackChanges> Diff { get; private set; } = [];

    public LawImpact? Impact { get; private set; }

    /// <summary>The set's packs and the one it is compared with, to name tiers and obligations in the reader's language.</summary>
    public LawLibrary? NewLibrary { get; private set; }

    public LawLibrary? OldLibrary { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? pageNumber) => await ShowAsync(null, pageNumber ?? 1);

    public async Task<IActionResult> OnPostApplyAsync()
    {
        LawApplyResult result;
        try
        {
            result = await law.ApplyAsync(await ActorAsync(), SetId, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex, 1);
        }

        Notice = Texts.Format(result.Activated ? "adminlaw.notice.applied" : "adminlaw.notice.resumed", Lang, result.Set.Label, result.Reclassified, result.Checked);
        return RedirectToPage(null, null, new { setId = SetId }, null);
    }

    public async Task<IActionResult> OnPostDiscardAsync()
    {
        try
        {
            await law.DiscardAsync(await ActorAsync(), SetId, HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex, 1);
        }

        Notice = Texts.Get("adminlaw.notice.discarded", Lang);
        return RedirectToPage("/AdminLaw/Index");
    }

    private async Task<IActionResult> ShowAsync(RegistryException? refusal, int page)
    {
        var actor = await ActorAsync();
        try
        {
            Set = await law.GetAsync(actor, SetId, HttpContext.RequestAborted);
            (ComparedWith, Diff) = await law.DiffAsync(actor, SetId, HttpContext.RequestAborted);
            NewLibrary = await catalog.GetAsync(db, SetId, HttpContext.RequestAborted);
            OldLibrary = ComparedWith is null ? null : await catalog.GetAsync(db, ComparedWith.Id, HttpContext.RequestAborted);
            if (Set.Status != LawSetStatus.Retired)
            {
                Impact = await law.ImpactAsync(actor, SetId, page, PageSize, HttpContext.RequestAborted);
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (RegistryException ex)
        {
            Set = null;
            return Refused(ex);
        }

        return refusal is null ? Page() : Refused(refusal);
    }

    /// <summary>An obligation's title in the reader's language, from the new packs or (when removed) the old ones.</summary>
    public string Obligation(string id) =>
        Find(NewLibrary, id) ?? Find(OldLibrary, id) ?? id;

    /// <summary>A tier's name from the pack's tier conclusion (minimal, medium, high...), or a dash when undetermined.</summary>
    public string Tier(string? value, string jurisdiction) =>
        value is null ? "—" : new[] { NewLibrary, OldLibrary }.OfType<LawLibrary>().Select(l => LawNames.Tier(l, jurisdiction, value, Lang)).FirstOrDefault(t => t is not null) ?? value;

    private string? Find(LawLibrary? library, string id) =>
        library?.Packs.SelectMany(p => p.Pack.Obligations).FirstOrDefault(o => o.Id == id)?.Title[Lang];
}
