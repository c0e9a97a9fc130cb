using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Pages;

/// <summary>
/// "The input has errors" is followed by every field error, each a link to its field (the control, else its error
/// message), named by the field's label where it has one, on forms built three different ways.
/// </summary>
public sealed class ErrorSummaryTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Fact]
    public async Task The_sign_up_summary_links_every_error_to_its_labelled_input()
    {
        var client = factory.CreateClient();
        var page = await Browser.Get(client, "/account/sign-up");
        var refused = await SubmitAsync(client, page, "main form", [new("display_name", ""), new("email", "not-an-address"), new("password", "short"), new("confirm_password", "other")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var links = Summary(refused);
        Assert.Equal(refused.Document.QuerySelectorAll("main .field-error").Length, links.Count);
        Assert.Contains(links, l => l.Href == "#f-email" && l.Text.StartsWith("E-mail: ", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Href == "#f-display-name" && l.Text.StartsWith("Display name: ", StringComparison.Ordinal));
        Assert.All(links, l => Assert.DoesNotContain("*", l.Text, StringComparison.Ordinal));
        AssertTargetsExist(refused, links);
    }

    [Fact]
    public async Task The_system_form_links_a_group_error_to_its_message_and_a_long_name_to_its_input()
    {
        var client = await SignedInAsync(factory, "retail@demo.senim.kz");
        var retail = await Db(factory, db => db.Organisations.Where(o => o.Name == "Demo Retail LLP").Select(o => o.Id).SingleAsync());
        var page = await Browser.Get(client, $"/organisations/{retail}/systems/new");
        var refused = await SubmitAsync(client, page, "form.record-form", [new("name_kk", ""), new("name_ru", new string('я', 201)), new("name_en", ""), new("purpose_kk", ""), new("purpose_ru", ""), new("purpose_en", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var links = Summary(refused);
        Assert.Contains(links, l => l.Href == "#name_ru" && l.Text.Contains("201", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Href == "#purpose-error");
        AssertTargetsExist(refused, links);
    }

    [Fact]
    public async Task The_supervisors_decision_links_the_missing_reasons_to_the_reasons_box()
    {
        var client = await SignedInAsync(factory, "supervisor@demo.senim.kz");
        var id = await Db(factory, db => db.Systems.Where(s => s.NameEn == "Certification exam proctoring").Select(s => s.Id).SingleAsync());
        var page = await Browser.Get(client, $"/supervision/{id}");
        var refused = await SubmitAsync(client, page, "#decide-form", [new("Decision", "refuse"), new("Reasons", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var link = Assert.Single(Summary(refused));
        Assert.Equal("#reasons", link.Href);
        Assert.StartsWith("Reasons", link.Text, StringComparison.Ordinal);
        AssertTargetsExist(refused, [link]);

        var unknown = await SubmitAsync(client, page, "#decide-form", [new("Decision", "maybe")]);
        Assert.Equal("#decision-register", Assert.Single(Summary(unknown)).Href);
        Assert.DoesNotContain("Register:", Assert.Single(Summary(unknown)).Text, StringComparison.Ordinal);
    }

    private static List<(string Href, string Text)> Summary(Page page) =>
        [.. page.Document.QuerySelectorAll("#problem .error-summary li").Select(li => (li.QuerySelector("a")?.GetAttribute("href") ?? "", li.TextContent.Trim()))];

    private static void AssertTargetsExist(Page page, IEnumerable<(string Href, string Text)> links)
    {
        foreach (var (href, _) in links)
        {
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            Assert.True(page.Document.GetElementById(href[1..]) is IElement, $"{href} points at nothing");
        }
    }
}
