using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Audits;
using Senim.Web.Tests.Review;

namespace Senim.Web.Tests.Audits;

/// <summary>
/// A finding's evidence file over the API (docs/incidents-and-audits.md): the auditor records a finding with a file in one
/// multipart request; those who may see the audit download it, byte for byte; anyone else finds nothing; a request from
/// someone who is not the auditor is refused before its fields are read, and a bad one leaves the audit as it was.
/// </summary>
public sealed class AuditEvidenceApiTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Form(string item, string result, int version, byte[]? file, string name = "minutes.pdf")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(item), "item" },
            { new StringContent(result), "result" },
            { new StringContent("Checked against the dataset register."), "note" },
            { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
        };
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, "evidence", name);
        }

        return form;
    }

    [Fact]
    public async Task The_auditor_records_a_finding_with_its_evidence_and_only_the_audits_readers_download_it()
    {
        var supervisor = await Demo.ActorAsync(factory, Demo.Supervisor);
        var system = await Demo.SystemAsync(factory, TrustedJourney.SystemName);
        var audit = await Demo.RunAsync(factory, sp =>
        {
            var today = DateOnly.FromDateTime(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(5));
            return sp.GetRequiredService<AuditService>().PlanAsync(supervisor, new AuditPlan(system.Id, null, "Data libraries.", today, today.AddDays(3), supervisor.UserId));
        });
        var item = await Demo.RunAsync(factory, sp => Task.FromResult(sp.GetRequiredService<AuditService>().Checklist().Items[0].Id));
        var pdf = "%PDF-1.4\n% audit minutes\n"u8.ToArray();
        var url = new Uri($"/api/v1/audits/{audit.Id}/findings/evidence", UriKind.Relative);

        // The owner's admin can read the audit but is not its auditor: refused, even with a malformed request.
        using var owner = await Demo.ApiAsync(factory, Demo.BankOwner, "read", "write");
        using (var refused = await owner.PostAsync(url, Form(item, "maybe", audit.Version, pdf), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // The auditor: a bad result is a field error and nothing is recorded; then the finding with its file.
        using var auditor = await Demo.ApiAsync(factory, Demo.Supervisor, "read", "supervise");
        using (var bad = await auditor.PostAsync(url, Form(item, "maybe", audit.Version, pdf), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("\"result\"", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var recorded = await auditor.PostAsync(url, Form(item, "met", audit.Version, pdf), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        var read = JsonDocument.Parse(await auditor.GetStringAsync(new Uri($"/api/v1/audits/{audit.Id}", UriKind.Relative), Ct)).RootElement;
        var finding = read.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("item").GetString() == item).GetProperty("finding");
        Assert.Equal(("minutes.pdf", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf))),
            (finding.GetProperty("evidence_name").GetString(), finding.GetProperty("evidence_sha256").GetString()));
        Assert.Equal(audit.Version + 1, read.GetProperty("audit").GetProperty("version").GetInt32());

        // The owner downloads it byte for byte; another organisation and an expert outside the audit find nothing.
        var evidence = new Uri($"/api/v1/audits/{audit.Id}/findings/{item}/evidence", UriKind.Relative);
        Assert.Equal(pdf, await owner.GetByteArrayAsync(evidence, Ct));
        using var expert = await Demo.ApiAsync(factory, Demo.Expert1, "read");
        using (var hidden = await expert.GetAsync(evidence, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var none = await owner.GetAsync(new Uri($"/api/v1/audits/{audit.Id}/findings/astrology/evidence", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }
    }
}
