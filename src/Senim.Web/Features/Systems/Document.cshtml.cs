namespace Senim.Web.Features.Systems;

/// <summary>
/// One document of a system's documentation as a structured form: a Markdown text per section, review
/// dates for the risk-management document, and evidence files. Every button posts the whole form, so
/// text typed but not yet saved survives a preview, an upload, a refused save or a conflict.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class DocumentModel(SystemService systems, DocumentService documents) : SystemPage
{
    /// <summary>
    /// A request may carry a file somewhat over the 10 MB limit, so that the user reads "the file is 14 MB;
    /// at most 10 MB are accepted" instead of a bare error page; the register still refuses it.
    /// </summary>
    public const long MaxRequestBytes = 32L * 1024 * 1024;

    public const string SectionPrefix = "section:";

    /// <summary>The system, opened once per load for the reader.</summary>
    public SystemAccess? Access { get; private set; }

    public AiSystem? System => Access?.System;

    public DocumentProgress? Progress { get; private set; }

    public bool CanEdit { get; private set; }

    public int Version { get; private set; }

    /// <summary>Section id → the text shown in its field (stored, or as posted).</summary>
    public Dictionary<string, string> Sections { get; } = new(StringComparer.Ordinal);

    public string LastReview { get; private set; } = "";

    public string NextReview { get; private set; } = "";

    /// <summary>Section id → rendered Markdown, after Preview.</summary>
    public Dictionary<string, string> Previews { get; } = new(StringComparer.Ordinal);

    /// <summary>After a conflict: the other person's text of each section that differs from what was typed here.</summary>
    public Dictionary<string, string> Theirs { get; } = new(StringComparer.Ordinal);

    /// <summary>A success message for a page shown again after a post (upload, delete) rather than redirected.</summary>
    public string? Message { get; private set; }

    /// <summary>True when the form holds text that differs from what is stored.</summary>
    public bool Unsaved { get; private set; }

    public IReadOnlyList<Attachment> Attachments => Progress?.Stored?.Attachments.OrderBy(a => a.UploadedAt).ToList() ?? [];

    public async Task<IActionResult> OnGetAsync(Guid id, string documentId)
    {
        try
        {
            await LoadAsync(id, documentId);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        ShowStored();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string documentId)
    {
        try
        {
            await LoadAsync(id, documentId);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        var form = Request.Form;
        ReadPosted(form);
        var action = form["action"].ToString();
        try
        {
            switch (action)
            {
                case "save":
                    var (last, next) = ParseDates();
                    // Only the sections the form carried: a section added to the pack since the page was opened is left as it is.
                    var posted = Sections.ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.Ordinal);
                    await documents.SaveAsync(Access!, documentId, posted, last, next, Version, HttpContext.RequestAborted);
                    Notice = Text["systems.document.saved"];
                    return RedirectToPage("/Systems/Document", new { id, documentId });
                case "preview":
                    foreach (var (section, text) in Sections.Where(s => s.Value.Length > 0))
                    {
                        Previews[section] = Registry.Text.Markdown.ToHtml(text);
                    }

                    break;
                case "upload":
                    var file = form.Files.GetFile("file");
                    if (file is null || file.FileName.Length == 0)
                    {
                        throw Invalid.Field("file", "file-missing", "choose a file to upload");
                    }

                    await using (var content = file!.OpenReadStream())
                    {
                        await documents.AttachAsync(Access!, documentId, file.FileName, content, file.Length, HttpContext.RequestAborted);
                    }

                    Message = Text.Format("systems.document.uploaded", Path.GetFileName(file.FileName));
                    await AfterFileChangeAsync(id, documentId);
                    break;
                default:
                    if (action.StartsWith("delete:", StringComparison.Ordinal) && Guid.TryParse(action["delete:".Length..], out var attachment))
                    {
                        var name = Attachments.FirstOrDefault(a => a.Id == attachment)?.FileName ?? "";
                        await documents.DeleteAttachmentAsync(Access!, attachment, HttpContext.RequestAborted);
                        Message = Text.Format("systems.document.deleted", name);
                        await AfterFileChangeAsync(id, documentId);
                        break;
                    }

                    var unknown = new FieldErrors();
                    unknown.Add("action", "action-unknown", "choose one of: {0}", "save, preview, upload, delete");
                    unknown.ThrowIfAny();
                    break;
            }

            return Page();
        }
        catch (ConcurrencyException stale)
        {
            await LoadAsync(id, documentId);
            var stored = DocumentService.Sections(Progress!.Stored);
            foreach (var section in Progress.Requirement.Sections)
            {
                var theirs = stored.GetValueOrDefault(section.Id) ?? "";
                if (!SameText(theirs, Sections.GetValueOrDefault(section.Id)))
                {
                    Theirs[section.Id] = theirs;
                }
            }

            // The typed text stays in the form, which now carries the current version: saving again
            // (after reading the other person's text) replaces it knowingly.
            Version = Progress.Stored?.Version ?? 0;
            return Refused(stale);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    /// <summary>A review date as the date input holds it.</summary>
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task LoadAsync(Guid id, string documentId)
    {
        Access = await systems.OpenAsync(await ActorAsync(), id, SystemPurpose.Read, HttpContext.RequestAborted);
        CanEdit = Access.CanChangeNow;
        Progress = await documents.RequirementAsync(Access, documentId, HttpContext.RequestAborted);
    }

    private void ShowStored()
    {
        var stored = Progress!.Stored;
        foreach (var (section, text) in DocumentService.Sections(stored))
        {
            Sections[section] = text;
        }

        LastReview = stored?.LastReviewDate is { } last ? Day(last) : "";
        NextReview = stored?.NextReviewDate is { } next ? Day(next) : "";
        Version = stored?.Version ?? 0;
    }

    private void ReadPosted(IFormCollection form)
    {
        foreach (var section in Progress!.Requirement.Sections.Where(s => form.ContainsKey(SectionPrefix + s.Id)))
        {
            Sections[section.Id] = form[SectionPrefix + section.Id].ToString();
        }

        LastReview = form["last_review_date"].ToString().Trim();
        NextReview = form["next_review_date"].ToString().Trim();
        Version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
    }

    /// <summary>After an upload or a deletion the page is shown again with the typed text; the user learns whether it still needs saving.</summary>
    private async Task AfterFileChangeAsync(Guid id, string documentId)
    {
        var postedVersion = Version;
        await LoadAsync(id, documentId);
        var stored = Progress!.Stored;

        // The first upload creates the (still empty) document: the form moves to its version so the text can be saved.
        if (postedVersion == 0 && stored is { Version: 1 } && DocumentService.Sections(stored).Count == 0)
        {
            Version = 1;
        }

        var texts = DocumentService.Sections(stored);
        Unsaved = Sections.Any(s => !SameText(texts.GetValueOrDefault(s.Key), s.Value))
            || (Progress.HasReview && (LastReview != (stored?.LastReviewDate is { } l ? Day(l) : "") || NextReview != (stored?.NextReviewDate is { } n ? Day(n) : "")));
    }

    private (DateOnly? Last, DateOnly? Next) ParseDates()
    {
        var errors = new FieldErrors();
        DateOnly? Parse(string field, string text)
        {
            if (text.Length == 0)
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

        var last = Parse("last_review_date", LastReview);
        var next = Parse("next_review_date", NextReview);
        errors.ThrowIfAny();
        return (last, next);
    }

    private static bool SameText(string? a, string? b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    private static string Normalize(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
