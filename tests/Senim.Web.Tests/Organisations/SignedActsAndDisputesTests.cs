using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Senim.Registry.Model;
using Senim.Web.Features.Organisations;
using Senim.Web.Infrastructure.Hosting;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Organisations;

/// <summary>
/// Signed acts (a supervisor's decision signed over a challenge naming it; its hash in the public log entry), what an
/// unverified organisation may not do over the API, the supervisory body's verification and the BIN dispute on the
/// pages without JavaScript, and the signature settings that stop the host.
/// </summary>
public sealed class SignedActsAndDisputesTests(SignatureFactory factory) : IClassFixture<SignatureFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Body(params (string Name, object? Value)[] fields) => SignatureFactory.Body(fields);

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => SignatureFactory.JsonAsync(response);

    [Fact]
    public async Task A_signed_decision_keeps_its_signature_and_the_log_entry_carries_its_hash()
    {
        var system = await Demo.SystemAsync(factory, "Certification exam proctoring");
        Assert.Equal(SystemStatus.Recommended, system.Status);
        var api = await Demo.ApiAsync(factory, Demo.Supervisor, "read", "supervise");
        var decision = new (string, object?)[] { ("decision", "register"), ("reasons", "The review found the documentation complete.") };

        var issued = await api.PostAsync(new Uri($"/api/v1/systems/{system.Id}/decision/challenge", UriKind.Relative), Body(decision), Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var challenge = await JsonAsync(issued);
        var text = challenge.GetProperty("text").GetString()!;
        Assert.Contains("purpose: act-signature", text, StringComparison.Ordinal);
        Assert.Contains($"/decision/v{system.Version}", text, StringComparison.Ordinal);

        // The act sent must be the act signed: another reason is refused, and nothing changes.
        var signature = WebPki.SignBase64("individual", text);
        var changed = await Post(api, system.Id, [("decision", "register"), ("reasons", "Something else."), ("version", system.Version), ("challenge_id", challenge.GetProperty("id").GetGuid()), ("signature", signature)]);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("act-changed", (await JsonAsync(changed)).GetProperty("code").GetString());
        var unsigned = await Post(api, system.Id, [.. decision, ("version", system.Version), ("challenge_id", challenge.GetProperty("id").GetGuid())]);
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);

        var decided = await Post(api, system.Id, [.. decision, ("version", system.Version), ("challenge_id", challenge.GetProperty("id").GetGuid()), ("signature", signature)]);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var signatures = await JsonAsync(await api.GetAsync(new Uri($"/api/v1/systems/{system.Id}/act-signatures", UriKind.Relative), Ct));
        var kept = Assert.Single(signatures.EnumerateArray());
        Assert.Equal("decision", kept.GetProperty("act").GetString());
        Assert.Contains("ТЕСТОВ", kept.GetProperty("signer_name").GetString(), StringComparison.Ordinal);
        var hash = kept.GetProperty("signature_sha256").GetString()!;

        var entry = await factory.DbAsync(db => db.LogEntries.AsNoTracking().Where(e => e.SystemId == system.Id && e.Kind == "registration").SingleAsync(Ct));
        Assert.Contains($"\"signature_sha256\":\"{hash}\"", Encoding.UTF8.GetString(entry.Data), StringComparison.Ordinal);
        var events = await JsonAsync(await factory.CreateClient().GetAsync(new Uri("/api/v1/log/events?kind=registration", UriKind.Relative), Ct));
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.TryGetProperty("signature_sha256", out var s) && s.GetString() == hash);

        // The case page shows it: signer, serial, time, check.
        using var browser = await Demo.BrowserAsync(factory, Demo.Supervisor);
        var page = await Page.Load(await browser.GetAsync(new Uri($"/supervision/{system.Id}", UriKind.Relative), Ct));
        var table = page.Document.QuerySelector("#act-signatures")!.TextContent;
        Assert.Contains(kept.GetProperty("certificate_serial").GetString()!, table, StringComparison.Ordinal);
        Assert.Contains(hash, table, StringComparison.Ordinal);
        Assert.True((await Demo.RunAsync(factory, sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Senim.Registry.Log.IntegrityCheck>(sp).RunAsync())).Ok);
    }

    [Fact]
    public async Task A_signed_enforcement_fine_covers_its_amount_and_its_log_entry_carries_the_signatures_hash()
    {
        var bank = await Demo.RunAsync(factory, sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Senim.Registry.Data.RegistryDb>(sp)
            .Organisations.Where(o => o.Name == "Demo Bank JSC").Select(o => o.Id).SingleAsync(Ct));
        var api = await Demo.ApiAsync(factory, Demo.Supervisor, "read", "supervise");
        var opened = await JsonAsync(await api.PostAsync(new Uri("/api/v1/enforcement", UriKind.Relative),
            Body(("origin", "monitoring"), ("organisation_id", bank), ("subject", "Deepfake advert without the AI label")), Ct));
        var id = opened.GetProperty("case").GetProperty("id").GetGuid();
        var today = DateTime.UtcNow.AddHours(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var fine = new (string, object?)[] { ("decision", "fine"), ("reasons", "An advert with a synthetic face was shown without the label (Art. 21)."), ("category", "small"), ("offence_date", today), ("version", 0) };

        // The challenge names the case's decision; what is signed includes the computed amount, as the fine's preview gives it
        // (20 MCI for a small business, 50 when another test of this class decided against the bank first: a repeat).
        var preview = await JsonAsync(await api.GetAsync(new Uri($"/api/v1/enforcement/{id}/fine?category=small&offence_date={today}", UriKind.Relative), Ct));
        var amount = preview.GetProperty("amount").GetDecimal().ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(amount, new[] { "86500", "216250" });
        var issued = await api.PostAsync(new Uri($"/api/v1/enforcement/{id}/decision/challenge", UriKind.Relative), Body(fine), Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var challenge = await JsonAsync(issued);
        var text = challenge.GetProperty("text").GetString()!;
        Assert.Contains($"act: enforcement/{id:N}/decision/v0", text, StringComparison.Ordinal);
        var content = await factory.DbAsync(db => db.SignatureChallenges.AsNoTracking().Where(c => c.Id == challenge.GetProperty("id").GetGuid()).Select(c => c.ActContent).SingleAsync(Ct));
        Assert.Contains($"\"fine_amount_kzt\":\"{amount}\"", content, StringComparison.Ordinal);
        var signature = WebPki.SignBase64("individual", text);
        var challengeId = challenge.GetProperty("id").GetGuid();

        // Another category is another amount: not the act signed, refused, nothing decided.
        var other = await api.PostAsync(new Uri($"/api/v1/enforcement/{id}/decision", UriKind.Relative),
            Body([.. fine.Select(f => f.Item1 == "category" ? ("category", (object?)"large") : f), ("challenge_id", challengeId), ("signature", signature)]), Ct);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("act-changed", (await JsonAsync(other)).GetProperty("code").GetString());
        Assert.Equal(0, await factory.DbAsync(db => db.EnforcementDecisions.CountAsync(d => d.CaseId == id, Ct)));

        var decided = await api.PostAsync(new Uri($"/api/v1/enforcement/{id}/decision", UriKind.Relative), Body([.. fine, ("challenge_id", challengeId), ("signature", signature)]), Ct);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var kept = await factory.DbAsync(db => db.ActSignatures.AsNoTracking().SingleAsync(a => a.CaseId == id, Ct));
        Assert.Equal(ChallengeUse.EnforcementDecision, kept.Act);
        var decisionId = await factory.DbAsync(db => db.EnforcementDecisions.AsNoTracking().Where(d => d.CaseId == id).Select(d => d.Id).SingleAsync(Ct));
        var entry = await factory.DbAsync(db => db.LogEntries.AsNoTracking().SingleAsync(e => e.EventId == decisionId, Ct));
        Assert.Equal(EnforcementDecision.FineKind, entry.Kind);
        Assert.Contains($"\"signature_sha256\":\"{kept.CmsSha256}\"", Encoding.UTF8.GetString(entry.Data), StringComparison.Ordinal);

        // The same signature cannot decide twice; the case page lists the signature; the register still verifies.
        using var browser = await Demo.BrowserAsync(factory, Demo.Supervisor);
        var page = await Page.Load(await browser.GetAsync(new Uri($"/enforcement/{id}", UriKind.Relative), Ct));
        Assert.Contains(kept.CertificateSerial, page.Document.QuerySelector("#act-signatures")!.TextContent, StringComparison.Ordinal);
        Assert.True((await Demo.RunAsync(factory, sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Senim.Registry.Log.IntegrityCheck>(sp).RunAsync())).Ok);
    }

    [Fact]
    public async Task The_enforcement_case_page_fixes_a_decision_for_signing_without_JavaScript_and_keeps_it_after_a_bad_signature()
    {
        var bank = await Demo.RunAsync(factory, sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Senim.Registry.Data.RegistryDb>(sp)
            .Organisations.Where(o => o.Name == "Demo Bank JSC").Select(o => o.Id).SingleAsync(Ct));
        var api = await Demo.ApiAsync(factory, Demo.Supervisor, "read", "supervise");
        var opened = await JsonAsync(await api.PostAsync(new Uri("/api/v1/enforcement", UriKind.Relative),
            Body(("origin", "monitoring"), ("organisation_id", bank), ("subject", "Chatbot without disclosure")), Ct));
        var id = opened.GetProperty("case").GetProperty("id").GetGuid();
        using var browser = await Demo.BrowserAsync(factory, Demo.Supervisor, "ru");
        var page = await Page.Load(await browser.GetAsync(new Uri($"/enforcement/{id}", UriKind.Relative), Ct));
        Assert.NotNull(page.Document.QuerySelector("#decide-fix"));

        // The "Fix for signing" button posts the decision form to its own handler (formaction), as a browser does.
        var form = page.Document.QuerySelector("#form-decide")!;
        form.SetAttribute("action", page.Document.QuerySelector("#decide-fix")!.GetAttribute("formaction")!);
        var fixedPage = await Senim.Web.Tests.Systems.Forms.SubmitAsync(browser, page, "#form-decide", null,
            [new("decision", "warning"), new("reasons", "Чат-бот не сообщал, что отвечает ИИ.")]);
        Assert.Equal(HttpStatusCode.OK, fixedPage.Status);
        var signed = fixedPage.Document.QuerySelector("#form-decide-signed")!;
        Assert.Contains("purpose: act-signature", signed.QuerySelector("#challenge-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Чат-бот не сообщал", signed.QuerySelector("#fixed-decision")!.TextContent, StringComparison.Ordinal);

        // A signature over something else is refused with the reason; the challenge stays on the page to sign again.
        var wrong = WebPki.SignBase64("individual", "not the challenge");
        var refused = await Senim.Web.Tests.Systems.Forms.SubmitAsync(browser, fixedPage, "#form-decide-signed", null, [new("signature_text", wrong)]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector("#signature-error"));
        Assert.NotNull(refused.Document.QuerySelector("#form-decide-signed #challenge-text"));
        Assert.Equal(0, await factory.DbAsync(db => db.EnforcementDecisions.CountAsync(d => d.CaseId == id, Ct)));

        // Signed as fixed: decided, and the signature is listed.
        var text = refused.Document.QuerySelector("#challenge-text")!.TextContent;
        var done = await Senim.Web.Tests.Systems.Forms.SubmitAsync(browser, refused, "#form-decide-signed", null, [new("signature_text", WebPki.SignBase64("individual", text))]);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.NotNull(done.Document.QuerySelector("#act-signatures"));
        Assert.Equal(EnforcementDecisionKind.Warning, await factory.DbAsync(db => db.EnforcementCases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Decision).SingleAsync(Ct)));
    }

    private static Task<HttpResponseMessage> Post(HttpClient api, Guid system, (string, object?)[] fields) =>
        api.PostAsync(new Uri($"/api/v1/systems/{system}/decision", UriKind.Relative), Body(fields), Ct);

    [Fact]
    public async Task An_unverified_organisation_cannot_publish_over_the_API_and_is_told_the_next_step()
    {
        var email = "publisher@test.kz";
        var organisation = await factory.UnverifiedOrganisationAsync(email, "080240000030", "Second Hospital");
        var owner = await Demo.ActorAsync(factory, email);
        var system = await Demo.RunAsync(factory, sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Senim.Registry.Services.SystemService>(sp)
            .CreateAsync(owner, organisation, new Senim.Registry.Services.SystemInput(null, "Фильтр", "Filter", null, "Фильтр", "Filter", null, "finance", OwnershipRole.Owner, null, UsageMode.Closed, null, null, null)));
        var api = await Demo.ApiAsync(factory, email, "read", "write");
        var refused = await api.PostAsync(new Uri($"/api/v1/systems/{system.Id}/publish", UriKind.Relative), Body(("version", system.Version)), Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Equal("organisation-unverified", problem.GetProperty("code").GetString());
        Assert.Contains("verif", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervisory_body_verifies_on_the_page_and_a_claimant_disputes_the_BIN_until_it_is_transferred()
    {
        // Two claims of one BIN: the first is verified by the supervisory body with evidence, on the page, without JavaScript.
        var first = await factory.UnverifiedOrganisationAsync("first@test.kz", "170340000013", "Retail Twin LLP");
        using var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor, "ru");
        var page = await Page.Load(await supervisor.GetAsync(new Uri($"/organisations/{first}/verification", UriKind.Relative), Ct));
        var refused = await SuperviseAsync(supervisor, page, "", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector("#reason-error"));
        Assert.NotNull(refused.Document.QuerySelector("#evidence-error"));
        var verified = await SuperviseAsync(supervisor, refused, "Проверено по выписке из реестра юридических лиц.", ("extract.pdf", "%PDF-1.4\n% evidence\n"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Equal(VerificationState.Supervisor, await factory.StateAsync(first));
        Assert.Contains("extract.pdf", verified.Document.QuerySelector("#evidence-table")!.TextContent, StringComparison.Ordinal);

        // The real company's record claims the same BIN: its admin sees who holds it and files a dispute with a statement.
        var second = await factory.UnverifiedOrganisationAsync("second@test.kz", "170340000013", "Retail Twin LLP (real)");
        using var claimant = await Demo.BrowserAsync(factory, "second@test.kz");
        var held = await Page.Load(await claimant.GetAsync(new Uri($"/organisations/{second}/verification", UriKind.Relative), Ct));
        Assert.Contains("Retail Twin LLP", held.Document.QuerySelector("#held-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var filed = await Demo.SubmitAsync(claimant, held, "form[action*='handler=Dispute']", [new("statement", "The extract from the state register names us as the holder.")]);
        Assert.Equal(HttpStatusCode.OK, filed.Status);
        var dispute = await factory.DbAsync(db => db.BinDisputes.AsNoTracking().SingleAsync(d => d.ClaimantId == second, Ct));

        // The supervisory body transfers the BIN on its list; the holder is unverified, the claimant verified, the log says so.
        var list = await Page.Load(await supervisor.GetAsync(new Uri("/supervision/disputes", UriKind.Relative), Ct));
        Assert.NotNull(list.Document.QuerySelector($"#dispute-{dispute.Id}"));
        var decided = await Demo.SubmitAsync(supervisor, list, $"#dispute-{dispute.Id} form", [new("decision", "transfer"), new("reason", "The state register names the claimant.")]);
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.Equal(VerificationState.Unverified, await factory.StateAsync(first));
        Assert.Equal(VerificationState.Supervisor, await factory.StateAsync(second));
        var transfer = await factory.DbAsync(db => db.LogEntries.AsNoTracking().SingleAsync(e => e.Kind == "bin-transfer", Ct));
        Assert.Equal(second, transfer.OrganisationId);
        var log = await Page.Load(await factory.CreateClient().GetAsync(new Uri("/log?kind=bin-transfer", UriKind.Relative), Ct));
        Assert.Contains("170340000013", log.Document.QuerySelector(".log-event-list")!.TextContent, StringComparison.Ordinal);

        // Not the supervisory body's: a claimant cannot see the list or decide.
        Assert.Equal(HttpStatusCode.Forbidden, (await Page.Load(await claimant.GetAsync(new Uri("/supervision/disputes", UriKind.Relative), Ct))).Status);
    }

    private static async Task<Page> SuperviseAsync(HttpClient browser, Page page, string reason, (string Name, byte[] Bytes)? evidence)
    {
        var form = page.Document.QuerySelector("form[action*='handler=Supervise']")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(reason), "reason" },
        };
        if (evidence is { } file)
        {
            content.Add(new ByteArrayContent(file.Bytes), "evidence", file.Name);
        }

        return await Page.Load(await browser.PostAsync(new Uri(new Uri(page.Document.Url), form.GetAttribute("action")), content, Ct));
    }

    [Fact]
    public void A_CRL_of_50_MB_or_a_file_that_is_no_certificate_stops_the_host_with_a_message_naming_it()
    {
        var folder = Directory.CreateTempSubdirectory("senim-bad-trust-").FullName;
        try
        {
            var crls = Directory.CreateDirectory(Path.Combine(folder, "crls")).FullName;
            using (var big = File.Create(Path.Combine(crls, "huge.crl")))
            {
                big.SetLength(50L * 1024 * 1024);
            }

            var options = new SignatureOptions { Anchors = Path.Combine(WebPki.Folder, "anchors"), Crls = crls, FetchCrls = false };
            var tooLarge = Assert.Throws<SettingsException>(() => SignatureHosting.Build(options, TimeProvider.System, NullLogger.Instance));
            Assert.Contains("huge.crl", tooLarge.Message, StringComparison.Ordinal);

            var anchors = Directory.CreateDirectory(Path.Combine(folder, "anchors")).FullName;
            File.WriteAllText(Path.Combine(anchors, "root.pem"), "not a certificate");
            var notCertificate = Assert.Throws<SettingsException>(() => SignatureHosting.Build(new SignatureOptions { Anchors = anchors }, TimeProvider.System, NullLogger.Instance));
            Assert.Contains("root.pem", notCertificate.Message, StringComparison.Ordinal);

            Assert.False(SignatureHosting.Build(new SignatureOptions(), TimeProvider.System, NullLogger.Instance).Available);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
