using System.Text;
using Senim.Ledger;
using Senim.Ledger.Tiles;
using Senim.Registry.Log;

namespace Senim.Web.Features.Log;

/// <summary>
/// The register's transparency log over HTTP: the C2SP tlog-tiles files under /log (checkpoint, hash tiles, entry
/// bundles; full tiles cached for a year), the public key, receipts, inclusion and consistency proofs, the public
/// events for people (the JSON twin of the list on /log), and the integrity status for supervisors and admins.
/// </summary>
public static class LogApi
{
    public sealed record InclusionDoc(long Index, long TreeSize, string LeafHash, IReadOnlyList<string> Proof, string Root);

    public sealed record ConsistencyDoc(long From, long To, IReadOnlyList<string> Proof, string OldRoot, string NewRoot);

    public sealed record LogEventsDoc(string Format, long LogSize, long? Matches, bool MoreMatches, long? Older, long? Newer, IReadOnlyList<LogEventDoc> Items);

    /// <summary>One public event. An organisation's event (organisation-verification, bin-transfer) has no system and names the organisation by id and BIN; a signed decision carries the SHA-256 of its signature.</summary>
    public sealed record LogEventDoc(long Index, DateTime At, string Kind, Register.RegisterApi.TextsDoc What, LogEventSystemDoc? System, string? Organisation, string? Reason, string EntryUrl, string ReceiptUrl,
        Guid? OrganisationId = null, string? Bin = null, string? SignatureSha256 = null);

    public sealed record LogEventSystemDoc(Guid Id, string? RegisterNumber, Register.RegisterApi.TextsDoc Name, string? Url);

    /// <summary>The format name of the public events document.</summary>
    public const string EventsFormat = "senim.log-events/1";

    public sealed record IntegrityDoc(bool Ok, DateTime? CheckedAt, long CheckpointSize, long Entries, int SystemsChecked, IReadOnlyList<IntegrityProblemDoc> Problems);

    public sealed record IntegrityProblemDoc(string Code, string Detail, long? Index, Guid? SystemId);

    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Short = "public, max-age=5";

    public static IEndpointRouteBuilder MapLogApi(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/log").WithTags("Transparency log").RequireRateLimiting(SenimApp.PublicRateLimit);
        files.MapGet("/checkpoint", Checkpoint)
            .Describe("LogCheckpoint", "The latest signed checkpoint (C2SP tlog-checkpoint signed note, Ed25519).")
            .Produces(200, contentType: "text/plain").ProducesProblems(404);
        files.MapGet("/key", Key)
            .Describe("LogKey", "The log's public verifier key (signed-note vkey) to pin.").Produces(200, contentType: "text/plain");
        files.MapGet("/tile/{**path}", Tile)
            .Describe("LogTile", "A C2SP tlog-tiles hash tile tile/<L>/<N>[.p/<W>] or entry bundle tile/entries/<N>[.p/<W>]; full tiles are immutable.")
            .Produces(200, contentType: "application/octet-stream").ProducesProblems(400, 404);
        files.MapGet("/receipt/{index}", Receipt)
            .Describe("LogReceipt", "A C2SP tlog-proof receipt for entry <index> against the latest checkpoint.")
            .Produces(200, contentType: "text/plain").ProducesProblems(400, 404);

        var api = app.MapGroup("/api/v1/log").WithTags("Transparency log").RequireRateLimiting(SenimApp.PublicRateLimit);
        api.MapGet("/events", Events).CacheOutput(SenimApp.PublicCache)
            .Describe("LogEvents", "The log's public events, newest first: when (UTC), what happened (kind, and the words for it in kk, ru and en), the system and its organisation, the published reason, and links to the log entry, its receipt and the system's public record. Search with q (system name, purpose, organisation or register number, any language, word prefixes) and kind; pages of page_size (1 to 100, default 20) cut at an entry index: pass older as before=, newer as after=. matches is the log's size without a search, and a search's match count (up to 1,000, more_matches above) on its first page only.", 400);
        api.MapGet("/proofs/inclusion", Inclusion)
            .Describe("LogInclusionProof", "RFC 9162 inclusion proof of entry `index` in the tree of `size` entries (default: the latest checkpoint's size); hashes in base64.", 400);
        api.MapGet("/proofs/consistency", Consistency)
            .Describe("LogConsistencyProof", "RFC 9162 consistency proof from tree size `from` to `to` (default: the latest); from > to is a 400.", 400);
        var integrity = app.MapGroup("/api/v1/log/integrity").WithTags("Transparency log").RequireAuthorization().DisableAntiforgery();
        integrity.MapGet("", Integrity)
            .Describe("LogIntegrity", "The latest integrity check: the register recomputed against the log's signed checkpoint (supervisors and admins).", 401, 403);
        integrity.MapPost("", RunIntegrity)
            .Describe("RunLogIntegrity", "Runs the integrity check now and returns its report (admins).", 401, 403);
        return app;
    }

    private static async Task<IResult> Checkpoint(HttpContext context, LogService log)
    {
        var note = await log.SignedCheckpointAsync(context.RequestAborted);
        if (note is null)
        {
            return NotFound(context, "The log has no entries yet, so it has not signed a checkpoint.");
        }

        context.Response.Headers.CacheControl = Short;
        return Results.Text(note, "text/plain; charset=utf-8", Encoding.UTF8);
    }

    private static IResult Key(HttpContext context, LogService log)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(log.VerifierKey + "\n", "text/plain; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> Tile(HttpContext context, string path, LogService log)
    {
        if (!TilePath.TryParse("tile/" + path, out var tile, out var error))
        {
            return BadRequest(context, "tile-path", error);
        }

        if (!tile.IsEntries && tile.Level >= 8)
        {
            return NotFound(context, $"The log has no tiles at level {tile.Level}.");
        }

        var bytes = await log.TileAsync(tile, context.RequestAborted);
        if (bytes is null)
        {
            return NotFound(context, $"The log's latest tree has no {(tile.IsPartial ? "partial tile" : "full tile")} {tile}.");
        }

        context.Response.Headers.CacheControl = tile.IsPartial ? Short : Immutable;
        return Results.Bytes(bytes, "application/octet-stream");
    }

    private static async Task<IResult> Receipt(HttpContext context, string index, LogService log)
    {
        if (!TryIndex(index, out var at))
        {
            return BadRequest(context, "index-invalid", "The entry index is a decimal number.");
        }

        var receipt = await log.ReceiptAsync(at, context.RequestAborted);
        if (receipt is null)
        {
            return NotFound(context, $"The log has no entry {at}.");
        }

        context.Response.Headers.CacheControl = Short;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"senim-log-{at}.tlog-proof\"";
        return Results.Text(receipt, "text/plain; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<Results<Ok<InclusionDoc>, ProblemHttpResult>> Inclusion(HttpContext context, string? index, string? size, LogService log)
    {
        if (!TryIndex(index, out var at))
        {
            return BadRequest(context, "index-invalid", "Give the entry's index as a decimal number: ?index=N.");
        }

        if (!TryOptionalIndex(size, out var treeSize))
        {
            return BadRequest(context, "size-invalid", "The tree size is a decimal number: ?size=N.");
        }

        return await ProofAsync(context, async () =>
        {
            var answer = await log.InclusionProofAsync(at, treeSize, context.RequestAborted);
            return new InclusionDoc(at, answer.TreeSize, answer.Leaf.ToBase64(), [.. answer.Proof.Select(h => h.ToBase64())], answer.Root.ToBase64());
        });
    }

    private static async Task<Results<Ok<ConsistencyDoc>, ProblemHttpResult>> Consistency(HttpContext context, string? from, string? to, LogService log)
    {
        if (!TryIndex(from, out var old))
        {
            return BadRequest(context, "from-invalid", "Give the older tree size as a decimal number: ?from=N.");
        }

        if (!TryOptionalIndex(to, out var target))
        {
            return BadRequest(context, "to-invalid", "The newer tree size is a decimal number: ?to=N.");
        }

        return await ProofAsync(context, async () =>
        {
            var answer = await log.ConsistencyProofAsync(old, target, context.RequestAborted);
            return new ConsistencyDoc(old, answer.To, [.. answer.Proof.Select(h => h.ToBase64())], answer.OldRoot.ToBase64(), answer.NewRoot.ToBase64());
        });
    }

    /// <summary>A proof, cached briefly; a size beyond the log is a 400 proof-out-of-range.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> ProofAsync<T>(HttpContext context, Func<Task<T>> prove)
    {
        try
        {
            var proof = await prove();
            context.Response.Headers.CacheControl = Short;
            return TypedResults.Ok(proof);
        }
        catch (LedgerException ex)
        {
            return BadRequest(context, "proof-out-of-range", ex.Message);
        }
    }

    private static async Task<Ok<LogEventsDoc>> Events(HttpContext context, LogService log, UiText texts, LinkGenerator links, PublicAddress address, string? q, string? kind, string? before, string? after, string? page_size)
    {
        var page = await log.EventsAsync(LogEventQuery.Parse(q, kind, before, after, page_size), context.RequestAborted);
        var baseUrl = address.Root(context.Request);
        Register.RegisterApi.TextsDoc What(string k)
        {
            var key = LogEventTexts.KeyOf(k);
            return new(texts.Get(key, Language.Kk), texts.Get(key, Language.Ru), texts.Get(key, Language.En));
        }

        return TypedResults.Ok(new LogEventsDoc(EventsFormat, page.LogSize, page.Matches, page.MoreMatches, page.OlderBefore, page.NewerAfter,
        [
            .. page.Items.Select(e => new LogEventDoc(e.Index, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.Kind, What(e.Kind),
                e.SystemId is { } systemId ? new LogEventSystemDoc(systemId, e.RegisterNumber, new(e.NameKk, e.NameRu, e.NameEn), e.Listed ? RegisterFormats.EntryUrl(baseUrl, systemId) : null) : null,
                e.OrganisationName, e.Reason,
                baseUrl + links.GetPathByPage("/Log/Verify", values: new { index = e.Index }),
                baseUrl + links.GetPathByName("LogReceipt", new { index = e.Index }),
                e.OrganisationId, e.Bin, e.SignatureSha256)),
        ]));
    }

    private static async Task<Results<Ok<IntegrityDoc>, ProblemHttpResult>> Integrity(HttpContext context, CurrentActor current, IntegrityState state)
    {
        var actor = await current.GetAsync();
        if (!actor.IsAdmin && !actor.IsSupervisor)
        {
            return Forbidden(context, "Only supervisors and admins see the log's integrity status.");
        }

        return TypedResults.Ok(Doc(state.Latest));
    }

    private static async Task<Results<Ok<IntegrityDoc>, ProblemHttpResult>> RunIntegrity(HttpContext context, CurrentActor current, IntegrityCheck check, IntegrityState state)
    {
        var actor = await current.GetAsync();
        if (!actor.IsAdmin)
        {
            return Forbidden(context, "Only admins run the integrity check on demand.");
        }

        var report = await check.RunAsync(context.RequestAborted);
        state.Record(report);
        return TypedResults.Ok(Doc(report));
    }

    internal static IntegrityDoc Doc(IntegrityReport? report) => report is null
        ? new IntegrityDoc(false, null, 0, 0, 0, [new IntegrityProblemDoc("not-checked", "The integrity check has not run yet on this node.", null, null)])
        : new IntegrityDoc(report.Ok, report.CheckedAt, report.CheckpointSize, report.Entries, report.SystemsChecked, [.. report.Problems.Select(p => new IntegrityProblemDoc(p.Code, p.Detail, p.Index, p.SystemId))]);

    internal static bool TryIndex(string? text, out long value)
    {
        value = 0;
        return text is { Length: > 0 and <= 19 } && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An optional index or size: absent is null; present, it must be a decimal number.</summary>
    private static bool TryOptionalIndex(string? text, out long? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        var valid = TryIndex(text, out var parsed);
        value = parsed;
        return valid;
    }

    private static ProblemHttpResult BadRequest(HttpContext context, string code, string detail) => Problem(context, 400, "The request is not valid.", code, detail);

    private static ProblemHttpResult NotFound(HttpContext context, string detail) => Problem(context, 404, "Not found", "log-not-found", detail);

    private static ProblemHttpResult Forbidden(HttpContext context, string detail) => Problem(context, 403, "Forbidden", "log-forbidden", detail);

    private static ProblemHttpResult Problem(HttpContext context, int status, string title, string code, string detail) =>
        TypedResults.Problem(detail, context.Request.Path, status, title, "https://senim.kz/problems/" + code, new Dictionary<string, object?> { ["code"] = code });
}
