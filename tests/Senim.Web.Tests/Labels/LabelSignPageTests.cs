using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Labels;
using Senim.Tests.Shared;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;
using Senim.Web.Tests.Systems;

namespace Senim.Web.Tests.Labels;

/// <summary>
/// Labelling a picture from the system's page, as a browser without JavaScript does it: the form posts the
/// file, the answer is the labelled picture as a download; a refusal is the page again with the message.
/// </summary>
public class LabelSignPageTests(SystemsFactory factory) : IClassFixture<SystemsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<int> SignerCountAsync() => factory.RunAsync(async sp => (await sp.GetRequiredService<LabelAuthority>().AllSignersAsync()).Count);

    [Theory]
    [InlineData("kk", "ru", "image/png")]
    [InlineData("ru", "kk-ru-en", "image/jpeg")]
    [InlineData("en", "en", "image/png")]
    public async Task An_editor_labels_a_picture_from_the_system_page_and_downloads_it(string lang, string notice, string type)
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        var editor = await factory.BrowserAsync(SystemsApiTests.Editor);
        await editor.GetAsync("/lang/" + lang, Cancel);
        var show = await Browser.Get(editor, $"/systems/{system.Id}");
        var form = show.Document.QuerySelector("section.content-labels form.sign-form")!;
        Assert.Equal($"/systems/{system.Id}/labels/sign", form.GetAttribute("action"));
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal(5, form.QuerySelectorAll("input[type=radio][name=notice]").Length);
        Assert.Equal("kk-ru-en", form.QuerySelector("input[type=radio][name=notice][checked]")!.GetAttribute("value"));
        Demo.AssertAccessible(show);

        var picture = type == "image/png" ? TestImages.Png(480, 320) : TestImages.Jpeg(480, 320);
        var name = type == "image/png" ? "drawing.png" : "photo.jpg";
        var response = await Forms.SendAsync(editor, show, "form.sign-form", null, [new("notice", notice)], ("file", name, picture, type));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Path.GetFileNameWithoutExtension(name) + ".label" + Path.GetExtension(name), response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(system.RegisterNumber, response.Headers.GetValues("Senim-Register-Number").Single());
        var labelled = await response.Content.ReadAsByteArrayAsync(Cancel);
        await File.WriteAllBytesAsync(Path.Combine(RepoPaths.Artifacts, $"sign-page-{lang}-{notice}{Path.GetExtension(name)}"), labelled, Cancel);

        var verdict = await LabelChecks.VerifyAsync(factory.Services, labelled);
        Assert.Equal(LabelVerdictKind.Trusted, verdict.Kind);
        Assert.Equal(system.RegisterNumber, verdict.RegisterNumber);
        Assert.True(LabelChecks.NoticeShare(labelled) > 0.6, "the visible notice was not drawn along the bottom");
        Assert.True(LabelChecks.NoticeShare(picture) < 0.05);
    }

    [Fact]
    public async Task No_visible_notice_and_an_edit_are_what_the_label_then_says()
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        var owner = await factory.BrowserAsync(SystemsApiTests.Owner);
        var page = await Browser.Get(owner, $"/systems/{system.Id}/labels/sign");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Demo.AssertAccessible(page);
        var picture = TestImages.Png(480, 320);

        var response = await Forms.SendAsync(owner, page, "form.sign-form", null, [new("notice", "none"), new("edited", "true")], ("file", "edit.png", picture, "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var labelled = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.True(LabelChecks.NoticeShare(labelled) < 0.05, "a notice was drawn though none was chosen");
        var verdict = await LabelChecks.VerifyAsync(factory.Services, labelled);
        Assert.Equal(LabelVerdictKind.Trusted, verdict.Kind);
        Assert.Contains("c2pa.edited", verdict.Report.Active!.Actions);
    }

    [Theory]
    [InlineData("en", "This file is not a JPEG or PNG picture")]
    [InlineData("kk", "Бұл файл JPEG немесе PNG суреті емес")]
    public async Task A_file_that_is_not_a_picture_a_missing_file_and_an_unknown_notice_are_explained_on_the_page(string lang, string notPicture)
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        var owner = await factory.BrowserAsync(SystemsApiTests.Owner);
        await owner.GetAsync("/lang/" + lang, Cancel);
        var before = await SignerCountAsync();
        var page = await Browser.Get(owner, $"/systems/{system.Id}/labels/sign");

        var text = await Forms.SubmitAsync(owner, page, "form.sign-form", null, null, ("file", "notes.pdf", "%PDF-1.7 minutes of the meeting"u8.ToArray(), "application/pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, text.Status);
        Assert.StartsWith(notPicture, text.Document.QuerySelector("#sign-file-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("sign-file-error", text.Document.QuerySelector("#sign-file")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.NotNull(text.Document.QuerySelector("[role=alert]#problem"));

        var missing = await Forms.SubmitAsync(owner, text, "form.sign-form", null);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.NotNull(missing.Document.QuerySelector("#sign-file-error"));

        var notice = await Forms.SubmitAsync(owner, page, "form.sign-form", null, [new("notice", "fr")], ("file", "a.png", TestImages.Png(), "image/png"));
        Assert.Equal(HttpStatusCode.BadRequest, notice.Status);
        Assert.NotNull(notice.Document.QuerySelector("#sign-notice-error"));

        var tiny = await Forms.SubmitAsync(owner, page, "form.sign-form", null, null, ("file", "tiny.png", TestImages.Png(24, 24), "image/png"));
        Assert.Equal(HttpStatusCode.BadRequest, tiny.Status);
        Assert.NotNull(tiny.Document.QuerySelector("#sign-notice-error"));

        var misnamed = await Forms.SubmitAsync(owner, page, "form.sign-form", null, null, ("file", "photo.jpg", TestImages.Png(), "image/jpeg"));
        Assert.Equal(HttpStatusCode.BadRequest, misnamed.Status);
        Assert.NotNull(misnamed.Document.QuerySelector("#sign-file-error"));
        Assert.Equal(before, await SignerCountAsync());
    }

    [Fact]
    public async Task A_post_without_the_form_s_antiforgery_token_is_refused_and_signs_nothing()
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        var owner = await factory.BrowserAsync(SystemsApiTests.Owner);
        var content = LabelsApiTests.Form(TestImages.Png(), "forged.png", "image/png", ("notice", "none"));

        var response = await owner.PostAsync($"/systems/{system.Id}/labels/sign", content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await Page.Load(response);
        Assert.NotNull(page.Document.QuerySelector("[role=alert]#problem"));
    }

    [Fact]
    public async Task Strangers_readers_and_systems_that_may_not_sign_get_no_form()
    {
        var registered = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        var stranger = await factory.BrowserAsync(Demo.Hospital);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/systems/{registered.Id}/labels/sign", Cancel)).StatusCode);
        var strangerPost = await stranger.PostAsync($"/systems/{registered.Id}/labels/sign", LabelsApiTests.Form(TestImages.Png(), "a.png", "image/png"), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, strangerPost.StatusCode);

        var supervisor = await factory.BrowserAsync(Demo.Supervisor);
        var show = await Browser.Get(supervisor, $"/systems/{registered.Id}");
        Assert.Null(show.Document.QuerySelector("form.sign-form"));
        var readerPage = await Browser.Get(supervisor, $"/systems/{registered.Id}/labels/sign");
        Assert.Equal(HttpStatusCode.Forbidden, readerPage.Status);
        Assert.Null(readerPage.Document.QuerySelector("form.sign-form"));

        var draft = await Demo.SystemAsync(factory, "CV screening assistant");
        var owner = await factory.BrowserAsync(SystemsApiTests.Owner);
        Assert.Null((await Browser.Get(owner, $"/systems/{draft.Id}")).Document.QuerySelector("form.sign-form"));
        var unsignable = await Browser.Get(owner, $"/systems/{draft.Id}/labels/sign");
        Assert.Equal(HttpStatusCode.Conflict, unsignable.Status);
        Assert.Null(unsignable.Document.QuerySelector("form.sign-form"));
        Assert.NotNull(unsignable.Document.QuerySelector("[role=alert]#problem"));
    }

    [Fact]
    public async Task The_public_entry_shows_the_badge_and_the_signing_certificates()
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.PowerGrid);
        using var api = await factory.ApiAsync(Demo.Hospital);
        var signed = await api.PostAsync($"/api/v1/labels?system={system.RegisterNumber}", new ByteArrayContent(TestImages.Png()), Cancel);
        var serial = signed.Headers.GetValues("Senim-Certificate").Single();

        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var entry = await Browser.Get(anonymous, $"/register/{system.Id}");
        var section = entry.Document.QuerySelector("section.public-labels")!;
        Assert.Equal("Метки контента", section.QuerySelector("h2")!.TextContent);
        var badge = section.QuerySelector($"a[href='/verify?system={system.RegisterNumber}'] img[src='/badge/{system.RegisterNumber}.svg']")!;
        Assert.False(string.IsNullOrWhiteSpace(badge.GetAttribute("alt")));
        var row = section.QuerySelector($"table.label-certificates tr[data-serial='{serial}']")!;
        Assert.Equal("active", row.GetAttribute("data-state"));
        Assert.Contains("Действует", row.TextContent, StringComparison.Ordinal);
        Demo.AssertAccessible(entry);
    }
}

public class LabelSignUploadLimitTests(SmallUploadFactory factory) : IClassFixture<SmallUploadFactory>
{
    [Fact]
    public async Task A_picture_over_the_limit_is_a_413_page_that_names_the_limit_and_signs_nothing()
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        var owner = await factory.BrowserAsync(SystemsApiTests.Owner);
        var page = await Browser.Get(owner, $"/systems/{system.Id}/labels/sign");
        var big = new byte[200_000];
        TestImages.Png().CopyTo(big, 0);

        var result = await Forms.SubmitAsync(owner, page, "form.sign-form", null, null, ("file", "big.png", big, "image/png"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, result.Status);
        Assert.Contains("64\u00a0KB", result.Document.QuerySelector("#sign-file-error")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await factory.RunAsync(sp => sp.GetRequiredService<LabelAuthority>().AllSignersAsync()));
    }
}
