using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Citizens.CitizenKit;

namespace Senim.Web.Tests.Citizens;

/// <summary>The public form's limits as shipped: a wait before sending, a plain allowance without the proof of work, and lookups per minute.</summary>
public sealed class CitizenGuardTests(CitizenGuardTests.StrictFactory factory) : IClassFixture<CitizenGuardTests.StrictFactory>
{
    public sealed class StrictFactory : CitizenFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Senim:Citizens:MinFormSeconds", "2"),
            new("Senim:Citizens:PlainPerHour", "1"),
            new("Senim:RateLimits:TrackPerMinute", "3"),
        ];
    }

    private const string Account = "Мне отказали в кредите автоматически.";

    [Fact]
    public async Task A_form_sent_too_fast_is_refused_and_the_text_stays()
    {
        await factory.ReadyAsync();
        using var client = factory.CreateClient();
        var form = await Browser.Get(client, "/requests/new?kind=objection");
        var refused = await Demo.SubmitAsync(client, form, "#citizen-form", [new("register_number", "KZ-AI-2026-000001"), new("name", "Иван"), new("description", Account)]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(Account, refused.Document.QuerySelector<IHtmlTextAreaElement>("#f-description")!.Value);
        Assert.NotEqual(form.Document.QuerySelector<IHtmlInputElement>("input[name=form_token]")!.Value,
            refused.Document.QuerySelector<IHtmlInputElement>("input[name=form_token]")!.Value);
    }

    [Fact]
    public async Task Without_the_proof_of_work_a_client_files_within_the_plain_allowance_then_gets_429_and_keeps_its_text()
    {
        await factory.ReadyAsync();
        var system = await SystemIdAsync(factory, CitizenFactory.BankSystem);
        using var client = factory.CreateClient();
        var first = await Browser.Get(client, $"/requests/new?system={system}&kind=data-request");
        var second = await Browser.Get(client, $"/requests/new?system={system}&kind=data-request");
        await Task.Delay(TimeSpan.FromSeconds(2.2), Cancel);
        var filed = await Demo.SubmitAsync(client, first, "#citizen-form", [new("name", "Иван"), new("description", Account)]);
        Assert.Equal(HttpStatusCode.OK, filed.Status);
        Assert.NotNull(filed.Document.QuerySelector("#tracking-code"));

        using var response = await client.PostAsync(new Uri($"/requests/new?system={system}", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("kind", "data-request"), new("system", system.ToString()), new("name", "Иван"), new("description", Account),
            new("form_token", second.Document.QuerySelector<IHtmlInputElement>("input[name=form_token]")!.Value), new("proof", ""),
        ]), Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var page = await Page.Load(response);
        Assert.Equal(Account, page.Document.QuerySelector<IHtmlTextAreaElement>("#f-description")!.Value);

        // With the stamp the page's script computes, the same client may go on.
        var third = await Browser.Get(client, $"/requests/new?system={system}&kind=data-request");
        var token = third.Document.QuerySelector<IHtmlInputElement>("input[name=form_token]")!.Value;
        await Task.Delay(TimeSpan.FromSeconds(2.2), Cancel);
        var stamped = await Demo.SubmitAsync(client, third, "#citizen-form",
            [new("name", "Иван"), new("description", Account), new("proof", Senim.Web.Features.Citizens.CitizenFormGuard.Solve(token, 4))]);
        Assert.Equal(HttpStatusCode.OK, stamped.Status);
    }

    [Fact]
    public async Task Lookups_over_the_limit_get_429_with_Retry_After()
    {
        using var client = factory.CreateClient();
        var code = Senim.Registry.Citizens.TrackingCode.New();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.GetAsync(new Uri("/api/v1/citizen-requests/track/" + code, UriKind.Relative), Cancel);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        last.Dispose();
        // The empty form costs nothing; a page lookup counts like the API's.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/track", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(new Uri("/track/" + code, UriKind.Relative), Cancel)).StatusCode);
    }
}
