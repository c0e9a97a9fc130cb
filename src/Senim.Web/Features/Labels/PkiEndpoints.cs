using Microsoft.EntityFrameworkCore;
using Senim.Notices;
using Senim.Registry.Data;
using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>
/// The addresses Senim's certificates name, which must keep working as long as the certificates live
/// (docs/authority.md): /pki/root.crt and /pki/issuing.crt (DER; .pem beside them), /pki/issuing.crl
/// and /pki/root.crl (DER CRLs), /register/KZ-AI-YYYY-NNNNNN (the subjectAltName, redirected to the
/// entry) and the publishers' badge /badge/KZ-AI-YYYY-NNNNNN.svg.
/// </summary>
public static class PkiEndpoints
{
    private const string CertificateCache = "public, max-age=86400";

    // A CRL changes at once after a revocation: clients may keep it five minutes.
    private const string CrlCache = "public, max-age=300, must-revalidate";

    public static IEndpointRouteBuilder MapPki(this IEndpointRouteBuilder app)
    {
        var pki = app.MapGroup("/pki").WithTags("Certificate authority").AllowAnonymous().RequireRateLimiting(SenimApp.PublicRateLimit);
        pki.MapGet("/root.crt", async (HttpContext context, LabelAuthority authority, CancellationToken ct) => Der(context, (await authority.GetAsync(ct)).Root.Der, "application/pkix-cert", CertificateCache))
            .Describe("GetRootCertificate", "Senim's label root CA certificate (DER): the trust anchor to configure.");
        pki.MapGet("/issuing.crt", async (HttpContext context, LabelAuthority authority, CancellationToken ct) => Der(context, (await authority.GetAsync(ct)).Issuing.Der, "application/pkix-cert", CertificateCache))
            .Describe("GetIssuingCertificate", "The issuing CA certificate (DER), named in every signer certificate's authorityInfoAccess.");
        pki.MapGet("/root.pem", async (HttpContext context, LabelAuthority authority, CancellationToken ct) => Text(context, (await authority.GetAsync(ct)).Root.ToPem(), CertificateCache))
            .Describe("GetRootCertificatePem", "Senim's label root CA certificate (PEM).");
        pki.MapGet("/issuing.pem", async (HttpContext context, LabelAuthority authority, CancellationToken ct) => Text(context, (await authority.GetAsync(ct)).Issuing.ToPem(), CertificateCache))
            .Describe("GetIssuingCertificatePem", "The issuing CA certificate (PEM).");
        pki.MapGet("/issuing.crl", async (HttpContext context, LabelAuthority authority, CancellationToken ct) => Crl(context, await authority.IssuingCrlAsync(ct)))
            .Describe("GetIssuingCrl", "The issuing CA's current CRL (DER): revoked and held signer certificates. Re-signed after every revocation.");
        pki.MapGet("/root.crl", async (HttpContext context, LabelAuthority authority, CancellationToken ct) => Crl(context, await authority.RootCrlAsync(ct)))
            .Describe("GetRootCrl", "The root's current CRL (DER).");

        app.MapGet("/register/{number:regex(^KZ-AI-\\d{{4}}-\\d{{6}}$)}", RegisterEntry)
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/badge/{number:regex(^KZ-AI-\\d{{4}}-\\d{{6}}$)}.svg", Badge)
            .AllowAnonymous()
            .RequireRateLimiting(SenimApp.PublicRateLimit)
            .WithTags("Content labels")
            .Describe("GetBadge", "An SVG badge for publishers: \"ЖИ · ИИ · AI\" and the register number; link it to /verify?system=NUMBER (the system page shows the snippet).");
        return app;
    }

    private static async Task<IResult> RegisterEntry(string number, RegistryDb db, LinkGenerator links, HttpContext context, CancellationToken cancellationToken)
    {
        var id = await db.Systems.AsNoTracking().Where(s => s.RegisterNumber == number && s.Listed).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? Results.Redirect(links.GetPathByPage(context, "/Register/Entry", values: new { id = found })!) : Results.NotFound();
    }

    private static async Task<IResult> Badge(string number, HttpContext context, RegistryDb db, CancellationToken cancellationToken)
    {
        if (!await db.Systems.AsNoTracking().AnyAsync(s => s.RegisterNumber == number && s.Listed, cancellationToken))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = CertificateCache;
        return Results.Text(BadgeSvg(number), "image/svg+xml; charset=utf-8");
    }

    /// <summary>A self-contained SVG (no script, no external font) with the same colours as the HTML badge (18.9:1).</summary>
    public static string BadgeSvg(string registerNumber)
    {
        var label = string.Join(" · ", NoticeTexts.All.Select(NoticeTexts.Abbreviation));
        var title = string.Join(" / ", NoticeTexts.All.Select(NoticeTexts.Headline)) + " · " + registerNumber;
        var width = 14 + (label.Length * 8) + 16 + (registerNumber.Length * 7) + 14;
        var split = 14 + (label.Length * 8) + 8;
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="28" viewBox="0 0 {width} 28" role="img" aria-label="{System.Net.WebUtility.HtmlEncode(title)}">
            <title>{System.Net.WebUtility.HtmlEncode(title)}</title>
            <rect width="{width}" height="28" rx="4" fill="{HtmlBadge.Background}"/>
            <g fill="{HtmlBadge.Foreground}" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="13" font-weight="bold">
            <text x="12" y="19">{label}</text>
            <text x="{split + 8}" y="19" font-weight="normal">{registerNumber}</text>
            </g>
            <rect x="{split}" y="6" width="1" height="16" fill="{HtmlBadge.Foreground}" opacity="0.6"/>
            </svg>
            """);
    }

    private static IResult Der(HttpContext context, byte[] der, string contentType, string cache)
    {
        context.Response.Headers.CacheControl = cache;
        return Results.Bytes(der, contentType);
    }

    private static IResult Text(HttpContext context, string pem, string cache)
    {
        context.Response.Headers.CacheControl = cache;
        return Results.Text(pem, "application/x-pem-file");
    }

    private static IResult Crl(HttpContext context, Senim.Authority.PublishedCrl crl)
    {
        context.Response.Headers.CacheControl = CrlCache;
        context.Response.Headers.LastModified = crl.ThisUpdate.ToString("R", CultureInfo.InvariantCulture);
        context.Response.Headers.Expires = crl.NextUpdate.ToString("R", CultureInfo.InvariantCulture);
        return Results.Bytes(crl.Der, "application/pkix-crl");
    }
}
