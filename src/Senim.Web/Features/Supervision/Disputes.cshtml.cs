using Senim.Registry.Organisations;

namespace Senim.Web.Features.Supervision;

/// <summary>
/// /supervision/disputes: the BIN disputes ("this BIN is ours"), open ones first, each with the claimant's statement and
/// evidence; the supervisory body transfers the BIN or rejects the claim with a reason (a transfer is logged publicly).
/// </summary>
[Authorize]
public sealed class DisputesModel(BinDisputeService disputes) : RegistryPage
{
    public IReadOnlyList<BinDispute> Items { get; private set; } = [];

    /// <summary>The dispute whose form was posted, to show its errors and what was typed.</summary>
    public Guid? PostedId { get; private set; }

    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Items = await disputes.ListAsync(await ActorAsync(), HttpContext.RequestAborted);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid dispute, string? decision, string? reason, int version)
    {
        PostedId = dispute;
        Reason = reason;
        try
        {
            if (decision is not ("transfer" or "reject"))
            {
                throw Invalid.Field("decision", "dispute-decision-invalid", "use transfer or reject");
            }

            var decided = await disputes.DecideAsync(await ActorAsync(), dispute, decision == "transfer", reason, version, HttpContext.RequestAborted);
            Notice = Texts.Get(decided.State == DisputeState.Transferred ? "supervision.disputes.transferred" : "supervision.disputes.rejected", Lang);
            return RedirectToPage("/Supervision/Disputes");
        }
        catch (RegistryException ex)
        {
            try
            {
                Items = await disputes.ListAsync(await ActorAsync(), HttpContext.RequestAborted);
            }
            catch (RegistryException notSupervisor)
            {
                return Refused(notSupervisor);
            }

            return Refused(ex);
        }
    }

    /// <summary>The claimant's evidence file.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid dispute)
    {
        try
        {
            var (stored, content) = await disputes.OpenEvidenceAsync(await ActorAsync(), dispute, HttpContext.RequestAborted);
            Response.Headers.CacheControl = "no-store";
            return File(content, stored.EvidenceContentType ?? "application/octet-stream", stored.EvidenceFileName);
        }
        catch (RegistryException ex)
        {
            return ex is NotFoundException ? NotFound() : Refused(ex);
        }
    }
}
