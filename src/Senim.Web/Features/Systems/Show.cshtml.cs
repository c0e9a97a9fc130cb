namespace Senim.Web.Features.Systems;

/// <summary>
/// A system's page: the record, what happens next, the classification with its explanation,
/// documentation progress, open change requests, and the owner's workflow actions.
/// </summary>
public sealed class ShowModel(SystemOverviewService overviews, WorkflowService workflow) : SystemPage
{
    /// <summary>What happens next to a system that is no longer a draft, by its status (systems.next.STATUS).</summary>
    public static TextTable<SystemStatus> Next { get; } =
        new("systems.next", Enum.GetValues<SystemStatus>().Where(s => s != SystemStatus.Draft), s => s.Code());

    public SystemOverview? Overview { get; private set; }

    /// <summary>The reason typed into an action's form that was refused, shown again so nothing typed is lost.</summary>
    public Dictionary<string, string> Typed { get; } = new(StringComparer.Ordinal);

    /// <summary>The action whose refusal is shown, to link its error to its form.</summary>
    public string? RefusedAction { get; private set; }

    /// <summary>Set when a submission was refused for missing documentation: the documents to complete.</summary>
    public IReadOnlyList<DocumentProgress> MissingDocuments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Overview = await overviews.GetAsync(await ActorAsync(), id, HttpContext.RequestAborted);
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var action = Request.Form["action"].ToString();
        var reason = Request.Form["reason"].ToString();
        var actor = await ActorAsync();
        try
        {
            var step = OwnerActions.Parse(action);
            if (!int.TryParse(Request.Form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw Invalid.Field("version", "version-missing", "the form lost the record's version; reload the page");
            }

            await OwnerActions.TakeAsync(workflow, actor, id, step, reason, version, HttpContext.RequestAborted);
            Notice = Text.Name(OwnerActions.Texts, step, "done");
            return RedirectToPage("/Systems/Show", new { id });
        }
        catch (RegistryException refusal)
        {
            try
            {
                Overview = await overviews.GetAsync(actor, id, HttpContext.RequestAborted);
            }
            catch (RegistryException ex)
            {
                return Refused(ex);
            }

            RefusedAction = action;
            if (reason.Length > 0)
            {
                Typed[action] = reason;
            }

            if (refusal.Key == "documents-missing")
            {
                MissingDocuments = [.. Overview.Documents.Where(d => !d.Complete)];
            }

            return Refused(refusal);
        }
    }
}
