using Microsoft.Net.Http.Headers;

namespace Senim.Web.Features.Systems;

/// <summary>
/// /api/v1/systems/{id}/documents and /attachments: the documentation a system's classification requires,
/// as structured sections with review dates and evidence files; and /api/v1/due, the yearly risk reviews
/// that are overdue or due soon.
/// </summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/systems/{id:guid}").WithTags("Documentation").RequireAuthorization().DisableAntiforgery();
        group.MapGet("/documents", List)
            .Describe("ListSystemDocuments", "The documents the current classification requires, each with its completeness.", 400, 404);
        group.MapGet("/documents/{documentId}", Get)
            .Describe("GetSystemDocument", "One required document: its sections (Markdown), review dates and evidence files; the ETag is its version (W/\"v0\" before it is first saved).", 404);
        group.MapPut("/documents/{documentId}", Save)
            .Describe("SaveSystemDocument", "Save a document's sections (a section left out is kept; null or \"\" clears it) and review dates (If-Match: the ETag you read).")
            .ChangesRecord<DocumentBody>();
        group.MapPost("/documents/{documentId}/attachments", Attach)
            .Describe("AttachEvidence", "Attach an evidence file (multipart/form-data, field \"file\"): PDF, PNG, JPEG, TXT, CSV, JSON, DOCX, XLSX or ODT whose content matches its type, at most 10 MB.")
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(DocumentModel.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: DocumentModel.MaxRequestBytes)
            .ProducesProblems(400, 403, 404, 409, 413, 415);
        group.MapGet("/attachments/{attachmentId:guid}", Download)
            .Describe("DownloadEvidence", "Download an evidence file (always as an attachment; the ETag is its SHA-256).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblems(404);
        group.MapDelete("/attachments/{attachmentId:guid}", Delete)
            .Describe("DeleteEvidence", "Delete an evidence file.", 403, 404, 409);

        app.MapGroup("/api/v1/due").WithTags("Documentation").RequireAuthorization()
            .MapGet("", Due)
            .Describe("ListDueReviews", "Yearly risk reviews (Art. 18(1)(4)) that are overdue or due within `days` days (default 30), for your organisations (all of them for the supervisory body).", 400);
        return app;
    }

    private static async Task<Ok<PageResource<DocumentSummaryResource>>> List(Guid id, [AsParameters] PageRequest paging, HttpContext context,
        CurrentActor current, SystemService systems, DocumentService documents, CancellationToken cancellationToken)
    {
        _ = paging.Resolve();
        var language = RequestLanguage.Get(context);
        var all = await documents.RequirementsAsync(await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken), cancellationToken);
        return TypedResults.Ok(PageResource.Of([.. all.Select(d => new DocumentSummaryResource(d.Requirement.Id, d.Requirement.Title[language], d.Pack.Pack.Id,
            d.Complete, d.Percent, d.Filled, d.RequiredSections, d.MissingSections, d.NeedsReviewDate, d.HasReview, Date(d.Stored?.NextReviewDate),
            d.Stored?.Attachments.Count ?? 0, d.Stored?.Version ?? 0))], paging));
    }

    private static async Task<Ok<DocumentResource>> Get(Guid id, string documentId, HttpContext context, CurrentActor current, SystemService systems, DocumentService documents, CancellationToken cancellationToken)
    {
        var progress = await documents.RequirementAsync(await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken), documentId, cancellationToken);
        ApiVersions.SetETag(context.Response, progress.Stored?.Version ?? 0);
        return TypedResults.Ok(Resource(progress, RequestLanguage.Get(context)));
    }

    private static async Task<Ok<DocumentResource>> Save(Guid id, string documentId, HttpContext context, CurrentActor current, SystemService systems, DocumentService documents, CancellationToken cancellationToken)
    {
        var access = await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken);
        var before = await documents.RequirementAsync(access, documentId, cancellationToken);
        var body = await JsonBody.ReadAsync<DocumentBody>(context.Request, BodyLimits.Record);
        var expected = ApiVersions.Expected(context.Request, body.Version);
        var errors = new FieldErrors();
        DateOnly? Parse(string field, string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(field, "date-invalid", "give a date as yyyy-mm-dd");
            return null;
        }

        var last = Parse("last_review_date", body.LastReviewDate);
        var next = Parse("next_review_date", body.NextReviewDate);
        errors.ThrowIfAny();

        // Dates left out keep what is stored; a new last review without a next date moves the next one a year on.
        if (body.LastReviewDate is null && body.NextReviewDate is null)
        {
            (last, next) = (before.Stored?.LastReviewDate, before.Stored?.NextReviewDate);
        }
        else if (body.LastReviewDate is null)
        {
            last = before.Stored?.LastReviewDate;
        }

        await documents.SaveAsync(access, documentId, body.Sections ?? [], last, next, expected, cancellationToken);
        var progress = await documents.RequirementAsync(access, documentId, cancellationToken);
        ApiVersions.SetETag(context.Response, progress.Stored?.Version ?? 0);
        return TypedResults.Ok(Resource(progress, RequestLanguage.Get(context)));
    }

    private static async Task<Results<Created<AttachmentResource>, ProblemHttpResult>> Attach(Guid id, string documentId, HttpContext context, CurrentActor current,
        SystemService systems, DocumentService documents, LinkGenerator links, CancellationToken cancellationToken)
    {
        var access = await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken);
        await documents.RequirementAsync(access, documentId, cancellationToken);
        var (form, problem) = await MultipartBody.ReadAsync(context.Request, "the file in a field named \"file\"", DocumentService.MaxAttachmentBytes / 1024 / 1024, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var file = form!.Files.GetFile("file");
        if (file is null || file.FileName.Length == 0)
        {
            throw Invalid.Field("file", "file-missing", "choose a file to upload");
        }

        await using var content = file!.OpenReadStream();
        var attachment = await documents.AttachAsync(access, documentId, file.FileName, content, file.Length, cancellationToken);
        return TypedResults.Created(links.GetPathByName(context, "DownloadEvidence", new { id, attachmentId = attachment.Id }), AttachmentResource.Of(attachment));
    }

    private static async Task<FileStreamHttpResult> Download(Guid id, Guid attachmentId, HttpContext context, CurrentActor current, SystemService systems, DocumentService documents, CancellationToken cancellationToken)
    {
        var (attachment, content) = await documents.OpenAttachmentAsync(await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken), attachmentId, cancellationToken);
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return TypedResults.File(content, attachment.ContentType, attachment.FileName, entityTag: new EntityTagHeaderValue("\"" + attachment.Sha256 + "\""));
    }

    private static async Task<NoContent> Delete(Guid id, Guid attachmentId, CurrentActor current, SystemService systems, DocumentService documents, CancellationToken cancellationToken)
    {
        await documents.DeleteAttachmentAsync(await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken), attachmentId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PageResource<DueResource>>> Due(int? days, [AsParameters] PageRequest paging, HttpContext context,
        CurrentActor current, DocumentService documents, CancellationToken cancellationToken)
    {
        _ = paging.Resolve();
        var language = RequestLanguage.Get(context);
        var all = await documents.DueListAsync(await current.GetAsync(), days ?? 30, cancellationToken);
        return TypedResults.Ok(PageResource.Of([.. all.Select(d => new DueResource(d.System.Id, d.System.Name(language), d.System.OrganisationId, d.OrganisationName,
            d.DocumentId, Date(d.LastReviewDate), Date(d.NextReviewDate)!, d.Overdue))], paging));
    }

    private static DocumentResource Resource(DocumentProgress progress, Language language)
    {
        var stored = progress.Stored;
        var texts = DocumentService.Sections(stored);
        var requirement = progress.Requirement;
        return new DocumentResource(requirement.Id, requirement.Title[language], requirement.Purpose[language], progress.Pack.Pack.Id, progress.Complete, progress.Percent,
            progress.MissingSections,
            [.. requirement.Sections.Select(s => new SectionResource(s.Id, s.Title[language], s.Required, s.Help?[language], texts.GetValueOrDefault(s.Id)))],
            progress.HasReview, Date(stored?.LastReviewDate), Date(stored?.NextReviewDate),
            [.. (stored?.Attachments ?? []).OrderBy(a => a.UploadedAt).Select(AttachmentResource.Of)],
            stored?.UpdatedAt, stored?.Version ?? 0);
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
