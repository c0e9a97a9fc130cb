using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Senim.Labels.Formats;
using Senim.Notices;
using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>
/// Labelling in the browser (/systems/{id}/labels/sign): an editor of the owning organisation uploads a JPEG
/// or PNG, chooses the visible notice, and the answer is the labelled picture as a download — the same
/// <see cref="LabelService"/> the API signs with, so nothing about signing is written twice.
/// A plain multipart form, no JavaScript. The answer is the file itself rather than a result page with a
/// link: a link would need the labelled file stored somewhere (and guarded, and cleaned up) between two
/// requests, on whichever web node gets the second one; streaming it back keeps the nodes stateless and
/// the picture unkept. A refusal comes back as this page with the message and the form.
/// </summary>
[Authorize]
[EnableRateLimiting(SenimApp.HeavyRateLimit)]
[HeavyRequest]
// The upload is streamed to a temporary file with its own limit (LabelUpload) before anything reads the
// form, so the framework's antiforgery filter (which would buffer the whole form first) is replaced by the
// same check in the handler, after the caller's right to label this system was established.
[IgnoreAntiforgeryToken]
public sealed class SignModel(LabelService labels, LabelCertificateService certificates, LabelSettings settings, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions) : RegistryPage
{
    /// <summary>The system being labelled for; null when the caller may not see it.</summary>
    public AiSystem? System { get; private set; }

    /// <summary>Whether the system may sign now (registered or registered with conditions).</summary>
    public bool CanSign { get; private set; }

    /// <summary>The form as it was sent, to show again after a refusal.</summary>
    public SignFormView Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Form = new SignFormView(id, settings.MaxUploadBytes, SignFormView.DefaultNotice, false, null, null);
        return await AuthoriseAsync(id) ?? Page();
    }

    // No handler parameters: binding one would make MVC read the whole form before LabelUpload can stream it.
    public async Task<IActionResult> OnPostAsync()
    {
        var id = Guid.Parse((string)RouteData.Values["id"]!, global::System.Globalization.CultureInfo.InvariantCulture);
        Form = new SignFormView(id, settings.MaxUploadBytes, SignFormView.DefaultNotice, false, null, null);
        if (await AuthoriseAsync(id) is { } refused)
        {
            return refused;
        }

        LabelUpload upload;
        try
        {
            upload = await LabelUpload.ReadAsync(Request, settings.MaxUploadBytes, HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            return FileProblem(ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => Texts.Format("labels.sign.too-large", Lang, ReaderFormat.Size(settings.MaxUploadBytes, Lang)),
                StatusCodes.Status503ServiceUnavailable => Texts.Format("labels.upload.busy", Lang, UploadBudget.RetrySeconds),
                _ => Texts.Get("labels.verify.unreadable-form", Lang),
            }, ex.StatusCode);
        }

        await using (upload)
        {
            if (!await AntiforgeryValidAsync(upload))
            {
                return Refusal(Texts.Get("labels.sign.expired-form", Lang), StatusCodes.Status400BadRequest);
            }

            var notice = upload.Fields.GetValueOrDefault("notice") ?? SignFormView.DefaultNotice;
            var edited = upload.Fields.GetValueOrDefault("edited") is "true" or "on";
            Form = Form with { Notice = notice, Edited = edited };
            if (!SignFormView.Notices.TryGetValue(notice, out var languages))
            {
                return NoticeProblem(Texts.Get("labels.sign.notice-invalid", Lang));
            }

            if (upload.File is null)
            {
                return FileProblem(Texts.Get("labels.sign.choose-file", Lang), StatusCodes.Status400BadRequest);
            }

            if (AssetFormats.Detect(upload.File) is not (AssetFormat.Jpeg or AssetFormat.Png))
            {
                return FileProblem(Texts.Get("labels.sign.not-a-picture", Lang), StatusCodes.Status400BadRequest);
            }

            var output = LabelUpload.TemporaryFile();
            try
            {
                var options = new LabelSignOptions(languages is not null, languages, upload.FileName, edited);
                var result = await labels.SignAsync(await ActorAsync(), id.ToString(), upload.File, output, options, HttpContext.RequestAborted);
                output.Position = 0;
                LabelsApi.WriteHeaders(Response, result);
                // FileStreamResult disposes the temporary file (deleted on close) once it is sent.
                return File(output, result.MediaType, result.FileName);
            }
            catch (ValidationException ex)
            {
                await output.DisposeAsync();
                var error = ex.Errors[0];
                var message = LabelTexts.ErrorByCode(error.Key, Texts, Lang) ?? Text.Error(error);
                // A notice that could not be drawn (a picture too small for it) is said beside the choice.
                return error.Field == "visible" ? NoticeProblem(message) : FileProblem(message, StatusCodes.Status400BadRequest);
            }
            catch (RegistryException ex)
            {
                await output.DisposeAsync();
                return Refused(ex);
            }
        }
    }

    /// <summary>Loads the system for an editor of its organisation (404 for others, 403 for readers) and says whether it may sign now; null when the page may go on.</summary>
    private async Task<IActionResult?> AuthoriseAsync(Guid id)
    {
        try
        {
            System = await certificates.ResolveAsync(await ActorAsync(), id.ToString(), HttpContext.RequestAborted);
            LabelCertificateService.RequireSignable(System);
            CanSign = true;
            return null;
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    private async Task<bool> AntiforgeryValidAsync(LabelUpload upload)
    {
        var options = antiforgeryOptions.Value;
        if (options.HeaderName is not { } header)
        {
            return false;
        }

        if (Request.Headers[header].Count == 0)
        {
            if (options.FormFieldName is not { } field || !upload.Fields.TryGetValue(field, out var token))
            {
                return false;
            }

            // The form was read by LabelUpload: hand its token to the antiforgery check as a header, so the check does not read the body again.
            Request.Headers[header] = token;
        }

        try
        {
            return await antiforgery.IsRequestValidAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private IActionResult FileProblem(string message, int status)
    {
        Form = Form with { FileError = message };
        return Refusal(message, status);
    }

    private IActionResult NoticeProblem(string message)
    {
        Form = Form with { NoticeError = message };
        return Refusal(message, StatusCodes.Status400BadRequest);
    }

    private IActionResult Refusal(string message, int status)
    {
        SetProblem(message);
        Response.StatusCode = status;
        return Page();
    }
}

/// <summary>The labelling form: where it posts, the limit, and what was chosen (with the errors of a refused post).</summary>
/// <param name="SystemId">The system to label for.</param>
/// <param name="MaxBytes">The upload limit, for the help text.</param>
/// <param name="Notice">The chosen visible notice: a key of <see cref="Notices"/>.</param>
/// <param name="Edited">Whether "the system changed an existing picture" is ticked.</param>
/// <param name="FileError">The file field's error, if any.</param>
/// <param name="NoticeError">The notice field's error, if any.</param>
public sealed record SignFormView(Guid SystemId, long MaxBytes, string Notice, bool Edited, string? FileError, string? NoticeError)
{
    /// <summary>All three languages, the law's languages first.</summary>
    public const string DefaultNotice = "kk-ru-en";

    /// <summary>The visible notices to choose from, in the form's order: the value sent, and its languages (null: no notice).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<NoticeLanguage>?> Notices { get; } = new Dictionary<string, IReadOnlyList<NoticeLanguage>?>(StringComparer.Ordinal)
    {
        [DefaultNotice] = [NoticeLanguage.Kk, NoticeLanguage.Ru, NoticeLanguage.En],
        ["kk"] = [NoticeLanguage.Kk],
        ["ru"] = [NoticeLanguage.Ru],
        ["en"] = [NoticeLanguage.En],
        ["none"] = null,
    };

    /// <summary>The text key of each choice's label.</summary>
    public static string TextKey(string notice) => notice switch
    {
        DefaultNotice => "labels.sign.notice.kk-ru-en",
        "kk" => "in-language.kk",
        "ru" => "in-language.ru",
        "en" => "in-language.en",
        _ => "labels.sign.notice.none",
    };
}
