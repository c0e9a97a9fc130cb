using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Registry.Files;
using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>A required document and how far it is filled in.</summary>
public sealed record DocumentProgress(DocumentRequirement Requirement, CompiledPack Pack, SystemDocument? Stored, IReadOnlyList<string> MissingSections, bool NeedsReviewDate)
{
    public int RequiredSections => Requirement.Sections.Count(s => s.Required) + (HasReview ? 1 : 0);

    public int Filled => RequiredSections - MissingSections.Count - (NeedsReviewDate ? 1 : 0);

    public bool Complete => MissingSections.Count == 0 && !NeedsReviewDate;

    public int Percent => RequiredSections == 0 ? 100 : Filled * 100 / RequiredSections;

    /// <summary>The document records a yearly review (Art. 18(1)(4)): it has a section named "review".</summary>
    public bool HasReview => Requirement.Sections.Any(s => s.Id == DocumentService.ReviewSection);
}

/// <summary>A yearly risk review that is due soon or overdue: which system, which document, and when.</summary>
public sealed record DueReview(AiSystem System, string OrganisationName, string DocumentId, DateOnly? LastReviewDate, DateOnly NextReviewDate, bool Overdue);

/// <summary>The documentation the classification requires: structured sections, review dates and evidence files.</summary>
public sealed class DocumentService(RegistryDb db, ClassificationService classifications, IFileStore files, RegisterWriter writer)
{
    public const string ReviewSection = "review";
    public const long MaxAttachmentBytes = 10 * 1024 * 1024;
    public const int MaxAttachmentsPerDocument = 20;
    public const int MaxSectionLength = TextLimits.DocumentSection;

    /// <summary>Accepted evidence types: extension → content type.</summary>
    public static IReadOnlyDictionary<string, string> AllowedTypes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".odt"] = "application/vnd.oasis.opendocument.text",
    };

    private DateTime Now => writer.Now;

    /// <summary>The documents the current classification requires, each with its progress.</summary>
    public async Task<IReadOnlyList<DocumentProgress>> RequirementsAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.RequireDocuments();
        return await RequirementsAsync(access.Id, cancellationToken);
    }

    internal async Task<IReadOnlyList<DocumentProgress>> RequirementsAsync(Guid systemId, CancellationToken cancellationToken)
    {
        var current = await db.Classifications.AsNoTracking().FirstOrDefaultAsync(c => c.SystemId == systemId && c.IsCurrent, cancellationToken);
        return current is null ? [] : await RequirementsAsync(systemId, await classifications.ExplainAsync(current, cancellationToken), cancellationToken);
    }

    /// <summary>The documents an explained classification requires, with their progress (when the caller has the explanation already).</summary>
    internal async Task<IReadOnlyList<DocumentProgress>> RequirementsAsync(Guid systemId, ClassificationResult? current, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return [];
        }

        var stored = await db.Documents.AsNoTracking().Include(d => d.Attachments).Where(d => d.SystemId == systemId).ToListAsync(cancellationToken);
        return [.. current.Packs.SelectMany(p => p.Documents.Where(d => d.State == Applicability.Applies).Select(d => Progress(d.Document, p.Pack, stored.FirstOrDefault(s => s.DocumentId == d.Document.Id))))];
    }

    private static DocumentProgress Progress(DocumentRequirement requirement, CompiledPack pack, SystemDocument? stored)
    {
        var sections = stored is null ? new Dictionary<string, string>() : Json.Read<Dictionary<string, string>>(stored.SectionsJson);
        var missing = requirement.Sections.Where(s => s.Required && string.IsNullOrWhiteSpace(sections.GetValueOrDefault(s.Id))).Select(s => s.Id).ToList();
        var needsReview = requirement.Sections.Any(s => s.Id == ReviewSection) && (stored?.LastReviewDate is null || stored.NextReviewDate is null);
        return new DocumentProgress(requirement, pack, stored, missing, needsReview);
    }

    /// <summary>One document the current classification requires, with its progress; 404 when it is not required.</summary>
    public async Task<DocumentProgress> RequirementAsync(SystemAccess access, string documentId, CancellationToken cancellationToken = default) =>
        (await RequirementsAsync(access, cancellationToken)).FirstOrDefault(r => r.Requirement.Id == documentId)
        ?? throw new NotFoundException("required document", documentId);

    public async Task<SystemDocument?> GetAsync(SystemAccess access, string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.RequireDocuments();
        return await db.Documents.AsNoTracking().Include(d => d.Attachments).FirstOrDefaultAsync(d => d.SystemId == access.Id && d.DocumentId == documentId, cancellationToken);
    }

    public static IReadOnlyDictionary<string, string> Sections(SystemDocument? document) =>
        document is null ? new Dictionary<string, string>() : Json.Read<Dictionary<string, string>>(document.SectionsJson);

    /// <summary>Saves a document's sections (Markdown) and review dates. <paramref name="expectedVersion"/> is 0 for a new document.</summary>
    public async Task<SystemDocument> SaveAsync(SystemAccess access, string documentId, IReadOnlyDictionary<string, string?> sections,
        DateOnly? lastReview, DateOnly? nextReview, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(sections);
        RequireEditable(access);
        var (system, actor, systemId) = (access.System, access.Actor, access.Id);
        var requirement = (await RequirementsAsync(systemId, cancellationToken)).FirstOrDefault(r => r.Requirement.Id == documentId)
            ?? throw new NotFoundException("required document", documentId);

        var errors = new FieldErrors();
        foreach (var (id, text) in sections)
        {
            if (requirement.Requirement.Sections.All(s => s.Id != id))
            {
                errors.Add("sections." + id, "section-unknown", "the document has no section '{0}'", id);
            }
            else if (text is { Length: > MaxSectionLength })
            {
                errors.Add("sections." + id, "too-long", "is {0} characters long; at most {1} are allowed", text.Length, MaxSectionLength);
            }
        }

        if (lastReview is { } last && last > DateOnly.FromDateTime(Now))
        {
            errors.Add("last_review_date", "date-future", "cannot be in the future");
        }

        if (lastReview is { } l && nextReview is { } n && n <= l)
        {
            errors.Add("next_review_date", "date-order", "must be after the last review");
        }

        if (lastReview is { } lr && nextReview is { } nr && nr > lr.AddYears(1))
        {
            errors.Add("next_review_date", "review-yearly", "risks must be reviewed at least once a year (Art. 18(1)(4)): at most {0}", lr.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        errors.ThrowIfAny();

        var document = await db.Documents.FirstOrDefaultAsync(d => d.SystemId == systemId && d.DocumentId == documentId, cancellationToken);
        if (document is null)
        {
            if (expectedVersion != 0)
            {
                throw new ConcurrencyException("document", expectedVersion, 0);
            }

            document = new SystemDocument { Id = Guid.NewGuid(), SystemId = system.Id, DocumentId = documentId };
            db.Documents.Add(document);
        }
        else if (document.Version != expectedVersion)
        {
            throw new ConcurrencyException("document", expectedVersion, document.Version);
        }

        var merged = Json.Read<Dictionary<string, string>>(document.SectionsJson);
        foreach (var (id, text) in sections)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                merged.Remove(id);
            }
            else
            {
                merged[id] = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            }
        }

        document.SectionsJson = Json.Write(merged);
        if (requirement.HasReview)
        {
            document.LastReviewDate = lastReview;
            document.NextReviewDate = nextReview ?? lastReview?.AddYears(1);
        }

        document.UpdatedAt = Now;
        document.UpdatedBy = actor.UserId;
        document.Version++;

        // A listed system's public record shows how complete its documents are: the writer refreshes it in the same transaction.
        await writer.SaveBesideAsync(system, async () =>
        {
            var current = await db.Documents.AsNoTracking().Where(d => d.SystemId == systemId && d.DocumentId == documentId).Select(d => d.Version).FirstOrDefaultAsync(cancellationToken);
            return new ConcurrencyException("document", expectedVersion, current);
        }, cancellationToken);
        return document;
    }

    /// <summary>Stores an evidence file after checking its type (by extension and content) and size.</summary>
    public async Task<Attachment> AttachAsync(SystemAccess access, string documentId, string fileName, Stream content, long length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(content);
        RequireEditable(access);
        var (actor, systemId) = (access.Actor, access.Id);
        var (name, extension) = EvidenceFile.Check(fileName, length, "file");

        var document = await db.Documents.Include(d => d.Attachments).FirstOrDefaultAsync(d => d.SystemId == systemId && d.DocumentId == documentId, cancellationToken);
        if (document is null)
        {
            if ((await RequirementsAsync(systemId, cancellationToken)).All(r => r.Requirement.Id != documentId))
            {
                throw new NotFoundException("required document", documentId);
            }

            document = new SystemDocument { Id = Guid.NewGuid(), SystemId = systemId, DocumentId = documentId, UpdatedAt = Now, UpdatedBy = actor.UserId, Version = 1 };
            db.Documents.Add(document);
        }

        if (document.Attachments.Count >= MaxAttachmentsPerDocument)
        {
            throw new RuleException("too-many-files", "A document can hold at most {0} files; remove one first.", MaxAttachmentsPerDocument);
        }

        // Read into memory within the limit, check the content really is of the claimed type, then store.
        var file = await EvidenceFile.ReadAsync(name, extension, content, "file", cancellationToken);
        var bytes = file.Bytes;
        var key = await files.SaveAsync(new MemoryStream(bytes), cancellationToken);
        var attachment = new Attachment
        {
            Id = Guid.NewGuid(),
            SystemDocumentId = document.Id,
            FileName = name,
            ContentType = file.ContentType,
            Size = bytes.Length,
            Sha256 = file.Sha256,
            StorageKey = key,
            UploadedBy = actor.UserId,
            UploadedAt = Now,
        };
        db.Attachments.Add(attachment);
        try
        {
            await writer.SaveAsync(cancellationToken);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        return attachment;
    }

    public async Task<(Attachment Attachment, Stream Content)> OpenAttachmentAsync(SystemAccess access, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.RequireDocuments();
        var attachment = await FindAttachmentAsync(access.Id, attachmentId, cancellationToken);
        var stream = await files.OpenAsync(attachment.StorageKey, cancellationToken) ?? throw new NotFoundException("file", attachmentId);
        return (attachment, stream);
    }

    public async Task DeleteAttachmentAsync(SystemAccess access, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        RequireEditable(access);
        var attachment = await FindAttachmentAsync(access.Id, attachmentId, cancellationToken);
        db.Attachments.Remove(attachment);
        await writer.SaveAsync(cancellationToken);
        await files.DeleteAsync(attachment.StorageKey, cancellationToken);
    }

    public const int MaxDueDays = 366;

    /// <summary>Risk reviews due within <paramref name="days"/> days or overdue, for the actor's organisations (all, for supervisors and admins).</summary>
    public async Task<IReadOnlyList<DueReview>> DueListAsync(Actor actor, int days = 30, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (days is < 0 or > MaxDueDays)
        {
            var errors = new FieldErrors();
            errors.Add("days", "days-range", "must be between {0} and {1}", 0, MaxDueDays);
            errors.ThrowIfAny();
        }

        var today = DateOnly.FromDateTime(Now);
        var horizon = today.AddDays(days);
        var organisations = actor.Allows(Scopes.Read) ? actor.Memberships.Keys.ToList() : [];
        var everyone = actor.IsSupervisor || actor.IsAdmin;
        var rows = await db.Documents.AsNoTracking()
            .Where(d => d.NextReviewDate != null && d.NextReviewDate <= horizon)
            .Join(db.Systems.AsNoTracking(), d => d.SystemId, s => s.Id, (d, s) => new { d.DocumentId, d.LastReviewDate, d.NextReviewDate, System = s })
            .Join(db.Organisations.AsNoTracking(), x => x.System.OrganisationId, o => o.Id, (x, o) => new { x.DocumentId, x.LastReviewDate, x.NextReviewDate, x.System, Organisation = o.Name, o.DeletedAt })
            .Where(x => x.DeletedAt == null && x.System.Status != SystemStatus.Removed && x.System.Status != SystemStatus.Withdrawn
                && (everyone || organisations.Contains(x.System.OrganisationId)))
            .OrderBy(x => x.NextReviewDate).ThenBy(x => x.System.SortName)
            .Take(500)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new DueReview(r.System, r.Organisation, r.DocumentId, r.LastReviewDate, r.NextReviewDate!.Value, r.NextReviewDate < today))];
    }

    private async Task<Attachment> FindAttachmentAsync(Guid systemId, Guid attachmentId, CancellationToken cancellationToken) =>
        await db.Attachments.Join(db.Documents, a => a.SystemDocumentId, d => d.Id, (a, d) => new { a, d.SystemId })
            .Where(x => x.a.Id == attachmentId && x.SystemId == systemId).Select(x => x.a).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("file", attachmentId);

    private static void RequireEditable(SystemAccess access)
    {
        access.RequireEditor("documentation");
        access.RequireEditable();
    }

    /// <summary>Checks magic numbers, so a renamed executable is not stored as a PDF.</summary>
    internal static bool ContentMatches(string extension, ReadOnlySpan<byte> bytes)
    {
        static bool StartsWith(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix) => data.Length >= prefix.Length && data[..prefix.Length].SequenceEqual(prefix);
        return extension.ToLowerInvariant() switch
        {
            ".pdf" => StartsWith(bytes, "%PDF-"u8),
            ".png" => StartsWith(bytes, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ".jpg" or ".jpeg" => StartsWith(bytes, [0xFF, 0xD8, 0xFF]),
            ".docx" or ".xlsx" or ".odt" => StartsWith(bytes, "PK\u0003\u0004"u8),
            ".txt" or ".csv" or ".json" => IsText(bytes),
            _ => false,
        };
    }

    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new System.Text.UTF8Encoding(false, true).GetString(bytes);
            return !bytes.Contains((byte)0);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
    }
}
