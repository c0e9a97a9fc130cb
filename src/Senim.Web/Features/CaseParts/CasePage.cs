using Senim.Registry.Organisations;
using Senim.Web.Infrastructure.Signing;

namespace Senim.Web.Features.CaseParts;

/// <summary>
/// Base of the two case pages, /review/{systemId} (an expert on the panel) and /supervision/{systemId} (the supervisory
/// body): the case file as <paramref name="reader"/> reads it, its evidence files, the signed act's challenge and the
/// signatures kept with the system's acts. A change either reloads the page with a notice or shows the refusal above the
/// form, keeping what was typed.
/// </summary>
[RequestSizeLimit(SignedAnswers.MaxFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SignedAnswers.MaxFormBytes)]
public abstract class CasePage(
    CaseFileService cases,
    SystemService systems,
    DocumentService documents,
    ActSignatureService acts,
    CaseReader reader) : RegistryPage
{
    [BindProperty(SupportsGet = true)]
    public Guid SystemId { get; set; }

    /// <summary>The system's case file as the reader sees it; null when the page shows only a refusal.</summary>
    public CaseFile? Dossier { get; private set; }

    public AiSystem System => Dossier!.System;

    [BindProperty]
    public int Version { get; set; }

    /// <summary>The signature posted with an act (recommendation or decision) fixed for signing.</summary>
    [BindProperty]
    public ActSigningFields Signing { get; set; } = new();

    /// <summary>The challenge the act was fixed with, while it waits for its signature.</summary>
    public SignatureChallenge? ActChallenge { get; private set; }

    /// <summary>The signatures kept with the system's acts.</summary>
    public IReadOnlyList<ActSignature> Signatures { get; private set; } = [];

    /// <summary>Whether the act can be signed here, and whether it must be.</summary>
    public SignatureTrust Trust => acts.Trust;

    /// <summary>The register's systems, to open the system for a change of the page's own.</summary>
    protected SystemService Systems => systems;

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(null);

    /// <summary>The challenge of an act as a file, exactly its bytes.</summary>
    public async Task<IActionResult> OnGetActChallengeAsync(Guid challenge)
    {
        try
        {
            return ChallengeFile.Of(await acts.ChallengeAsync(await ActorAsync(), SystemId, challenge, HttpContext.RequestAborted));
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }
    }

    /// <summary>Downloads an evidence file of the system's documents.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid attachment)
    {
        try
        {
            var access = await systems.OpenAsync(await ActorAsync(), SystemId, SystemPurpose.Read, HttpContext.RequestAborted);
            var (file, content) = await documents.OpenAttachmentAsync(access, attachment, HttpContext.RequestAborted);
            return File(content, file.ContentType, file.FileName);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }
    }

    /// <summary>
    /// Makes a change and reloads the page (at <paramref name="fragment"/>) with the notice the change answers; a refusal is
    /// shown on the page instead. A refused signed act keeps its challenge on the page, to send the signature again.
    /// </summary>
    protected async Task<IActionResult> ChangeAsync(Func<Actor, Task<string>> change, string? fragment = null, bool signedAct = false)
    {
        ArgumentNullException.ThrowIfNull(change);
        string notice;
        try
        {
            notice = await change(await ActorAsync());
        }
        catch (RegistryException ex)
        {
            if (signedAct)
            {
                ActChallenge = await Signing.ReopenAsync(acts, await ActorAsync(), SystemId, Response, HttpContext.RequestAborted);
            }

            return await ShowAsync(ex);
        }

        Notice = notice;
        return RedirectToPage(null, null, new { systemId = SystemId }, fragment);
    }

    /// <summary>Fixes an act as typed for signing: the page then offers NCALayer, the challenge as a file and the upload.</summary>
    protected async Task<IActionResult> FixForSigningAsync(Func<ActSignatureService, Actor, Task<SignatureChallenge>> issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        try
        {
            ActChallenge = await issue(acts, await ActorAsync());
            NcaLayer.AllowOn(Response);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        return await ShowAsync(null);
    }

    /// <summary>Loads the page; with a refusal, shows it (with its status) above the form, keeping what was typed.</summary>
    protected async Task<IActionResult> ShowAsync(RegistryException? refusal)
    {
        var actor = await ActorAsync();
        try
        {
            Dossier = await cases.OpenAsync(actor, SystemId, reader, HttpContext.RequestAborted);
            Signatures = await acts.ForSystemAsync(SystemId, actor, seesPanel: reader == CaseReader.Supervisor, HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenException unreadable)
        {
            // The reader may not see this case file: the refusal is shown alone (the page needs the case file to render it).
            return Refused(Unreadable(unreadable, refusal));
        }

        return refusal is null ? Page() : Refused(refusal);
    }

    /// <summary>The refusal to show when the case file itself is refused to the reader.</summary>
    protected virtual RegistryException Unreadable(ForbiddenException forbidden, RegistryException? refusal) => forbidden;
}
