using Senim.Registry.Audits;

namespace Senim.Web.Features.Audits;

/// <summary>
/// The sectors' trusted lists (Law 230-VIII Art. 19): public JSON and CSV without sign-in; the supervisory body enters a
/// system with a passed audit and removes it with a reason (each in the transparency log).
/// </summary>
public static class TrustedListsApi
{
    /// <summary>The export's and the API's format name.</summary>
    public const string Format = "senim.trusted-lists/1";

    public sealed record TrustedDoc(Guid EntryId, string Sector, Guid SystemId, string Url, string? RegisterNumber, string? NameKk, string? NameRu, string? NameEn, string Organisation,
        string? OrganisationBin, DateTime EnteredAt, Guid AuditId, DateTime? AuditCompletedAt, int Version);

    public sealed record TrustedListsDoc(string Format, string? Sector, IReadOnlyList<TrustedDoc> Items);

    public sealed record EnterBody(Guid? SystemId);

    public sealed record EntryDoc(Guid Id, Guid SystemId, string Sector, Guid AuditId, DateTime EnteredAt, DateTime? RemovedAt, string? RemovalReason, int Version);

    private static readonly string[] CsvColumns =
        ["sector", "register_number", "system_id", "url", "name_kk", "name_ru", "name_en", "organisation", "organisation_bin", "entered_at", "audit_id", "audit_completed_at"];

    public static IEndpointRouteBuilder MapTrustedListsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("").WithTags("Trusted lists").RequireRateLimiting(SenimApp.PublicRateLimit);
        open.MapGet("/api/v1/trusted-lists", List)
            .Describe("TrustedLists", "The systems on the sectors' trusted lists now (sector=CODE for one), by sector and register number. No sign-in.", 400);
        open.MapGet("/trusted.json", List).Describe("ExportTrustedListsJson", "The trusted lists as JSON (senim.trusted-lists/1); sector=CODE for one.", 400);
        open.MapGet("/trusted.csv", Csv).Describe("ExportTrustedListsCsv", "The trusted lists as CSV (RFC 4180, UTF-8); sector=CODE for one.", 400);

        var api = app.MapGroup("/api/v1/trusted-lists").WithTags("Trusted lists").RequireAuthorization().DisableAntiforgery();
        api.MapPost("/entries", Enter)
            .Describe("EnterTrustedList", "Supervisor: enter a registered system whose latest audit passed on the trusted list of that audit's sector; appended to the transparency log.", 401, 403, 404, 409)
            .AcceptsJson<EnterBody>();
        api.MapPost("/entries/{id:guid}/remove", Remove)
            .Describe("RemoveFromTrustedList", "Supervisor: remove a system from a trusted list with the reason (text), which is published in the transparency log. Needs If-Match.")
            .ChangesRecord<CaseDocs.TextBody>();
        return app;
    }

    /// <summary>The sector asked for (null: all); a 400 for an unknown one.</summary>
    public static string? Sector(string? sector) =>
        string.IsNullOrEmpty(sector) ? null : Sectors.IsKnown(sector) ? sector : throw Invalid.Field("sector", "sector-unknown", "is not a known sector");

    private static async Task<Ok<TrustedListsDoc>> List(string? sector, HttpContext context, PublicAddress address, TrustedListService lists)
    {
        var which = Sector(sector);
        var root = address.Root(context.Request);
        var items = await lists.ListAsync(which, context.RequestAborted);
        return TypedResults.Ok(new TrustedListsDoc(Format, which, [.. items.Select(t => Doc(t, root))]));
    }

    private static async Task<IResult> Csv(string? sector, HttpContext context, PublicAddress address, TrustedListService lists)
    {
        var root = address.Root(context.Request);
        var items = await lists.ListAsync(Sector(sector), context.RequestAborted);
        var text = new System.Text.StringBuilder(string.Join(',', CsvColumns)).Append("\r\n");
        foreach (var t in items)
        {
            string?[] values =
            [
                t.Sector, t.RegisterNumber, t.SystemId.ToString(), RegisterFormats.EntryUrl(root, t.SystemId), t.NameKk, t.NameRu, t.NameEn, t.OrganisationName, t.OrganisationBin,
                Iso(t.EnteredAt), t.AuditId.ToString(), t.AuditCompletedAt is { } completed ? Iso(completed) : null,
            ];
            text.Append(string.Join(',', values.Select(RegisterFormats.Csv))).Append("\r\n");
        }

        context.Response.Headers.ContentDisposition = "attachment; filename=\"senim-trusted-lists.csv\"";
        return Results.Text(text.ToString(), "text/csv; charset=utf-8");
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<Created<EntryDoc>> Enter(HttpRequest request, CurrentActor current, TrustedListService lists, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<EnterBody>(request);
        var entry = await lists.EnterAsync(await current.GetAsync(), body.SystemId ?? throw Invalid.Field("system_id", "required", "is required"), ct);
        ApiVersions.SetETag(request.HttpContext.Response, entry.Version);
        return TypedResults.Created((string?)null, Doc(entry));
    }

    private static async Task<Ok<EntryDoc>> Remove(Guid id, HttpRequest request, CurrentActor current, TrustedListService lists, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CaseDocs.TextBody>(request);
        var entry = await lists.RemoveAsync(await current.GetAsync(), id, body.Text, ApiVersions.Expected(request, body.Version), ct);
        ApiVersions.SetETag(request.HttpContext.Response, entry.Version);
        return TypedResults.Ok(Doc(entry));
    }

    private static TrustedDoc Doc(TrustedSystem t, string root) => new(t.EntryId, t.Sector, t.SystemId, RegisterFormats.EntryUrl(root, t.SystemId), t.RegisterNumber, t.NameKk, t.NameRu, t.NameEn,
        t.OrganisationName, t.OrganisationBin, ApiValues.Utc(t.EnteredAt), t.AuditId, ApiValues.Utc(t.AuditCompletedAt), t.Version);

    private static EntryDoc Doc(TrustedListEntry e) =>
        new(e.Id, e.SystemId, e.Sector, e.AuditId, ApiValues.Utc(e.EnteredAt), ApiValues.Utc(e.RemovedAt), e.RemovalReason, e.Version);
}
