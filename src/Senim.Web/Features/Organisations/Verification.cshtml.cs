using Senim.Registry.Organisations;
using Senim.Web.Infrastructure.Signing;

namespace Senim.Web.Features.Organisations;

/// <summary>
/// Verifying an organisation (docs/organisations.md). Its admins ask for a challenge, then sign it with NCALayer (the one
/// script of Senim, which only fills in the form) or with any tool, uploading the detached signature or pasting its Base64;
/// or, when the BIN is held by another verified organisation, file a dispute. The supervisory body verifies with evidence
/// and a reason. Everything works without JavaScript.
/// </summary>
[Authorize]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class VerificationModel(OrganisationVerificationService verifications, BinDisputeService disputes, PublicAddress address) : Infrastructure.RegistryPage
{
    /// <summary>An evidence file somewhat over the 10 MB limit still reaches the register, which names the limit.</summary>
    public const long MaxRequestBytes = SignedAnswers.MaxFormBytes;

    [FromRoute]
    public Guid Id { get; set; }

    public VerificationOverview Overview { get; private set; } = null!;

    /// <summary>False when the page shows only a refusal (the reader may not see the organisation's verification).</summary>
    public bool Loaded { get; private set; }

    public Organisation Organisation => Overview.Organisation;

    public Actor Me { get; private set; } = null!;

    /// <summary>The challenge being answered (issued to the reader), when one is open on the page.</summary>
    public SignatureChallenge? OpenChallenge { get; private set; }

    public bool IsAdmin => Me.IsOrganisationAdmin(Id);

    public bool IsSupervisor => Me.IsSupervisor;

    /// <summary>What was typed into the forms, kept when one is refused.</summary>
    public string? Reason { get; private set; }

    public string? Statement { get; private set; }

    public string? SignatureText { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? challenge)
    {
        try
        {
            await LoadAsync(challenge);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }

    /// <summary>The challenge as a file to sign with any tool: exactly its canonical bytes.</summary>
    public async Task<IActionResult> OnGetChallengeFileAsync(Guid challenge)
    {
        try
        {
            return ChallengeFile.Of(await verifications.ChallengeAsync(await ActorAsync(), Id, challenge, HttpContext.RequestAborted));
        }
        catch (RegistryException ex)
        {
            return ex is NotFoundException ? NotFound() : Refused(ex);
        }
    }

    /// <summary>The evidence file of a verification, for the organisation's admins and the supervisory body.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid verification)
    {
        try
        {
            var (stored, content) = await verifications.OpenEvidenceAsync(await ActorAsync(), Id, verification, HttpContext.RequestAborted);
            Response.Headers.CacheControl = "no-store";
            return File(content, stored.EvidenceContentType ?? "application/octet-stream", stored.EvidenceFileName);
        }
        catch (RegistryException ex)
        {
            return ex is NotFoundException ? NotFound() : Refused(ex);
        }
    }

    public Task<IActionResult> OnPostChallengeAsync() => ActAsync(async actor =>
    {
        var issued = await verifications.IssueChallengeAsync(actor, Id, address.For(Request), HttpContext.RequestAborted);
        return RedirectToPage("/Organisations/Verification", null, new { id = Id, challenge = issued.Id }, "sign");
    });

    public Task<IActionResult> OnPostSignatureAsync(Guid challengeId, IFormFile? signature, [FromForm(Name = "signature_text")] string? signatureText)
    {
        SignatureText = signatureText;
        return ActAsync(async actor =>
        {
            var bytes = await SignedAnswers.ReadAsync(signature, signatureText);
            await verifications.VerifyBySignatureAsync(actor, Id, new SignedAnswer(challengeId, bytes), HttpContext.RequestAborted);
            return Done("verification.verified-by-signature");
        }, challengeId);
    }

    public Task<IActionResult> OnPostSuperviseAsync(string? reason, IFormFile? evidence)
    {
        Reason = reason;
        return ActAsync(async actor =>
        {
            await using var content = evidence?.OpenReadStream();
            await verifications.VerifyBySupervisorAsync(actor, Id, reason, EvidenceFile.Of(evidence, content), HttpContext.RequestAborted);
            return Done("verification.verified-by-supervisor");
        });
    }

    public Task<IActionResult> OnPostDisputeAsync(string? statement, IFormFile? evidence)
    {
        Statement = statement;
        return ActAsync(async actor =>
        {
            await using var content = evidence?.OpenReadStream();
            await disputes.FileAsync(actor, Id, statement, EvidenceFile.Of(evidence, content), HttpContext.RequestAborted);
            return Done("verification.dispute-filed");
        });
    }

    /// <summary>The page again, after a change, with its notice.</summary>
    private RedirectToPageResult Done(string noticeKey)
    {
        Notice = Texts.Get(noticeKey, Lang);
        return RedirectToPage("/Organisations/Verification", new { id = Id });
    }

    private async Task<IActionResult> ActAsync(Func<Actor, Task<IActionResult>> change, Guid? challenge = null)
    {
        try
        {
            return await change(await ActorAsync());
        }
        catch (RegistryException ex)
        {
            try
            {
                await LoadAsync(challenge);
            }
            catch (RegistryException missing)
            {
                return missing is NotFoundException ? NotFound() : Refused(missing);
            }

            return Refused(ex);
        }
    }

    private async Task LoadAsync(Guid? challenge)
    {
        Me = await ActorAsync();
        Overview = await verifications.OverviewAsync(Me, Id, HttpContext.RequestAborted);
        Loaded = true;
        if (challenge is { } id && IsAdmin && !Organisation.IsVerified)
        {
            try
            {
                OpenChallenge = await verifications.ChallengeAsync(Me, Id, id, HttpContext.RequestAborted);
            }
            catch (NotFoundException)
            {
                OpenChallenge = null;
            }
        }

        if (OpenChallenge is not null)
        {
            NcaLayer.AllowOn(Response);
        }
    }
}
