using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>A label certificate in the API.</summary>
public sealed record LabelCertificateResource(string Serial, string RegisterNumber, string Custody, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string State, DateTimeOffset? RevokedAt, string? RevocationReason, string ChainUrl)
{
    /// <summary>The certificate, with the generated address of its chain (GET /api/v1/systems/{id}/label-certificates/{serial}/chain).</summary>
    public static LabelCertificateResource Of(LabelCertificate certificate, Guid systemId, LinkGenerator links, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(links);
        var chain = links.GetPathByName(context, "GetLabelCertificateChain", new { id = systemId, serial = certificate.Serial })!;
        return new(certificate.Serial, certificate.RegisterNumber, certificate.Managed ? "managed" : "owner", certificate.NotBefore, certificate.NotAfter, certificate.State,
            certificate.RevokedAt, certificate.RevocationReason, chain);
    }
}

/// <summary>A certificate issued from a CSR, with the chain to install beside the owner's key.</summary>
public sealed record IssuedFromRequestResource(LabelCertificateResource Certificate, string ChainPem);

/// <summary>The body of POST /api/v1/systems/{id}/label-certificates.</summary>
public sealed record IssueCertificateBody(string? Custody, string? Csr);

/// <summary>
/// The answer of POST /api/v1/labels/verify: the verdict first, then the register's view and the C2PA details.
/// The texts (verdict, error, each status's explanation) are in the language the "language" field names.
/// </summary>
public sealed record LabelReportResource(
    string Verdict,
    string Severity,
    string Language,
    string VerdictTitle,
    string VerdictText,
    string ValidationState,
    string? RegisterNumber,
    LabelSystemResource? System,
    LabelSignerResource? Signer,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> FailureCodes,
    IReadOnlyList<LabelStatusResource> Statuses,
    IReadOnlyList<string> Notes,
    string? Error,
    string? ErrorText,
    int ManifestCount,
    string? Title,
    string? ClaimGenerator,
    IReadOnlyList<string> DigitalSourceTypes)
{
    public static LabelReportResource Of(LabelVerdict verdict, Uri baseUrl, UiText texts, Language language)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var report = verdict.Report;
        var active = report.Active;
        var (title, text) = LabelTexts.Verdict(verdict.Kind, texts, language);
        return new LabelReportResource(
            verdict.Code,
            verdict.Severity,
            language.Code(),
            title,
            text,
            report.State.ToString().ToLowerInvariant() switch { "nomanifest" => "no-manifest", var state => state },
            verdict.RegisterNumber,
            verdict.System is { } system ? LabelSystemResource.Of(system, baseUrl) : null,
            active?.Signer is { } signer ? new LabelSignerResource(signer.Subject, signer.Issuer, signer.SerialNumber, signer.NotBefore, signer.NotAfter, signer.SignedAt, signer.Algorithm) : null,
            verdict.Warnings,
            report.FailureCodes,
            [.. report.Statuses.Select(x => new LabelStatusResource(x.Code, x.Success, LabelTexts.Explain(x, report.Error, texts, language), x.Ingredient))],
            report.Notes,
            report.Error is { } error ? Senim.Labels.LabelErrors.Code(error) : null,
            report.Error is { } e ? LabelTexts.Error(e, texts, language) ?? (report.Problems.Count > 0 ? report.Problems[0].Explanation : null) : null,
            report.ManifestCount,
            active?.Title,
            active?.ClaimGenerator,
            active?.DigitalSourceTypes ?? []);
    }
}

/// <summary>The registered system a label names, as the public register shows it.</summary>
public sealed record LabelSystemResource(Guid Id, string RegisterNumber, LabelNames Name, string Organisation, string Status, string Url)
{
    public static LabelSystemResource Of(LabelSystem system, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new(system.Id, system.RegisterNumber, new LabelNames(system.NameKk, system.NameRu, system.NameEn), system.Organisation, system.Status.Code(), new Uri(baseUrl, "register/" + system.Id).AbsoluteUri);
    }
}

/// <summary>A name in the three languages.</summary>
public sealed record LabelNames(string? Kk, string? Ru, string? En);

/// <summary>The signer's certificate.</summary>
public sealed record LabelSignerResource(string Subject, string Issuer, string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset? SignedAt, string Algorithm);

/// <summary>One C2PA validation status, explained in the answer's language; <paramref name="Ingredient"/> names the ingredient assertion when the status concerns an ingredient's label.</summary>
public sealed record LabelStatusResource(string Code, bool Success, string Explanation, string? Ingredient);
