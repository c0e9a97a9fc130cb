namespace Senim.Web.Features.CaseParts;

/// <summary>The documents partial's model: the documents and where an attachment downloads from (a generated link per file id).</summary>
public sealed record DocumentsView(IReadOnlyList<DocumentProgress> Documents, Func<Guid, string?> AttachmentLink);
