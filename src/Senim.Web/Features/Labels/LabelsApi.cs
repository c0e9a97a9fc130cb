using Senim.Labels.Formats;
using Senim.Notices;
using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>
/// /api/v1/labels: sign a file for a registered system with the key Senim holds for it (API token with the
/// write scope, or a session, of the owner organisation), and verify any file's label (anonymous, rate
/// limited). /api/v1/systems/{id}/label-certificates: the system's signing certificates.
/// </summary>
public static class LabelsApi
{
    public static IEndpointRouteBuilder MapLabelsApi(this IEndpointRouteBuilder app)
    {
        var labels = app.MapGroup("/api/v1/labels").WithTags("Content labels").DisableAntiforgery();
        labels.MapPost("", Sign)
            .RequireAuthorization()
            .RequireHeavyLimits()
            .Describe("SignLabel", "Label a file for a registered system (system=register number or id; visible=true draws the visible notice, lang=kk,ru,en). Body: the file, raw or as the multipart part 'file'. Answers with the labelled JPEG/PNG, or a .c2pa sidecar for other files.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblems(400, 401, 403, 404, 409, 413, 429, 503);
        labels.MapPost("/verify", Verify)
            .AllowAnonymous()
            .RequireHeavyLimits()
            .Describe("VerifyLabel", "Check a file's label against Senim's trust list, the current CRLs and the register. Body: the file, raw or as the multipart part 'file' (plus 'sidecar' for a .c2pa sidecar). The verdict, error and status texts are in the language of ?lang=kk|ru|en, else the senim-lang cookie, else Accept-Language.", 400, 413, 429, 503);

        var certificates = app.MapGroup("/api/v1/systems/{id:guid}/label-certificates").WithTags("Content labels").RequireAuthorization().DisableAntiforgery();
        certificates.MapGet("", ListCertificates)
            .Describe("ListLabelCertificates", "The system's label-signing certificates, newest first, with their state (active, on-hold, revoked, expired).", 404);
        certificates.MapPost("", IssueCertificate)
            .Describe("IssueLabelCertificate", "Issue a certificate to a registered system: {\"custody\":\"managed\"} for a key Senim holds, or {\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----...\"} (or a raw application/pkcs10 body) for a key you keep.", 400, 403, 404, 409);
        certificates.MapGet("/{serial}/chain", Chain)
            .Describe("GetLabelCertificateChain", "The certificate and the issuing CA, PEM: the chain to give a C2PA signer with the key.", 404);
        return app;
    }

    private static async Task<FileStreamHttpResult> Sign(HttpContext context, CurrentActor current, LabelService labels, LabelSettings settings, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        await using var upload = await LabelUpload.ReadAsync(context.Request, settings.MaxUploadBytes, cancellationToken);
        if (upload.File is null)
        {
            throw JsonBody.Required("file", "send the file as the request body or as the multipart part 'file'");
        }

        var system = upload.Value(context.Request, "system");
        if (string.IsNullOrWhiteSpace(system))
        {
            throw JsonBody.Required("system", "name the system: its register number (KZ-AI-YYYY-NNNNNN) or id");
        }

        var errors = new FieldErrors();
        var visible = ParseFlag(upload.Value(context.Request, "visible"), "visible", errors);
        var edited = ParseFlag(upload.Value(context.Request, "edited"), "edited", errors);
        var languages = ParseLanguages(upload.Value(context.Request, "lang"), errors);
        CheckDeclaredType(upload, errors);
        errors.ThrowIfAny();

        var output = LabelUpload.TemporaryFile();
        try
        {
            var result = await labels.SignAsync(actor, system, upload.File, output, new LabelSignOptions(visible, languages, upload.FileName, edited), cancellationToken);
            output.Position = 0;
            WriteHeaders(context.Response, result);
            return TypedResults.Stream(output, result.MediaType, result.FileName);
        }
        catch
        {
            await output.DisposeAsync();
            throw;
        }
    }

    private static async Task<Ok<LabelReportResource>> Verify(HttpContext context, string? lang, LabelService labels, LabelSettings settings, UiText texts, PublicAddress address, CancellationToken cancellationToken)
    {
        // The language is checked before the upload is read: an unknown one is a 400 naming "lang".
        var language = RequestLanguage.FromQuery(lang, context);
        context.Response.Headers.ContentLanguage = language.Code();
        await using var upload = await LabelUpload.ReadAsync(context.Request, settings.MaxUploadBytes, cancellationToken);
        if (upload.File is null && upload.Sidecar is null)
        {
            throw JsonBody.Required("file", "send the file as the request body or as the multipart part 'file'");
        }

        await using var empty = upload.File is null ? new MemoryStream() : null;
        var verdict = await labels.VerifyAsync((Stream?)upload.File ?? empty!, upload.Sidecar, upload.FileName, cancellationToken);
        return TypedResults.Ok(LabelReportResource.Of(verdict, address.For(context.Request), texts, language));
    }

    private static async Task<Ok<IReadOnlyList<LabelCertificateResource>>> ListCertificates(Guid id, HttpContext context, CurrentActor current, LabelCertificateService certificates, LinkGenerator links, CancellationToken cancellationToken)
    {
        var (_, list) = await certificates.ListAsync(await current.GetAsync(), id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<LabelCertificateResource>>([.. list.Select(c => LabelCertificateResource.Of(c, id, links, context))]);
    }

    private static async Task<IResult> IssueCertificate(Guid id, HttpContext context, CurrentActor current, LabelCertificateService certificates, LinkGenerator links, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        byte[]? csr = null;
        if (context.Request.ContentType?.StartsWith("application/pkcs10", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > 64 * 1024)
                {
                    throw new BadHttpRequestException("A certificate signing request is at most 64 KiB.", StatusCodes.Status413PayloadTooLarge);
                }
            }

            csr = buffer.ToArray();
        }
        else
        {
            var body = await JsonBody.ReadAsync<IssueCertificateBody>(context.Request);
            if (body.Csr is { Length: > 0 } pem)
            {
                csr = System.Text.Encoding.UTF8.GetBytes(pem);
            }
            else if (body.Custody is not "managed")
            {
                throw Invalid.Field("custody", "custody", "Say \"custody\": \"managed\" for a key Senim holds, or send \"csr\" for a key you keep.");
            }
        }

        if (csr is null)
        {
            var managed = await certificates.IssueManagedAsync(actor, id, cancellationToken);
            var resource = LabelCertificateResource.Of(managed, id, links, context);
            return TypedResults.Created(resource.ChainUrl, resource);
        }

        var (certificate, chain) = await certificates.IssueFromRequestAsync(actor, id, csr, cancellationToken);
        var issued = LabelCertificateResource.Of(certificate, id, links, context);
        return TypedResults.Created(issued.ChainUrl, new IssuedFromRequestResource(issued, chain));
    }

    private static async Task<FileContentHttpResult> Chain(Guid id, string serial, CurrentActor current, LabelCertificateService certificates, CancellationToken cancellationToken)
    {
        var pem = await certificates.ChainAsync(await current.GetAsync(), id, serial, cancellationToken);
        return TypedResults.File(System.Text.Encoding.ASCII.GetBytes(pem), "application/pem-certificate-chain", $"label-chain-{serial}.pem");
    }

    /// <summary>What a signed answer says about itself: the manifest, the certificate, the register number and where the label is.</summary>
    public static void WriteHeaders(HttpResponse response, SignedLabel result)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(result);
        response.Headers["Senim-Manifest"] = result.ManifestLabel;
        response.Headers["Senim-Certificate"] = result.CertificateSerial;
        response.Headers["Senim-Register-Number"] = result.RegisterNumber;
        response.Headers["Senim-Label-Format"] = result.Format == AssetFormat.Sidecar ? "sidecar" : "embedded";
    }

    private static bool ParseFlag(string? value, string field, FieldErrors errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0" or "no" or "off":
                return false;
            case "true" or "1" or "yes" or "on":
                return true;
            default:
                errors.Add(field, "flag", "must be true or false, not '{0}'", value);
                return false;
        }
    }

    private static List<NoticeLanguage>? ParseLanguages(string? value, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var languages = new List<NoticeLanguage>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            NoticeLanguage? language = part.ToLowerInvariant() switch { "kk" => NoticeLanguage.Kk, "ru" => NoticeLanguage.Ru, "en" => NoticeLanguage.En, _ => null };
            if (language is null)
            {
                errors.Add("lang", "language", "'{0}' is not kk, ru or en", part);
            }
            else if (!languages.Contains(language.Value))
            {
                languages.Add(language.Value);
            }
        }

        return languages.Count == 0 ? null : languages;
    }

    /// <summary>A declared image type must be what the content is; "application/octet-stream" declares nothing.</summary>
    private static void CheckDeclaredType(LabelUpload upload, FieldErrors errors)
    {
        var declared = upload.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (upload.File is null || declared is null or "" or "application/octet-stream")
        {
            return;
        }

        var actual = AssetFormats.Detect(upload.File);
        var expected = declared switch
        {
            "image/jpeg" or "image/jpg" or "image/pjpeg" => AssetFormat.Jpeg,
            "image/png" => AssetFormat.Png,
            _ => AssetFormat.Sidecar,
        };
        if (expected != actual)
        {
            errors.Add("file", "labels.format.mismatch", "the content type says {0} but the content is {1}", declared, actual switch
            {
                AssetFormat.Jpeg => "a JPEG image",
                AssetFormat.Png => "a PNG image",
                _ => "neither JPEG nor PNG",
            });
        }
    }
}
