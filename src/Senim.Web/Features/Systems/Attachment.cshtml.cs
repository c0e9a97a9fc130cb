using Microsoft.Net.Http.Headers;

namespace Senim.Web.Features.Systems;

/// <summary>Downloads an evidence file, for whoever may see the system; always as a download, never rendered inline.</summary>
public sealed class AttachmentModel(SystemService systems, DocumentService documents) : SystemPage
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId)
    {
        try
        {
            var access = await systems.OpenAsync(await ActorAsync(), id, SystemPurpose.Read, HttpContext.RequestAborted);
            var (attachment, content) = await documents.OpenAttachmentAsync(access, attachmentId, HttpContext.RequestAborted);
            Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            Response.Headers.ETag = "\"" + attachment.Sha256 + "\"";
            return File(content, attachment.ContentType, attachment.FileName);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }
}
