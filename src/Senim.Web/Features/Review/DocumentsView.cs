using Senim.Registry.Services;

namespace Senim.Web.Features.Review;

/// <summary>The documents partial's model: the documents and where an attachment downloads from (its id is appended).</summary>
public sealed record DocumentsView(IReadOnlyList<DocumentProgress> Documents, string AttachmentUrl);
