using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>
/// The public verification page: upload a file (and its .c2pa sidecar), read the verdict in plain words.
/// A plain multipart form, no JavaScript; the file is checked in a temporary file and not kept.
/// Anonymous forms carry no antiforgery token: checking a file changes nothing.
/// </summary>
[EnableRateLimiting(SenimApp.HeavyRateLimit)]
[HeavyRequest]
[IgnoreAntiforgeryToken]
public sealed class VerifyModel(LabelService labels, LabelSettings settings) : RegistryPage
{
    /// <summary>The verdict of the uploaded file.</summary>
    public LabelVerdict? Verdict { get; private set; }

    /// <summary>The uploaded file's name, as the client gave it.</summary>
    public string? FileName { get; private set; }

    /// <summary>The register number a badge link named (?system=...).</summary>
    public string? NamedNumber { get; private set; }

    /// <summary>That system in the public register, when it is there.</summary>
    public LabelSystem? Named { get; private set; }

    /// <summary>The upload limit, for the help text.</summary>
    public long MaxBytes => settings.MaxUploadBytes;

    public async Task<IActionResult> OnGetAsync(string? system)
    {
        if (system is { Length: > 0 } && Senim.Authority.SystemIdentity.IsRegisterNumber(system))
        {
            NamedNumber = system;
            Named = await labels.FindPublicAsync(system, HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        LabelUpload upload;
        try
        {
            upload = await LabelUpload.ReadAsync(Request, settings.MaxUploadBytes, HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            SetProblem(ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => Texts.Format("labels.verify.too-large", Lang, ReaderFormat.Size(settings.MaxUploadBytes, Lang)),
                StatusCodes.Status503ServiceUnavailable => Texts.Format("labels.upload.busy", Lang, UploadBudget.RetrySeconds),
                _ => Texts.Get("labels.verify.unreadable-form", Lang),
            });
            FieldErrors["file"] = Problem!;
            Response.StatusCode = ex.StatusCode;
            return Page();
        }

        await using (upload)
        {
            FileName = upload.FileName;
            if (upload.File is null && upload.Sidecar is null)
            {
                SetProblem(Texts.Get("labels.verify.choose-file", Lang));
                FieldErrors["file"] = Problem!;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            try
            {
                await using var empty = upload.File is null ? new MemoryStream() : null;
                Verdict = await labels.VerifyAsync((Stream?)upload.File ?? empty!, upload.Sidecar, upload.FileName, HttpContext.RequestAborted);
            }
            catch (RegistryException ex)
            {
                return Refused(ex);
            }
        }

        return Page();
    }
}
