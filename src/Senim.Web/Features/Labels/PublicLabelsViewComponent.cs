using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>
/// The "Content labels" section of a public register entry: the badge publishers put beside the system's
/// content, and the certificates its labels are signed with (with their state, so a revoked one shows).
/// Renders nothing for a system without a register number.
/// </summary>
public sealed class PublicLabelsViewComponent(LabelCertificateService certificates) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? registerNumber)
    {
        if (registerNumber is null)
        {
            return Content("");
        }

        var list = await certificates.PublicListAsync(registerNumber, HttpContext.RequestAborted);
        return View("/Features/Labels/_PublicLabels.cshtml", new PublicLabelsView(registerNumber, list));
    }
}

/// <summary>What the public entry's label section shows.</summary>
/// <param name="RegisterNumber">The system's register number.</param>
/// <param name="Certificates">Its signing certificates, newest first.</param>
public sealed record PublicLabelsView(string RegisterNumber, IReadOnlyList<LabelCertificate> Certificates);
