namespace Senim.Web.Features.AdminLaw;

/// <summary>
/// /admin/law: the law sets (active, staged, earlier) and the upload of a new law folder as a zip. A valid
/// upload becomes the staged set and opens its review page; a refused one lists every problem.
/// </summary>
[Authorize]
public sealed class IndexModel(LawUpdateService law) : RegistryPage
{
    public IReadOnlyList<LawSetSummary> Sets { get; private set; } = [];

    /// <summary>Every problem of a refused upload (pack errors with file, line and id; zip problems).</summary>
    public IReadOnlyList<FieldError> UploadErrors { get; private set; } = [];

    public bool Authorised { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(null);

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        LawSetSummary staged;
        try
        {
            var actor = await ActorAsync();
            LawUpdateService.RequireAdmin(actor);
            if (file is null || file.Length == 0)
            {
                throw Invalid.Field("file", "zip-empty", "choose a .zip file of a law folder");
            }

            await using var zip = file!.OpenReadStream();
            staged = await law.StageAsync(actor, zip, HttpContext.RequestAborted);
        }
        catch (ValidationException invalid)
        {
            UploadErrors = invalid.Errors;
            return await ShowAsync(invalid);
        }
        catch (RegistryException ex)
        {
            return await ShowAsync(ex);
        }

        Notice = Texts.Format("adminlaw.notice.staged", Lang, staged.Label);
        return RedirectToPage("/AdminLaw/Set", new { setId = staged.Id });
    }

    private async Task<IActionResult> ShowAsync(RegistryException? refusal)
    {
        try
        {
            Sets = await law.ListAsync(await ActorAsync(), HttpContext.RequestAborted);
            Authorised = true;
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return refusal is null ? Page() : Refused(refusal);
    }
}
