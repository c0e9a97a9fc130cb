namespace Senim.Registry.Model;

/// <summary>One document of a system's documentation set, as a structured form: section id → Markdown text.</summary>
public sealed class SystemDocument
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    /// <summary>The pack's document id, e.g. kz.doc.risk.</summary>
    public string DocumentId { get; set; } = "";

    /// <summary>Section id → Markdown, as JSON.</summary>
    public string SectionsJson { get; set; } = "{}";

    /// <summary>For the risk-management document: when risks were last reviewed (Art. 18(1)(4)).</summary>
    public DateOnly? LastReviewDate { get; set; }

    /// <summary>When the next yearly review is due.</summary>
    public DateOnly? NextReviewDate { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }

    public int Version { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
}

/// <summary>An evidence file attached to a document; the bytes live in the file store.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }

    public Guid SystemDocumentId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public string StorageKey { get; set; } = "";

    public Guid UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}
