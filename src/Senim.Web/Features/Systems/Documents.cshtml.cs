namespace Senim.Web.Features.Systems;

/// <summary>The documentation the current classification requires, each document with its progress.</summary>
public sealed class DocumentsModel(SystemService systems, ClassificationService classifications, DocumentService documents) : SystemPage
{
    public AiSystem? System { get; private set; }

    public Classification? Current { get; private set; }

    public IReadOnlyList<DocumentProgress> Documents { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var actor = await ActorAsync();
        try
        {
            var access = await systems.OpenAsync(actor, id, SystemPurpose.Read, HttpContext.RequestAborted);
            System = access.System;
            CanEdit = access.CanChangeNow;
            Current = await classifications.CurrentAsync(access, HttpContext.RequestAborted);
            Documents = await documents.RequirementsAsync(access, HttpContext.RequestAborted);
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }
}
