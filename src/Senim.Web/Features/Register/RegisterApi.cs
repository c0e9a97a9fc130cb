using Microsoft.Net.Http.Headers;

namespace Senim.Web.Features.Register;

/// <summary>The public register over HTTP: search API, entries, whole-register exports (JSON, CSV) and the Atom feed. No sign-in.</summary>
public static class RegisterApi
{
    public sealed record RegisterPageDoc(string Format, int Total, int Page, int PageSize, int Pages, IReadOnlyList<RegisterItemDoc> Items);

    public sealed record RegisterItemDoc(Guid Id, string Url, string? RegisterNumber, string Status, TextsDoc Name, TextsDoc Purpose, OrganisationDoc Organisation, string Sector, string? Tier, DateTime? PublishedAt, DateTime? RegisteredAt, DateTime UpdatedAt, int Version);

    public sealed record TextsDoc(string? Kk, string? Ru, string? En);

    /// <summary>The organisation: its default name, its names by language (null where not given; ADR 0028) and its BIN.</summary>
    public sealed record OrganisationDoc(Guid Id, string Name, string Bin, TextsDoc Names);

    public static IEndpointRouteBuilder MapRegisterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/register").WithTags("Public register").RequireRateLimiting(SenimApp.PublicRateLimit);
        api.MapGet("", Search)
            .CacheOutput(SenimApp.PublicCache)
            .Describe("SearchRegister", "Search the public register: full text in kk, ru and en (q), filters (sector, tier, status, organisation), sort (updated, name, registered), pages of up to 100.", 400);
        api.MapGet("/{id:guid}", Entry)
            .Describe("GetRegisterEntry", "One public register entry: record, decision, classification summary, documentation summaries and public history. ETag; If-None-Match gives 304.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(404);

        // Whole-register exports stream from the database (never cached); single entries and the feed are cached briefly.
        var files = app.MapGroup("").WithTags("Public register").RequireRateLimiting(SenimApp.PublicRateLimit);
        files.MapGet("/register.json", ExportJson).Describe("ExportRegisterJson", "The whole public register as JSON (senim.register/1), streamed.");
        files.MapGet("/register.csv", ExportCsv).Describe("ExportRegisterCsv", "The whole public register as CSV (RFC 4180, UTF-8), streamed.");
        files.MapGet("/register/{id:guid}.json", EntryJson).Describe("RegisterEntryJson", "One entry as JSON (senim.register/1).");
        files.MapGet("/register/{id:guid}.csv", EntryCsv).CacheOutput(SenimApp.PublicCache).Describe("RegisterEntryCsv", "One entry as a CSV row with the header.");
        files.MapGet("/register/{id:guid}/classification.json", Explanation).CacheOutput(SenimApp.PublicCache).Describe("RegisterEntryClassification", "The entry's current classification with its full explanation (senim.classification/1); lang=kk|ru|en.");
        files.MapGet("/register/feed.atom", Feed).CacheOutput(SenimApp.PublicCache).Describe("RegisterFeed", "An Atom 1.0 feed of the register's public changes: publications, decisions, suspensions, withdrawals.");
        return app;
    }

    private static async Task<Ok<RegisterPageDoc>> Search(HttpContext context, PublicAddress address, RegisterService register, string? q, string? sector, string? tier, string? status, string? organisation, string? sort, string? page, string? page_size)
    {
        var query = RegisterQueries.Parse(q, sector, tier, status, organisation, sort, page, page_size);
        var result = await register.SearchAsync(query, context.RequestAborted);
        var baseUrl = address.Root(context.Request);
        return TypedResults.Ok(new RegisterPageDoc(RegisterFormats.Format, result.Total, result.PageNumber, result.PageSize, result.Pages,
            [.. result.Items.Select(r => Item(r, baseUrl))]));
    }

    internal static RegisterItemDoc Item(RegisterRow r, string baseUrl) => new(r.Id, RegisterFormats.EntryUrl(baseUrl, r.Id), r.RegisterNumber, r.Status.Code(),
        new TextsDoc(r.NameKk, r.NameRu, r.NameEn), new TextsDoc(r.PurposeKk, r.PurposeRu, r.PurposeEn), new OrganisationDoc(r.OrganisationId, r.OrganisationName, r.OrganisationBin, new TextsDoc(r.OrganisationNameKk, r.OrganisationNameRu, r.OrganisationNameEn)),
        r.Sector, r.Tier, r.PublishedAt, r.RegisteredAt, r.UpdatedAt, r.Version);

    private static Task<IResult> Entry(HttpContext context, PublicAddress address, Guid id, RegisterService register) => EntryJson(context, address, id, register);

    /// <summary>The stored public record, served as it is: one indexed lookup, no re-computation.</summary>
    private static async Task<IResult> EntryJson(HttpContext context, PublicAddress address, Guid id, RegisterService register)
    {
        var json = await register.PublicJsonAsync(id, context.RequestAborted);
        var etag = "W/\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)).AsSpan(0, 8)) + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, max-age=5";
        if (context.Request.Headers[HeaderNames.IfNoneMatch].ToString() == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Text(PublicRecords.Serve(json, id, address.Root(context.Request)), "application/json; charset=utf-8");
    }

    private static async Task<IResult> EntryCsv(HttpContext context, PublicAddress address, Guid id, RegisterService register)
    {
        var row = await register.GetAsync(id, context.RequestAborted);
        var baseUrl = address.Root(context.Request);
        var text = string.Join(',', RegisterFormats.CsvColumns) + "\r\n" + RegisterFormats.CsvLine(row, baseUrl) + "\r\n";
        return Results.Text(text, "text/csv; charset=utf-8");
    }

    private static async Task<IResult> Explanation(HttpContext context, Guid id, string? lang, PublicEntries entries)
    {
        var entry = await entries.GetAsync(id, context.RequestAborted);
        var result = await entries.ExplainAsync(id, context.RequestAborted);
        var language = RequestLanguage.FromQuery(lang, context);
        // The engine's writer is synchronous; the response body is not: write to memory (a few kilobytes), then send.
        using var buffer = new MemoryStream();
        RegisterFormats.WriteExplanation(buffer, entry.Record, result, language);
        return Results.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    }

    private static IResult ExportJson(HttpContext context, PublicAddress address, RegisterService register, TimeProvider time) =>
        new StreamResult("application/json; charset=utf-8", "senim-register.json",
            (stream, ct) => RegisterFormats.WriteJsonAsync(stream, register.AllAsync(ct), address.Root(context.Request), time.GetUtcNow().UtcDateTime, ct));

    private static IResult ExportCsv(HttpContext context, PublicAddress address, RegisterService register) =>
        new StreamResult("text/csv; charset=utf-8", "senim-register.csv", (stream, ct) => RegisterFormats.WriteCsvAsync(stream, register.AllAsync(ct), address.Root(context.Request), ct));

    private static async Task<IResult> Feed(HttpContext context, PublicAddress address, RegisterService register, TimeProvider time, PageText texts)
    {
        var language = texts.Language;
        var changes = await register.ChangesAsync(50, context.RequestAborted);
        var xml = RegisterFormats.Atom(changes, address.Root(context.Request), texts["register.feed.title"],
            c => $"{SystemTexts.Pick(language, c.NameKk, c.NameRu, c.NameEn)}: {texts.Name(c.To)}{(c.RegisterNumber is { } n ? " (" + n + ")" : "")}",
            time.GetUtcNow().UtcDateTime);
        return Results.Text(xml, "application/atom+xml; charset=utf-8");
    }

    /// <summary>Streams a body produced by a writer, so large exports never sit whole in memory.</summary>
    private sealed class StreamResult(string contentType, string? fileName, Func<Stream, CancellationToken, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = contentType;
            if (fileName is not null)
            {
                httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            }

            await write(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }
}

/// <summary>Turns query-string values into a checked <see cref="RegisterQuery"/>, with field errors for bad values.</summary>
public static class RegisterQueries
{
    /// <summary>The search parameters as they arrive (text), checked together so one answer names every bad one.</summary>
    public static RegisterQuery Parse(string? q, string? sector, string? tier, string? status, string? organisation, string? sort, string? page, string? pageSize)
    {
        var errors = new FieldErrors();
        Guid? organisationId = null;
        if (!string.IsNullOrEmpty(organisation))
        {
            if (Guid.TryParse(organisation, out var parsedOrganisation))
            {
                organisationId = parsedOrganisation;
            }
            else
            {
                errors.Add("organisation", "organisation-id", "must be an organisation id (a UUID)");
            }
        }

        var pageNumber = Number(errors, "page", "page-range", page, RegisterQuery.MaxPage, 1);
        var size = Number(errors, "page_size", "page-size-range", pageSize, RegisterQuery.MaxPageSize, 20);
        SystemStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            parsedStatus = SystemStatuses.Parse(status);
            if (parsedStatus is null)
            {
                errors.Add("status", "status-not-public", "the public register shows only: {0}", string.Join(", ", SystemStatuses.Public.Select(s => s.Code())));
            }
        }

        var parsedSort = sort switch
        {
            null or "" or "updated" => RegisterSort.Updated,
            "name" => RegisterSort.Name,
            "registered" => RegisterSort.Registered,
            _ => (RegisterSort?)null,
        };
        if (parsedSort is null)
        {
            errors.Add("sort", "sort-unknown", "sort by updated, name or registered");
        }

        errors.ThrowIfAny();
        var query = new RegisterQuery(
            string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            string.IsNullOrEmpty(sector) ? null : sector,
            string.IsNullOrEmpty(tier) ? null : tier,
            parsedStatus,
            organisationId,
            parsedSort!.Value,
            pageNumber,
            size);
        query.Validate();
        return query;
    }

    private static int Number(FieldErrors errors, string field, string key, string? text, int max, int fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, key, "must be between 1 and {0}", max);
        return fallback;
    }

    public static string Describe(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
