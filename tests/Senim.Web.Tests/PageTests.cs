using System.Net;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests;

public class PageTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Theory]
    [InlineData("kk", "Сіздің ЖИ жүйеңіз")]
    [InlineData("ru", "Что представляет собой ваша система ИИ")]
    [InlineData("en", "What is your AI system under the law")]
    public async Task The_home_page_speaks_the_language_in_the_cookie(string lang, string heading)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=" + lang);
        var page = await Browser.Get(client, "/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith(heading, page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task Cyrillic_is_served_as_text_not_as_entities()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=ru");
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Главная", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_cookie_the_browser_language_is_used()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5");
        var page = await Browser.Get(client, "/");
        Assert.Equal("ru", page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_language_switch_sets_the_cookie_and_returns_to_the_page()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/lang/kk?return=/classify", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/classify", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("senim-lang=kk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_language_switch_returns_to_a_search_in_cyrillic()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/lang/kk?return=" + Uri.EscapeDataString("/register?q=кредит жүйе"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/register?q=%D0%BA%D1%80%D0%B5%D0%B4%D0%B8%D1%82%20%D0%B6%D2%AF%D0%B9%D0%B5", response.Headers.Location!.OriginalString);
        Assert.Equal("/register?q=кредит жүйе", Uri.UnescapeDataString(response.Headers.Location.OriginalString));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task The_language_switch_never_redirects_off_site(string target)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/lang/ru?return=" + Uri.EscapeDataString(target), TestContext.Current.CancellationToken);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_is_a_400()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/lang/de", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404_in_the_users_language()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=ru");
        var page = await Browser.Get(client, "/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Страница не найдена", page.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_api_reference_lists_every_endpoint()
    {
        var client = factory.CreateClient();
        var page = await Browser.Get(client, "/api");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var paths = page.Document.QuerySelectorAll("table code").Select(c => c.TextContent).ToList();
        Assert.Contains("/api/v1/classifications", paths);
        Assert.Contains("/api/v1/law/packs/{id}", paths);
        Assert.Contains("/health", paths);
    }

    [Fact]
    public async Task Pages_send_protective_headers()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
