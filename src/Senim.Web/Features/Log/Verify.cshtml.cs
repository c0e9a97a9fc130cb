using Senim.Ledger;
using Senim.Ledger.Receipts;
using Senim.Registry.Log;

namespace Senim.Web.Features.Log;

/// <summary>
/// /log/verify: checks a receipt for one log entry — the one the server issues now (GET ?index=N) or one a visitor
/// pastes (POST) — and shows every step of the recomputation with a verdict in plain words.
/// </summary>
[EnableRateLimiting(SenimApp.PublicRateLimit)]
public sealed class VerifyModel(LogService log) : RegistryPage
{
    public long? Index { get; private set; }

    [BindProperty]
    public string? Receipt { get; set; }

    public ReceiptVerification? Result { get; private set; }

    public string? EntryJson { get; private set; }

    public Guid? SystemId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? index)
    {
        if (index is null)
        {
            return Page();
        }

        if (!LogApi.TryIndex(index, out var at))
        {
            FieldErrors["index"] = Texts.Get("log.verify.index-invalid", Lang);
            return Page();
        }

        Index = at;
        Receipt = await log.ReceiptAsync(at, HttpContext.RequestAborted);
        if (Receipt is null)
        {
            FieldErrors["index"] = Texts.Format("log.verify.no-entry", Lang, at);
            return Page();
        }

        await VerifyAsync(at);
        Response.Headers.CacheControl = "public, max-age=5";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? index)
    {
        if (!LogApi.TryIndex(index, out var at))
        {
            FieldErrors["index"] = Texts.Get("log.verify.index-invalid", Lang);
            return Page();
        }

        Index = at;
        if (string.IsNullOrWhiteSpace(Receipt) || Receipt.Length > TlogProof.MaxBytes)
        {
            FieldErrors["receipt"] = Texts.Get("log.verify.receipt-required", Lang);
            return Page();
        }

        Receipt = Receipt.ReplaceLineEndings("\n");
        await VerifyAsync(at);
        return Page();
    }

    private async Task VerifyAsync(long at)
    {
        Result = await log.VerifyReceiptAsync(Receipt!, at, HttpContext.RequestAborted);
        var entry = await log.EntryAsync(at, HttpContext.RequestAborted);
        if (entry is not null)
        {
            EntryJson = RegisterLogEntry.Pretty(entry.Data);
            SystemId = entry.SystemId;
        }
    }

    /// <summary>The text key of the verdict for the outcome.</summary>
    public string VerdictKey => Result switch
    {
        null => "",
        { Valid: true } => "log.verdict.valid",
        { ErrorKind: LedgerError.BadSignature } => "log.verdict.bad-signature",
        { ErrorKind: LedgerError.UnknownKey } => "log.verdict.unknown-key",
        { ErrorKind: LedgerError.WrongOrigin } => "log.verdict.wrong-origin",
        { ErrorKind: LedgerError.ProofFailed } => "log.verdict.proof-failed",
        { ErrorKind: LedgerError.Missing } => "log.verdict.missing",
        _ => "log.verdict.malformed",
    };
}
