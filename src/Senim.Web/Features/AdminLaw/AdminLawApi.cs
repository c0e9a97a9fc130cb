using Senim.Law.Diff;

namespace Senim.Web.Features.AdminLaw;

/// <summary>Law-pack updates over JSON, for platform admins: law sets, upload (staged with its impact), impact, activation.</summary>
public static class AdminLawApi
{
    public sealed record PackDoc(string Id, string Version, string Hash);

    public sealed record LawSetDoc(Guid Id, string Label, string Status, IReadOnlyList<PackDoc> Packs, DateTime LoadedAt, string? LoadedBy, DateTime? ActivatedAt);

    public sealed record FieldChangeDoc(string Field, string? Old, string? New);

    public sealed record ItemChangeDoc(string Section, string Id, string Kind, IReadOnlyList<FieldChangeDoc> Fields);

    public sealed record PackChangesDoc(string PackId, string? OldVersion, string? NewVersion, string? OldHash, string? NewHash, bool Unchanged, IReadOnlyList<ItemChangeDoc> Items);

    public sealed record ImpactRowDoc(Guid SystemId, string? NameKk, string? NameRu, string? NameEn, string Organisation, string Status, string Law,
        string? OldKzTier, string? NewKzTier, string? OldEuTier, string? NewEuTier, bool OldComplete, bool NewComplete,
        IReadOnlyList<string> ProhibitedAdded, IReadOnlyList<string> ProhibitedRemoved, IReadOnlyList<string> ObligationsAdded, IReadOnlyList<string> ObligationsRemoved);

    /// <param name="Checked">Systems whose classification was re-run; Changed of them change (Tier, Prohibited, Completeness, Obligations: in which way).</param>
    public sealed record ImpactDoc(LawSetDoc Set, int Checked, int Changed, int Tier, int Prohibited, int Completeness, int Obligations,
        IReadOnlyList<ImpactRowDoc> Items, int Total, int Page, int PageSize);

    public sealed record StagedDoc(LawSetDoc Set, LawSetDoc? ComparedWith, IReadOnlyList<PackChangesDoc> Diff, ImpactDoc Impact);

    public sealed record ActivationDoc(LawSetDoc Set, bool Activated, int Checked, int Reclassified);

    public static IEndpointRouteBuilder MapAdminLawApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/law-sets").WithTags("Law updates").RequireAuthorization().DisableAntiforgery();
        api.MapGet("", List)
            .Describe("LawSets", "Every stored law set (staged, active, retired), newest first, with its packs' versions and hashes.", 401, 403);
        api.MapPost("", Upload)
            .Describe("UploadLawSet", "Upload a new law folder as a .zip (multipart field 'file'; the layout of the repository's law/ folder; at most 200 entries, 4 MB a file, 20 MB in all, .yaml only). A valid upload is stored as the staged law set; the answer has the pack diff and the impact. Pack errors come back as a 400 problem listing every one with file and line.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<StagedDoc>(StatusCodes.Status201Created)
            .ProducesProblems(400, 403, 409);
        api.MapGet("/{id:guid}/impact", Impact)
            .Describe("LawSetImpact", "The systems whose classification changes under the law set (tier, prohibited capabilities, completeness or obligations), with counts; for the active set, those not yet re-classified.", 400, 403, 404, 409);
        api.MapPost("/{id:guid}/activate", Activate)
            .Describe("ActivateLawSet", "Confirm a staged law set: it becomes active (the previous one is retired), and every system whose classification changes is re-classified (reason law-update) and its organisation notified. On the active set, finishes an interrupted run.", 403, 404, 409);
        api.MapDelete("/{id:guid}", Discard)
            .Describe("DiscardLawSet", "Discard a staged law set that will not be applied.", 403, 404, 409);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<LawSetDoc>>> List(CurrentActor current, LawUpdateService law, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<LawSetDoc>>([.. (await law.ListAsync(await current.GetAsync(), cancellationToken)).Select(Doc)]);

    private static async Task<Created<StagedDoc>> Upload(HttpRequest request, CurrentActor current, LawUpdateService law, LinkGenerator links, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        LawUpdateService.RequireAdmin(actor);
        await using var zip = await ZipOf(request, cancellationToken);
        var set = await law.StageAsync(actor, zip, cancellationToken);
        var (against, diff) = await law.DiffAsync(actor, set.Id, cancellationToken);
        var impact = await law.ImpactAsync(actor, set.Id, 1, 20, cancellationToken);
        return TypedResults.Created(links.GetPathByName(request.HttpContext, "LawSetImpact", new { id = set.Id }), new StagedDoc(Doc(set), against is null ? null : Doc(against), [.. diff.Select(Doc)], Doc(impact)));
    }

    private static async Task<Ok<ImpactDoc>> Impact(Guid id, [AsParameters] PageRequest paging, CurrentActor current, LawUpdateService law, CancellationToken cancellationToken)
    {
        var (p, size) = paging.Resolve();
        return TypedResults.Ok(Doc(await law.ImpactAsync(await current.GetAsync(), id, p, size, cancellationToken)));
    }

    private static async Task<Ok<ActivationDoc>> Activate(Guid id, CurrentActor current, LawUpdateService law, CancellationToken cancellationToken)
    {
        var result = await law.ApplyAsync(await current.GetAsync(), id, cancellationToken);
        return TypedResults.Ok(new ActivationDoc(Doc(result.Set), result.Activated, result.Checked, result.Reclassified));
    }

    private static async Task<NoContent> Discard(Guid id, CurrentActor current, LawUpdateService law, CancellationToken cancellationToken)
    {
        await law.DiscardAsync(await current.GetAsync(), id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The uploaded zip from the multipart field 'file', refused with a message when absent or too large.</summary>
    internal static async Task<Stream> ZipOf(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!request.HasFormContentType)
        {
            errors.Add("file", "zip-upload-form", "send the zip as multipart/form-data in the field 'file'");
            errors.ThrowIfAny();
        }

        if (request.ContentLength > LawArchive.MaxArchiveBytes + 64 * 1024)
        {
            errors.Add("file", "zip-too-large", "the zip is larger than {0} MB", LawArchive.MaxArchiveBytes / 1024 / 1024);
            errors.ThrowIfAny();
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            errors.Add("file", "zip-upload-unreadable", "the upload could not be read: {0}", ex.Message);
            throw new ValidationException(errors.All);
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "zip-empty", "choose a .zip file of a law folder");
            errors.ThrowIfAny();
        }

        if (file!.Length > LawArchive.MaxArchiveBytes)
        {
            errors.Add("file", "zip-too-large", "the zip is larger than {0} MB", LawArchive.MaxArchiveBytes / 1024 / 1024);
            errors.ThrowIfAny();
        }

        return file.OpenReadStream();
    }

    internal static LawSetDoc Doc(LawSetSummary set) =>
        new(set.Id, set.Label, set.Status.ToString().ToLowerInvariant(), [.. set.Packs.Select(p => new PackDoc(p.Id, p.Version, p.Hash))], set.LoadedAt, set.LoadedByName, set.ActivatedAt);

    private static PackChangesDoc Doc(PackChanges changes) =>
        new(changes.PackId, changes.OldVersion, changes.NewVersion, changes.OldHash, changes.NewHash, changes.IsUnchanged,
            [.. changes.Items.Select(i => new ItemChangeDoc(i.Section, i.Id, i.Kind.ToString().ToLowerInvariant(), [.. i.Fields.Select(f => new FieldChangeDoc(f.Field, f.Old, f.New))]))]);

    private static ImpactDoc Doc(LawImpact impact) =>
        new(Doc(impact.Set), impact.Counts.Checked, impact.Counts.Changed, impact.Counts.Tier, impact.Counts.Prohibited, impact.Counts.Completeness, impact.Counts.Obligations,
            [.. impact.Rows.Items.Select(r => new ImpactRowDoc(r.SystemId, r.NameKk, r.NameRu, r.NameEn, r.OrganisationName, r.Status.Code(), r.Law,
                r.OldKzTier, r.NewKzTier, r.OldEuTier, r.NewEuTier, r.OldComplete, r.NewComplete, r.ProhibitedAdded, r.ProhibitedRemoved, r.ObligationsAdded, r.ObligationsRemoved))],
            impact.Rows.Total, impact.Rows.PageNumber, impact.Rows.PageSize);
}
