using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Citizens.CitizenKit;

namespace Senim.Web.Tests.Citizens;

/// <summary>
/// The citizens' pages as a browser without JavaScript uses them: the public form in Kazakh, the tracking page's three
/// answers, the text kept when a form is refused, the owner's inbox and case page (personal data only for the handler).
/// </summary>
public sealed class CitizenPagesTests(CitizenFactory factory) : IClassFixture<CitizenFactory>
{
    private const string Account = "Банк маған несие беруден автоматты түрде бас тартты.";

    private async Task<HttpClient> AnonymousAsync(string lang)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        await client.GetAsync(new Uri("/lang/" + lang, UriKind.Relative), Cancel);
        return client;
    }

    [Fact]
    public async Task A_person_files_an_objection_in_Kazakh_without_JavaScript_and_gets_a_tracking_code()
    {
        await factory.ReadyAsync();
        var system = await SystemIdAsync(factory, CitizenFactory.BankSystem);
        using var client = await AnonymousAsync("kk");
        var form = await Browser.Get(client, $"/requests/new?system={system}&kind=objection");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("kk", form.Document.DocumentElement.GetAttribute("lang"));
        Assert.True(form.Document.QuerySelector<IHtmlInputElement>("#kind-objection")!.IsChecked);
        Assert.Equal(system.ToString(), form.Document.QuerySelector<IHtmlInputElement>("input[name=system]")!.Value);
        // The one script is the proof of work (the form works without it); every control has its label.
        Assert.All(form.Document.QuerySelectorAll("script"), s => Assert.EndsWith("/js/proof-of-work.js", s.GetAttribute("src") ?? "", StringComparison.Ordinal));
        Assert.All(form.Document.QuerySelectorAll("main input:not([type=hidden]), main textarea"),
            c => Assert.NotNull(form.Document.QuerySelector($"label[for='{c.GetAttribute("id")}']")));

        var filed = await Demo.SubmitAsync(client, form, "#citizen-form", [new("name", "Айгерім"), new("email", "aigerim@mail.example"), new("description", Account)]);
        Assert.Equal(HttpStatusCode.OK, filed.Status);
        var code = filed.Document.QuerySelector("#tracking-code")!.TextContent.Trim();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$", code);
        Assert.NotNull(filed.Document.QuerySelector("#due-date"));

        var tracked = await Browser.Get(client, filed.Document.QuerySelector<IHtmlAnchorElement>("#track-link")!.PathName);
        Assert.Equal(HttpStatusCode.OK, tracked.Status);
        Assert.Equal("Қабылданды", tracked.Document.QuerySelector("#status")!.TextContent.Trim());
        Assert.DoesNotContain("Айгерім", tracked.Text, StringComparison.Ordinal);

        // The person's mail, in Kazakh, carries the working tracking link.
        var mail = await Mailbox.WaitAsync(factory.MailFolder, "aigerim@mail.example", code);
        using var fromMail = await client.GetAsync(new Uri(Mailbox.Link(mail, "/track/"), UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, fromMail.StatusCode);
    }

    [Fact]
    public async Task A_malformed_a_mistyped_and_an_unknown_code_each_get_their_own_message()
    {
        using var client = await AnonymousAsync("en");
        var valid = Senim.Registry.Citizens.TrackingCode.New();
        var mistyped = valid[..^1] + (valid[^1] == '0' ? '1' : '0');
        var malformedPage = await Browser.Get(client, "/track?code=hello");
        var mistypedPage = await Browser.Get(client, "/track/" + mistyped);
        var unknownPage = await Browser.Get(client, "/track/" + valid);
        Assert.Equal(HttpStatusCode.BadRequest, malformedPage.Status);
        Assert.Equal(HttpStatusCode.BadRequest, mistypedPage.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownPage.Status);
        var messages = new[] { malformedPage, mistypedPage, unknownPage }.Select(p => p.Document.QuerySelector("#f-code-error")?.TextContent.Trim() ?? "").ToList();
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m)));
        Assert.Equal(3, messages.Distinct().Count());
        Assert.Equal("hello", malformedPage.Document.QuerySelector<IHtmlInputElement>("#f-code")!.Value);
    }

    [Fact]
    public async Task A_refused_form_keeps_what_the_person_wrote()
    {
        await factory.ReadyAsync();
        using var client = await AnonymousAsync("ru");
        var form = await Browser.Get(client, "/requests/new");
        var honeypot = await Demo.SubmitAsync(client, form, "#citizen-form",
            [new("kind", "explanation-request"), new("register_number", "KZ-AI-2026-999999"), new("name", "Иван"), new("description", Account), new("website", "http://bot.example")]);
        Assert.Equal(HttpStatusCode.BadRequest, honeypot.Status);
        Assert.Equal(Account, honeypot.Document.QuerySelector<IHtmlTextAreaElement>("#f-description")!.Value);
        Assert.NotNull(honeypot.Document.QuerySelector("#problem"));

        // The register's own refusal (an unknown register number) keeps the text too, beside the field.
        var unknown = await Demo.SubmitAsync(client, honeypot, "#citizen-form", [new("website", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal(Account, unknown.Document.QuerySelector<IHtmlTextAreaElement>("#f-description")!.Value);
        Assert.Equal("KZ-AI-2026-999999", unknown.Document.QuerySelector<IHtmlInputElement>("#f-register-number")!.Value);
        Assert.Contains("KZ-AI-2026-999999", unknown.Document.QuerySelector("#system-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handler_answers_on_the_case_page_and_others_of_the_owner_read_withheld()
    {
        await factory.ReadyAsync();
        var system = await SystemIdAsync(factory, CitizenFactory.BankSystem);
        var filed = await FileAsync(factory, "explanation-request", system);
        var bank = await factory.BankAsync();

        using var owner = await Demo.BrowserAsync(factory, Demo.BankOwner);
        var details = await Browser.Get(owner, "/organisations/" + bank);
        Assert.Contains("/organisations/" + bank + "/requests", details.Document.QuerySelector<IHtmlAnchorElement>("#citizen-inbox-link")!.PathName, StringComparison.Ordinal);
        var inbox = await Browser.Get(owner, $"/organisations/{bank}/requests");
        Assert.NotNull(inbox.Document.QuerySelector($"tr[data-request='{filed.Id}']"));
        var casePage = await Browser.Get(owner, "/requests/" + filed.Id);
        Assert.NotNull(casePage.Document.QuerySelector("#personal-withheld"));
        var handlerId = await factory.UserIdAsync(CitizenFactory.HandlerEmail);
        var assigned = await Demo.SubmitAsync(owner, casePage, "form[action*='handler=Assign']", [new("handler", handlerId.ToString())]);
        Assert.Equal(HttpStatusCode.OK, assigned.Status);
        Assert.Equal("Bank handler", assigned.Document.QuerySelector("#handler")!.TextContent.Trim());
        Assert.NotNull(assigned.Document.QuerySelector("#personal-withheld"));

        using var editor = await Demo.BrowserAsync(factory, "editor@demo.senim.kz");
        var editorView = await Browser.Get(editor, "/requests/" + filed.Id);
        Assert.NotNull(editorView.Document.QuerySelector("#personal-withheld"));
        Assert.Null(editorView.Document.QuerySelector("form[action*='handler=Answer']"));

        using var handler = await Demo.BrowserAsync(factory, CitizenFactory.HandlerEmail);
        var handlerView = await Browser.Get(handler, "/requests/" + filed.Id);
        Assert.Equal("Айгерім Сапарова", handlerView.Document.QuerySelector("#person-name")!.TextContent.Trim());
        var answered = await Demo.SubmitAsync(handler, handlerView, "form[action*='handler=Answer']", [new("answer", "The score used your income and history.")]);
        Assert.Equal("The score used your income and history.", answered.Document.QuerySelector("#answer")!.TextContent.Trim());

        // The form from before the answer is refused with a message, and the first answer stands.
        var stale = await Demo.SubmitAsync(handler, handlerView, "form[action*='handler=Answer']", [new("answer", "A second answer")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.NotNull(stale.Document.QuerySelector("#problem"));
        Assert.Equal("The score used your income and history.", stale.Document.QuerySelector("#answer")!.TextContent.Trim());

        var closed = await Demo.SubmitAsync(handler, answered, "form[action*='handler=Close']");
        Assert.Equal("closed", closed.Document.QuerySelector("#request")!.GetAttribute("data-status"));
        var late = await Demo.SubmitAsync(handler, answered, "form[action*='handler=Answer']", [new("answer", "After closing")]);
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), late.Document.QuerySelector("#problem")!.TextContent, StringComparison.Ordinal);
    }
}
