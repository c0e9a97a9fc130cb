using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Senim.Registry.Access;
using Senim.Registry.Services;

namespace Senim.Web.Features.Systems;

/// <summary>Downloads an evidence file, for whoever may see the system; always as a download, never rendered inline.</summary>
public sealed class AttachmentModel(DocumentService documents) : SystemPage
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId)
    {
        try
        {
            var (attachment, content) = await documents.OpenAttachmentAsync(await ActorAsync(), id, attachmentId, HttpContext.RequestAborted);
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
