namespace Senim.Web.Features.Systems;

// What the system pages' partials render.

/// <summary>What the record's fields partial renders: the values and the field errors (already in the reader's language).</summary>
public sealed record SystemFieldsView(SystemForm Form, IReadOnlyDictionary<string, string> Errors);

/// <summary>The heading of every system page: where it sits, its title, its status, and the system's sub-pages.</summary>
/// <param name="Current">overview, edit, classify, documents or history.</param>
public sealed record SystemHeaderView(AiSystem System, string Title, string Current, bool CanEdit);

/// <summary>What the documentation list renders: each required document with its progress.</summary>
public sealed record DocumentListView(Guid SystemId, IReadOnlyList<DocumentProgress> Documents);

/// <summary>What the diff partial renders: the fields that differ, old and new values.</summary>
public sealed record DiffView(IReadOnlyList<FieldDifference> Changes);

/// <summary>What the evidence-file list renders; <paramref name="CanDelete"/> adds delete buttons (inside the document's form).</summary>
public sealed record AttachmentsView(Guid SystemId, IReadOnlyList<Attachment> Attachments, bool CanDelete);
