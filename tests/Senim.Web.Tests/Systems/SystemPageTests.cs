using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Model;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Systems;

/// <summary>The system pages, driven as a browser without JavaScript drives them: plain form posts.</summary>
public class SystemPageTests(SystemsFactory factory) : IClassFixture<SystemsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, string ETag)> ClassifiedAsync(string name, bool high = false)
    {
        var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var (id, etag) = await SystemsApiTests.CreateAsync(factory, api, name);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/systems/{id}/classification") { Content = SystemsApiTests.Json(SystemsApiTests.KzAnswers(high)) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await api.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (id, response.Headers.ETag!.ToString());
    }

    private Task<AiSystem> StoredAsync(Guid id) => factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id, Cancel));

    /// <summary>Every visible input, select and textarea has a label; described-by ids exist; no page loads a script.</summary>
    private static void AssertAccessible(Page page)
    {
        var document = page.Document;
        Assert.Empty(document.QuerySelectorAll("script"));
        foreach (var field in document.QuerySelectorAll("main input, main select, main textarea"))
        {
            if (field is IHtmlInputElement { Type: "hidden" or "submit" })
            {
                continue;
            }

            var id = field.GetAttribute("id");
            Assert.False(string.IsNullOrEmpty(id), "a field without an id: " + field.OuterHtml);
            Assert.True(document.QuerySelector($"label[for='{id}']") is not null, "no label for #" + id);
        }

        foreach (var described in document.QuerySelectorAll("[aria-describedby]"))
        {
            foreach (var target in described.GetAttribute("aria-describedby")!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(document.GetElementById(target) is not null, $"aria-describedby points at a missing #{target}");
            }
        }
    }

    [Fact]
    public async Task A_system_is_created_from_the_form_and_its_page_says_what_to_do_next()
    {
        var browser = await factory.BrowserAsync(SystemsApiTests.Editor);
        var bank = await factory.OrganisationAsync("Demo Bank JSC");
        var list = await Browser.Get(browser, "/systems");
        var add = list.Document.QuerySelectorAll("a.button").First(a => a.GetAttribute("href") == $"/organisations/{bank.Id}/systems/new");
        var form = await Browser.Get(browser, add.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        AssertAccessible(form);
        Assert.Equal(Sectors.All.Count + 1, form.Document.QuerySelectorAll("#sector option").Length);

        var created = await Forms.SubmitAsync(browser, form, "form.record-form", null,
        [
            new("name_kk", "Несие скорингі"), new("name_ru", "Кредитный скоринг (форма)"), new("name_en", "Credit scoring (form)"),
            new("purpose_ru", "Оценка кредитоспособности"), new("sector", "finance"), new("role", "holder"), new("mode", "closed"),
            new("description", "Line one.\nLine two."), new("user_agreement_url", "https://bank.example/terms"),
        ]);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Matches("/systems/[0-9a-f-]{36}$", created.Document.Url);
        Assert.Contains("draft", created.Document.QuerySelector("[role=status]")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Кредитный скоринг (форма)", (await StoredAsync(Guid.Parse(created.Document.Url[^36..]))).NameRu);
        Assert.Contains("Classify the system", created.Document.QuerySelector(".next")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Holder", created.Document.QuerySelectorAll(".record div").First(d => d.QuerySelector("dt")!.TextContent.Contains("role", StringComparison.OrdinalIgnoreCase)).QuerySelector("dd")!.TextContent.Trim());
        Assert.NotNull(created.Document.QuerySelector($"a[href='/systems/{created.Document.Url[^36..]}/classify']"));
        AssertAccessible(created);
    }

    [Fact]
    public async Task An_invalid_form_is_shown_again_with_each_error_beside_its_field_and_nothing_is_stored()
    {
        var browser = await factory.BrowserAsync(SystemsApiTests.Owner);
        var bank = await factory.OrganisationAsync("Demo Bank JSC");
        var before = await factory.Db(db => db.Systems.CountAsync(Cancel));
        var form = await Browser.Get(browser, $"/organisations/{bank.Id}/systems/new");
        var refused = await Forms.SubmitAsync(browser, form, "form.record-form", null,
            [new("description", "Only a description."), new("sector", "space"), new("user_agreement_url", "javascript:alert(1)")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector("#problem[role=alert]"));
        foreach (var field in new[] { "name", "purpose", "sector", "user_agreement_url" })
        {
            Assert.NotNull(refused.Document.GetElementById(field + "-error"));
        }

        Assert.Contains("sector-error", refused.Document.GetElementById("sector")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("true", refused.Document.GetElementById("user_agreement_url")!.GetAttribute("aria-invalid"));
        Assert.Equal("Only a description.", refused.Document.GetElementById("description")!.TextContent);
        Assert.Equal("javascript:alert(1)", refused.Document.GetElementById("user_agreement_url")!.GetAttribute("value"));
        AssertAccessible(refused);
        Assert.Equal(before, await factory.Db(db => db.Systems.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_stale_edit_from_a_second_browser_shows_the_conflict_keeps_the_input_and_saves_nothing()
    {
        var (id, _) = await ClassifiedAsync("Два редактора");
        var first = await factory.BrowserAsync(SystemsApiTests.Owner);
        var second = await factory.BrowserAsync(SystemsApiTests.Editor);
        var firstForm = await Browser.Get(first, $"/systems/{id}/edit");
        var secondForm = await Browser.Get(second, $"/systems/{id}/edit");
        AssertAccessible(firstForm);

        var saved = await Forms.SubmitAsync(second, secondForm, "form.record-form", null, [new("description", "The editor's new description."), new("sector", "healthcare")]);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        var afterEditor = await StoredAsync(id);

        var conflict = await Forms.SubmitAsync(first, firstForm, "form.record-form", null, [new("name_ru", "Название владельца"), new("contact", "owner@bank.example")]);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        var alert = conflict.Document.QuerySelector("#problem[role=alert]")!;
        Assert.Contains("changed", alert.TextContent, StringComparison.OrdinalIgnoreCase);
        var changed = alert.QuerySelectorAll("table.diff tbody tr").Select(r => r.GetAttribute("data-field")).ToList();
        Assert.Equal(["description", "sector"], changed);
        Assert.Contains("The editor's new description.", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("Название владельца", conflict.Document.GetElementById("name_ru")!.GetAttribute("value"));
        Assert.Equal("owner@bank.example", conflict.Document.GetElementById("contact")!.GetAttribute("value"));
        Assert.Equal(afterEditor.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), conflict.Document.QuerySelector("input[name=version]")!.GetAttribute("value"));

        var stored = await StoredAsync(id);
        Assert.Equal((afterEditor.Version, afterEditor.NameRu, "healthcare"), (stored.Version, stored.NameRu, stored.Sector));

        // Having read what changed, saving again replaces it knowingly.
        var again = await Forms.SubmitAsync(first, conflict, "form.record-form", null);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("Название владельца", (await StoredAsync(id)).NameRu);
    }

    [Fact]
    public async Task The_wizard_reclassifies_from_the_stored_answers_and_the_history_shows_which_answers_changed()
    {
        var (id, _) = await ClassifiedAsync("Переклассификация");
        var browser = await factory.BrowserAsync(SystemsApiTests.Owner);
        var setup = await Browser.Get(browser, $"/systems/{id}/classify");
        Assert.Equal(HttpStatusCode.OK, setup.Status);
        Assert.True(((IHtmlInputElement)setup.Document.GetElementById("law-kz")!).IsChecked);
        Assert.Equal("yes", setup.Document.QuerySelector("input[name='a:kz.data.personal']")!.GetAttribute("value"));
        AssertAccessible(setup);

        var step = await Forms.SubmitAsync(browser, setup, "form.wizard", "goto:kz-230/kz.step.risk");
        Assert.Equal(HttpStatusCode.OK, step.Status);
        Assert.NotNull(step.Document.QuerySelector("input[name='a:kz.risk.significant'][value=users]"));
        AssertAccessible(step);
        var answered = await Forms.SubmitAsync(browser, step, "form.wizard", "next", [new("a:kz.risk.significant", "users")]);
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        var result = await Forms.SubmitAsync(browser, answered, "form.wizard", "result");
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.NotNull(result.Document.QuerySelector("section.result"));
        Assert.NotNull(result.Document.QuerySelector("button[value=save]"));

        var saved = await Forms.SubmitAsync(browser, result, "form.wizard", "save");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.EndsWith($"/systems/{id}", saved.Document.Url, StringComparison.Ordinal);
        Assert.Contains("no. 2", saved.Document.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await factory.Db(db => db.Classifications.CountAsync(c => c.SystemId == id, Cancel)));
        Assert.NotNull(saved.Document.QuerySelector("details.explanation section.result"));

        var history = await Browser.Get(browser, $"/systems/{id}/history");
        AssertAccessible(history);
        var rows = history.Document.QuerySelectorAll("table.versions tbody tr");
        Assert.Equal(["3", "2", "1"], rows.Select(r => r.GetAttribute("data-version")));
        Assert.Contains("Classified", rows[0].TextContent, StringComparison.Ordinal);
        var diff = await Browser.Get(browser, rows[0].QuerySelector("a")!.GetAttribute("href")!.Replace("?", $"/systems/{id}/history?", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, diff.Status);
        Assert.NotNull(diff.Document.QuerySelector("table.diff tr[data-field=classification]"));
        var answer = diff.Document.QuerySelector("table.answers tr[data-question='kz.risk.significant']")!;
        Assert.Contains("users", answer.QuerySelector("td.new")!.TextContent, StringComparison.OrdinalIgnoreCase);

        var missing = await Browser.Get(browser, $"/systems/{id}/history?from=1&to=99");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task A_stale_classification_keeps_the_answers_and_saves_nothing()
    {
        var (id, etag) = await ClassifiedAsync("Устаревшая классификация");
        var browser = await factory.BrowserAsync(SystemsApiTests.Owner);
        var setup = await Browser.Get(browser, $"/systems/{id}/classify");
        var result = await Forms.SubmitAsync(browser, setup, "form.wizard", "result");

        var api = await factory.ApiAsync(SystemsApiTests.Editor);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/systems/{id}") { Content = SystemsApiTests.Json(SystemsApiTests.Body(null, "Изменено между делом")) };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(put, Cancel)).StatusCode);

        var stale = await Forms.SubmitAsync(browser, result, "form.wizard", "save");
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("name_ru", stale.Document.QuerySelectorAll("#problem table.diff tr").Select(r => r.GetAttribute("data-field")));
        Assert.Equal("yes", stale.Document.QuerySelector("input[name='a:kz.data.personal']")!.GetAttribute("value"));
        Assert.Equal(1, await factory.Db(db => db.Classifications.CountAsync(c => c.SystemId == id, Cancel)));
        var again = await Forms.SubmitAsync(browser, stale, "form.wizard", "save");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(2, await factory.Db(db => db.Classifications.CountAsync(c => c.SystemId == id, Cancel)));
    }

    [Fact]
    public async Task Submitting_with_missing_documents_lists_them_and_changes_nothing_then_succeeds_once_complete()
    {
        var (id, _) = await ClassifiedAsync("Подача со страницы", high: true);
        var browser = await factory.BrowserAsync(SystemsApiTests.Owner);
        var hub = await Browser.Get(browser, $"/systems/{id}");
        AssertAccessible(hub);
        Assert.NotNull(hub.Document.QuerySelector("button[value=submit]"));
        Assert.Null(hub.Document.QuerySelector("button[value=publish]"));
        var progress = hub.Document.QuerySelectorAll("table.documents-table tbody tr");
        Assert.NotEmpty(progress);
        Assert.All(progress, row => Assert.Contains("0%", row.TextContent, StringComparison.Ordinal));

        var refused = await Forms.SubmitAsync(browser, hub, "form.action-form:has(button[value=submit])", "submit", [new("reason", "Please review.")]);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        var alert = refused.Document.QuerySelector("#problem[role=alert]")!;
        var links = alert.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/systems/{id}/documents/kz.doc.risk", links);
        Assert.Equal(progress.Length, links.Count);
        Assert.Equal("Please review.", refused.Document.GetElementById("reason-submit")!.TextContent);
        Assert.Equal(SystemStatus.Draft, (await StoredAsync(id)).Status);

        foreach (var link in links)
        {
            var document = await Browser.Get(browser, link!);
            var sections = document.Document.QuerySelectorAll("textarea").Select(t => new KeyValuePair<string, string>(t.GetAttribute("name")!, "Written for the review: " + t.GetAttribute("id"))).ToList();
            if (document.Document.GetElementById("last_review_date") is not null)
            {
                sections.Add(new("last_review_date", "2026-10-01"));
            }

            var saved = await Forms.SubmitAsync(browser, document, "form.document-form", "save", sections);
            Assert.Equal(HttpStatusCode.OK, saved.Status);
            Assert.NotNull(saved.Document.QuerySelector(".completeness .done"));
        }

        hub = await Browser.Get(browser, $"/systems/{id}");
        Assert.All(hub.Document.QuerySelectorAll("table.documents-table tbody tr"), row => Assert.Contains("100%", row.TextContent, StringComparison.Ordinal));
        var submitted = await Forms.SubmitAsync(browser, hub, "form.action-form:has(button[value=submit])", "submit");
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Equal(SystemStatus.Submitted, (await StoredAsync(id)).Status);
        Assert.NotNull(submitted.Document.QuerySelector("button[value=cancel]"));
        Assert.Null(submitted.Document.QuerySelector($"a[href='/systems/{id}/edit']"));
        Assert.Equal(HttpStatusCode.Conflict, (await Browser.Get(browser, $"/systems/{id}/edit")).Status);
    }

    [Fact]
    public async Task Removal_needs_a_reason_and_a_stale_action_is_refused_as_a_conflict()
    {
        var (id, _) = await ClassifiedAsync("Удаление");
        var browser = await factory.BrowserAsync(SystemsApiTests.Owner);
        var hub = await Browser.Get(browser, $"/systems/{id}");
        // A draft was never in the register: its removal is called discarding, in the page's language.
        var button = hub.Document.QuerySelector("form.action-form button[value=remove]")!.TextContent.Trim();
        Assert.Contains(button, new[] { "Discard the draft", "Удалить черновик", "Жобаны жою" });
        var noReason = await Forms.SubmitAsync(browser, hub, "form.action-form:has(button[value=remove])", "remove");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.NotNull(noReason.Document.GetElementById("reason-remove-error"));

        var api = await factory.ApiAsync(SystemsApiTests.Editor);
        var current = await StoredAsync(id);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/systems/{id}") { Content = SystemsApiTests.Json(SystemsApiTests.Body(null, "Changed in between")) };
        put.Headers.TryAddWithoutValidation("If-Match", $"W/\"v{current.Version}\"");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(put, Cancel)).StatusCode);

        var stale = await Forms.SubmitAsync(browser, hub, "form.action-form:has(button[value=remove])", "remove", [new("reason", "No longer used.")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal("No longer used.", stale.Document.GetElementById("reason-remove")!.TextContent);
        Assert.Equal(SystemStatus.Draft, (await StoredAsync(id)).Status);

        var removed = await Forms.SubmitAsync(browser, stale, "form.action-form:has(button[value=remove])", "remove");
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Equal(SystemStatus.Removed, (await StoredAsync(id)).Status);
    }

    [Fact]
    public async Task Markdown_is_previewed_without_running_any_html_and_a_stale_document_save_keeps_the_text()
    {
        var (id, _) = await ClassifiedAsync("Документ с разметкой");
        var first = await factory.BrowserAsync(SystemsApiTests.Owner);
        var second = await factory.BrowserAsync(SystemsApiTests.Editor);
        var url = $"/systems/{id}/documents/kz.doc.risk";
        var page = await Browser.Get(first, url);
        AssertAccessible(page);
        Assert.NotEmpty(page.Document.QuerySelectorAll(".required"));

        const string hostile = "**Risks** found:\n\n- data drift\n\n<script>alert('x')</script>\n<img src=x onerror=alert(1)>\n[link](javascript:alert(1))";
        var preview = await Forms.SubmitAsync(first, page, "form.document-form", "preview", [new("section:identification", hostile)]);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var rendered = preview.Document.QuerySelector(".preview .markdown")!;
        Assert.Equal("Risks", rendered.QuerySelector("strong")!.TextContent);
        Assert.Equal("data drift", rendered.QuerySelector("li")!.TextContent);
        Assert.Empty(preview.Document.QuerySelectorAll("script"));
        Assert.Null(rendered.QuerySelector("img"));
        Assert.DoesNotContain(rendered.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<script>", rendered.TextContent, StringComparison.Ordinal); // shown as text
        Assert.Equal(hostile, preview.Document.GetElementById("section-identification")!.TextContent.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(0, await factory.Db(db => db.Documents.CountAsync(d => d.SystemId == id, Cancel)));

        var theirs = await Forms.SubmitAsync(second, await Browser.Get(second, url), "form.document-form", "save", [new("section:identification", "The editor's risks.")]);
        Assert.Equal(HttpStatusCode.OK, theirs.Status);

        var stale = await Forms.SubmitAsync(first, preview, "form.document-form", "save");
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(hostile, stale.Document.GetElementById("section-identification")!.TextContent.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("The editor's risks.", stale.Document.GetElementById("section-identification-theirs")!.TextContent, StringComparison.Ordinal);
        var stored = await factory.Db(db => db.Documents.AsNoTracking().SingleAsync(d => d.SystemId == id, Cancel));
        Assert.Equal(1, stored.Version);
        Assert.Contains("The editor's risks.", stored.SectionsJson, StringComparison.Ordinal);

        var dates = await Forms.SubmitAsync(first, stale, "form.document-form", "save", [new("last_review_date", "2026-01-01"), new("next_review_date", "2028-01-01")]);
        Assert.Equal(HttpStatusCode.BadRequest, dates.Status);
        Assert.NotNull(dates.Document.GetElementById("next_review_date-error"));
        Assert.Equal(1, (await factory.Db(db => db.Documents.AsNoTracking().SingleAsync(d => d.SystemId == id, Cancel))).Version);
    }

    [Fact]
    public async Task Another_organisations_draft_is_not_found_on_every_page()
    {
        var (id, _) = await ClassifiedAsync("Черновик банка");
        var stranger = await factory.BrowserAsync(SystemsApiTests.Retail);
        var bank = await factory.OrganisationAsync("Demo Bank JSC");
        foreach (var url in new[]
        {
            $"/systems/{id}", $"/systems/{id}/edit", $"/systems/{id}/classify", $"/systems/{id}/history", $"/systems/{id}/history?from=1&to=2",
            $"/systems/{id}/documents", $"/systems/{id}/documents/kz.doc.risk", $"/systems/{id}/attachments/{Guid.NewGuid()}",
            $"/organisations/{bank.Id}/systems/new",
        })
        {
            Assert.True((await Browser.Get(stranger, url)).Status == HttpStatusCode.NotFound, url);
        }

        // Posting to them with a valid form of the stranger's own gets 404 as well, and changes nothing.
        var shop = await factory.Db(db => db.Systems.FirstAsync(s => s.NameEn == "Shop app recommender", Cancel));
        var ownForm = await Browser.Get(stranger, $"/systems/{shop.Id}/edit");
        var token = ownForm.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        foreach (var url in new[] { $"/systems/{id}", $"/systems/{id}/edit", $"/systems/{id}/classify", $"/systems/{id}/documents/kz.doc.risk" })
        {
            var response = await stranger.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token!), new("version", "2"), new("action", "remove"), new("reason", "x"), new("name_ru", "x")]), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, url + " " + response.StatusCode);
        }

        Assert.Equal((2, SystemStatus.Draft), ((await StoredAsync(id)).Version, (await StoredAsync(id)).Status));
        Assert.DoesNotContain(id.ToString(), (await Browser.Get(stranger, "/systems")).Document.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisors_and_admins_read_but_do_not_edit_and_signed_out_visitors_are_sent_to_sign_in()
    {
        var (id, _) = await ClassifiedAsync("Только чтение");
        foreach (var reader in new[] { "supervisor@demo.senim.kz", "admin@demo.senim.kz" })
        {
            var browser = await factory.BrowserAsync(reader);
            var hub = await Browser.Get(browser, $"/systems/{id}");
            Assert.Equal(HttpStatusCode.OK, hub.Status);
            Assert.Empty(hub.Document.QuerySelectorAll("form.action-form"));
            Assert.Null(hub.Document.QuerySelector($"a[href='/systems/{id}/edit']"));
            Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(browser, $"/systems/{id}/edit")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(browser, $"/systems/{id}/classify")).Status);
            var document = await Browser.Get(browser, $"/systems/{id}/documents/kz.doc.risk");
            Assert.Equal(HttpStatusCode.OK, document.Status);
            Assert.Null(document.Document.QuerySelector("form.document-form"));
        }

        var editor = await factory.BrowserAsync(SystemsApiTests.Editor);
        Assert.Equal(HttpStatusCode.OK, (await Browser.Get(editor, $"/systems/{id}/edit")).Status);

        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var url in new[] { $"/systems/{id}", "/systems", "/due" })
        {
            var response = await anonymous.GetAsync(url, Cancel);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_due_page_lists_overdue_and_coming_reviews_with_links_to_the_document()
    {
        var (overdue, _) = await ClassifiedAsync("Просрочено");
        var (soon, _) = await ClassifiedAsync("Скоро");
        var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (id, last, next) in new[] { (overdue, today.AddYears(-1).AddDays(-5), today.AddDays(-5)), (soon, today.AddMonths(-11), today.AddDays(12)) })
        {
            var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/systems/{id}/documents/kz.doc.risk") { Content = SystemsApiTests.Json($"{{\"last_review_date\": \"{Iso(last)}\", \"next_review_date\": \"{Iso(next)}\"}}") };
            put.Headers.TryAddWithoutValidation("If-Match", "W/\"v0\"");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(put, Cancel)).StatusCode);
        }

        var browser = await factory.BrowserAsync(SystemsApiTests.Editor);
        var page = await Browser.Get(browser, "/due");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertAccessible(page);
        var overdueRow = page.Document.QuerySelector($"table.due tr[data-system='{overdue}']")!;
        Assert.Contains("overdue", overdueRow.ClassName, StringComparison.Ordinal);
        Assert.Contains("5 days overdue", overdueRow.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/systems/{overdue}/documents/kz.doc.risk", overdueRow.QuerySelector("a")!.GetAttribute("href"));
        var soonRow = page.Document.QuerySelector($"table.due tr[data-system='{soon}']")!;
        Assert.Contains("due in 12 days", soonRow.TextContent, StringComparison.Ordinal);

        var narrow = await Browser.Get(browser, "/due?days=30");
        Assert.NotNull(narrow.Document.QuerySelector($"tr[data-system='{soon}']"));
        var hospital = await factory.BrowserAsync("hospital@demo.senim.kz");
        Assert.Null((await Browser.Get(hospital, "/due?days=180")).Document.QuerySelector($"tr[data-system='{overdue}']"));
    }

    [Fact]
    public async Task An_experts_change_request_is_shown_with_its_flagged_items_and_the_resubmit_action()
    {
        var cv = await factory.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.NameEn == "CV screening assistant", Cancel));
        Assert.Equal(SystemStatus.ChangesRequested, cv.Status);
        var browser = await factory.BrowserAsync(SystemsApiTests.Editor);
        var hub = await Browser.Get(browser, $"/systems/{cv.Id}");
        Assert.Equal(HttpStatusCode.OK, hub.Status);
        var request = hub.Document.QuerySelector(".change-request")!;
        Assert.Contains("bias test", request.QuerySelector(".message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("failure could harm candidates", request.QuerySelector("li")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["resubmit"], hub.Document.QuerySelectorAll("form.action-form button[name=action]").Select(b => b.GetAttribute("value")));
        Assert.NotNull(hub.Document.QuerySelector($"a[href='/systems/{cv.Id}/edit']"));
        AssertAccessible(hub);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    public async Task The_pages_speak_kazakh_and_russian(string lang)
    {
        var (id, _) = await ClassifiedAsync("Язык интерфейса");
        var browser = await factory.BrowserAsync(SystemsApiTests.Owner);
        browser.DefaultRequestHeaders.Add("Cookie", "senim-lang=" + lang);
        foreach (var url in new[] { $"/systems/{id}", $"/systems/{id}/edit", $"/systems/{id}/history", $"/systems/{id}/documents/kz.doc.risk", "/due", "/systems" })
        {
            var page = await Browser.Get(browser, url);
            Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
            Assert.Matches("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]", page.Document.QuerySelector("main")!.TextContent);
            Assert.DoesNotContain("systems.", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
    }
}
