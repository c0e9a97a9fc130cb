using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Services;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Systems;

/// <summary>Evidence files through the API and the document page: only files of an accepted type, size and content are kept.</summary>
public class EvidenceTests(SystemsFactory factory) : IClassFixture<SystemsFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<Guid> ClassifiedSystemAsync(HttpClient api, string name)
    {
        var (id, etag) = await SystemsApiTests.CreateAsync(factory, api, name);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/systems/{id}/classification") { Content = SystemsApiTests.Json(SystemsApiTests.KzAnswers()) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(request, Cancel)).StatusCode);
        return id;
    }

    private static MultipartFormDataContent File(string name, byte[] bytes, string contentType = "application/octet-stream")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private int StoredFiles() => Directory.Exists(factory.FilesRoot) ? Directory.EnumerateFiles(factory.FilesRoot, "*", SearchOption.AllDirectories).Count() : 0;

    private Task<int> Attachments(Guid systemId) =>
        factory.Db(db => db.Attachments.Join(db.Documents, a => a.SystemDocumentId, d => d.Id, (a, d) => d.SystemId).CountAsync(s => s == systemId, Cancel));

    [Theory]
    [InlineData("setup.exe", "file-type")]
    [InlineData("report.pdf", "file-content")]
    [InlineData("empty.pdf", "file-empty")]
    [InlineData("huge.pdf", "file-size")]
    public async Task An_upload_of_the_wrong_type_content_or_size_gets_400_and_nothing_is_stored(string name, string code)
    {
        var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var id = await ClassifiedSystemAsync(api, "Доказательства " + code);
        var bytes = code switch
        {
            "file-type" => [0x4D, 0x5A, 0x90, 0x00, 0x03],
            "file-content" => "MZ\u0090 definitely not a PDF"u8.ToArray(),
            "file-empty" => [],
            _ => [.. Pdf, .. new byte[DocumentService.MaxAttachmentBytes]],
        };
        var before = StoredFiles();
        var response = await api.PostAsync($"/api/v1/systems/{id}/documents/kz.doc.risk/attachments", File(name, bytes, "application/pdf"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var error = problem.GetProperty("errors")[0];
        Assert.Equal(("file", code), (error.GetProperty("path").GetString(), error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(before, StoredFiles());
        Assert.Equal(0, await Attachments(id));
    }

    [Fact]
    public async Task A_valid_file_is_stored_with_its_hash_downloaded_unchanged_and_deleted_completely()
    {
        var api = await factory.ApiAsync(SystemsApiTests.Editor);
        var id = await ClassifiedSystemAsync(api, "Доказательства (PDF)");
        var before = StoredFiles();
        var created = await api.PostAsync($"/api/v1/systems/{id}/documents/kz.doc.risk/attachments", File("risk assessment.pdf", Pdf, "application/pdf"), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var attachment = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), attachment.GetProperty("sha256").GetString());
        Assert.Equal(before + 1, StoredFiles());

        var supervisor = await factory.ApiAsync("supervisor@demo.senim.kz");
        var download = await supervisor.GetAsync(created.Headers.Location, Cancel);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync(created.Headers.Location, Cancel)).StatusCode);

        var document = await api.GetFromJsonAsync<JsonElement>($"/api/v1/systems/{id}/documents/kz.doc.risk", Cancel);
        Assert.Equal("risk assessment.pdf", document.GetProperty("attachments")[0].GetProperty("file_name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(created.Headers.Location, Cancel)).StatusCode);
        Assert.Equal(before, StoredFiles());
        Assert.Equal(0, await Attachments(id));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(created.Headers.Location, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Far_larger_uploads_still_get_a_message_and_bodies_beyond_the_request_limit_get_413()
    {
        var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var id = await ClassifiedSystemAsync(api, "Очень большие файлы");
        var url = $"/api/v1/systems/{id}/documents/kz.doc.risk/attachments";
        var before = StoredFiles();
        var twenty = await api.PostAsync(url, File("scan.pdf", [.. Pdf, .. new byte[20 * 1024 * 1024]], "application/pdf"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, twenty.StatusCode);
        Assert.Equal("file-size", (await twenty.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors")[0].GetProperty("code").GetString());
        var forty = await api.PostAsync(url, File("scan.pdf", [.. Pdf, .. new byte[40 * 1024 * 1024]], "application/pdf"), Cancel);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, forty.StatusCode);
        Assert.Equal("application/problem+json", forty.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, StoredFiles());
        Assert.Equal(0, await Attachments(id));
    }

    [Fact]
    public async Task Uploads_that_are_not_multipart_or_have_no_file_are_refused()
    {
        var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var id = await ClassifiedSystemAsync(api, "Не multipart");
        var url = $"/api/v1/systems/{id}/documents/kz.doc.risk/attachments";
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await api.PostAsync(url, new ByteArrayContent(Pdf), Cancel)).StatusCode);
        var noFile = await api.PostAsync(url, new MultipartFormDataContent { { new StringContent("x"), "note" } }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("file-missing", (await noFile.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(0, await Attachments(id));

        foreach (var broken in new[] { "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4", "garbage without any boundary" })
        {
            var malformed = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(broken));
            malformed.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");
            var response = await api.PostAsync(url, malformed, Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await Attachments(id));
    }

    [Fact]
    public async Task The_document_page_uploads_lists_and_deletes_files_and_keeps_unsaved_text()
    {
        var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var id = await ClassifiedSystemAsync(api, "Страница доказательств");
        var browser = await factory.BrowserAsync(SystemsApiTests.Owner);
        var url = $"/systems/{id}/documents/kz.doc.risk";
        var page = await Browser.Get(browser, url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(".pdf,.png,.jpg,.jpeg,.txt,.csv,.json,.docx,.xlsx,.odt", page.Document.QuerySelector("input[type=file]")!.GetAttribute("accept"));
        Assert.Contains("10", page.Document.QuerySelector("#file-help")!.TextContent, StringComparison.Ordinal);

        var before = StoredFiles();
        var refused = await Forms.SubmitAsync(browser, page, "form.document-form", "upload",
            [new("section:identification", "Typed but not saved yet.")], ("file", "tool.exe", [0x4D, 0x5A, 0x00, 0x01], "application/x-msdownload"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var error = refused.Document.QuerySelector("#file-error")!;
        Assert.Contains(".exe", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("file-error", refused.Document.QuerySelector("#file")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("Typed but not saved yet.", refused.Document.QuerySelector("#section-identification")!.TextContent);
        Assert.Equal(before, StoredFiles());

        // Over the 10 MB limit, and over the host's default 12 MB request limit too: still a message, not an error page.
        var big = await Forms.SubmitAsync(browser, page, "form.document-form", "upload", null, ("file", "scan.pdf", [.. Pdf, .. new byte[20 * 1024 * 1024]], "application/pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, big.Status);
        Assert.Contains("MB", big.Document.QuerySelector("#file-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, StoredFiles());

        var uploaded = await Forms.SubmitAsync(browser, page, "form.document-form", "upload",
            [new("section:identification", "Typed but not saved yet.")], ("file", "assessment.pdf", Pdf, "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, uploaded.Status);
        Assert.Contains("assessment.pdf", uploaded.Document.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(uploaded.Document.QuerySelector(".alert.warn")); // the typed text still needs saving
        Assert.Equal("Typed but not saved yet.", uploaded.Document.QuerySelector("#section-identification")!.TextContent);
        var row = uploaded.Document.QuerySelector("table.files tbody tr")!;
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), row.TextContent, StringComparison.Ordinal);
        Assert.Equal(before + 1, StoredFiles());

        // The first upload created the document: the form moved to its version, so the typed text saves.
        var saved = await Forms.SubmitAsync(browser, uploaded, "form.document-form", "save");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("Typed but not saved yet.", saved.Document.QuerySelector("#section-identification")!.TextContent);
        var download = await browser.GetAsync(row.QuerySelector("a")!.GetAttribute("href"), Cancel);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Cancel));

        var deleteValue = saved.Document.QuerySelector("table.files button[name=action]")!.GetAttribute("value")!;
        var deleted = await Forms.SubmitAsync(browser, saved, "form.document-form", deleteValue);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Null(deleted.Document.QuerySelector("table.files"));
        Assert.Equal(before, StoredFiles());
        Assert.Equal(0, await Attachments(id));
    }
}
