using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>
/// A system's label-signing certificates (/systems/{id}/labels): list them, ask for one with a key Senim
/// holds, or upload a certificate signing request and take the chain.
/// </summary>
[Authorize]
public sealed class CertificatesModel(LabelCertificateService certificates) : RegistryPage
{
    /// <summary>The largest CSR upload.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    public AiSystem? System { get; private set; }

    public IReadOnlyList<LabelCertificate> Certificates { get; private set; } = [];

    /// <summary>The chain of a certificate just issued from a CSR, to copy.</summary>
    public string? IssuedChain { get; private set; }

    /// <summary>The CSR text typed into the form, shown again after a refusal.</summary>
    public string? TypedRequest { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            await LoadAsync(id);
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    public async Task<IActionResult> OnPostManagedAsync(Guid id)
    {
        try
        {
            var issued = await certificates.IssueManagedAsync(await ActorAsync(), id, HttpContext.RequestAborted);
            Notice = Texts.Format("labels.certificates.issued", Lang, issued.Serial);
            return RedirectToPage("/Labels/Certificates", new { id });
        }
        catch (RegistryException ex)
        {
            return await RefusedWithListAsync(id, ex);
        }
    }

    public async Task<IActionResult> OnPostRequestAsync(Guid id, IFormFile? file, string? pem)
    {
        TypedRequest = pem is { Length: <= MaxRequestBytes } ? pem : null;
        try
        {
            byte[] request;
            if (file is { Length: > 0 })
            {
                if (file.Length > MaxRequestBytes)
                {
                    throw new ValidationException([new FieldError("csr", "csr-invalid", "The certificate signing request was refused: {0}", ["it is larger than 64 KiB"])]);
                }

                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, HttpContext.RequestAborted);
                request = buffer.ToArray();
            }
            else
            {
                request = global::System.Text.Encoding.UTF8.GetBytes(pem ?? "");
            }

            var (_, chain) = await certificates.IssueFromRequestAsync(await ActorAsync(), id, request, HttpContext.RequestAborted);
            IssuedChain = chain;
            TypedRequest = null;
            await LoadAsync(id);
            return Page();
        }
        catch (RegistryException ex)
        {
            return await RefusedWithListAsync(id, ex);
        }
    }

    private async Task LoadAsync(Guid id)
    {
        var (system, list) = await certificates.ListAsync(await ActorAsync(), id, HttpContext.RequestAborted);
        System = system;
        Certificates = list;
    }

    private async Task<IActionResult> RefusedWithListAsync(Guid id, RegistryException refusal)
    {
        try
        {
            await LoadAsync(id);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Refused(refusal);
    }
}
