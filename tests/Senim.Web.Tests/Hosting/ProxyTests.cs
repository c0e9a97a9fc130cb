using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Hosting;

/// <summary>
/// Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto count only from a trusted proxy (Senim:TrustedProxies),
/// so clients behind one proxy are separate rate-limit buckets and a client elsewhere cannot pick its own bucket or
/// claim HTTPS; over HTTPS every cookie is Secure and responses carry HSTS.
/// </summary>
public sealed class ProxyTests(ProxyTests.PeerFactory factory) : IClassFixture<ProxyTests.PeerFactory>
{
    public const string Proxy = "10.0.0.1";

    /// <summary>The host with a trusted proxy and two sign-in posts a minute; X-Test-Peer sets the address the request comes from.</summary>
    public sealed class PeerFactory : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Senim:TrustedProxies", Proxy), new("Senim:RateLimits:SignInPerMinute", "2")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, Peer>());
        }

        private sealed class Peer : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (context, nextMiddleware) =>
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Test-Peer"].FirstOrDefault() ?? "192.0.2.1");
                    await nextMiddleware(context);
                });
                next(app);
            };
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Client(string peer, string? forwardedFor = null, string? proto = null, string host = "http://senim.test/")
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(host) });
        client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        if (proto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        }

        return client;
    }

    private static async Task<HttpStatusCode> PostSignInAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("email", "x@test.kz"), new("password", "x")]), Cancel);
        return response.StatusCode;
    }

    [Fact]
    public async Task Clients_behind_the_trusted_proxy_are_counted_apart_and_a_stranger_cannot_choose_its_bucket()
    {
        // Behind the proxy: each forwarded client has its own two posts a minute.
        var alice = Client(Proxy, "198.51.100.10");
        var bob = Client(Proxy, "198.51.100.11");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostSignInAsync(alice));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostSignInAsync(alice));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostSignInAsync(alice));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostSignInAsync(bob));

        // A client that is not the proxy is its own address, whatever it forwards.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostSignInAsync(Client("203.0.113.9", "198.51.100.20")));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostSignInAsync(Client("203.0.113.9", "198.51.100.21")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostSignInAsync(Client("203.0.113.9", "198.51.100.22")));
    }

    [Fact]
    public async Task A_rate_limited_browser_gets_the_error_page_in_its_language_with_retry_after()
    {
        var client = Client(Proxy, "198.51.100.40");
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=kk");
        await PostSignInAsync(client);
        await PostSignInAsync(client);
        using var refused = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("email", "x@test.kz"), new("password", "x")]), Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        var document = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("kk", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Сұраулар тым көп", document.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains($"{(int)wait.Value.TotalSeconds} секунд", document.QuerySelector("p.lead")?.TextContent, StringComparison.Ordinal);

        // Showing the form is not counted.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel)).StatusCode);
    }

    [Theory]
    [InlineData(Proxy, "https", "http://senim.test/", true)]
    [InlineData("203.0.113.9", "https", "http://senim.test/", false)]
    [InlineData("203.0.113.9", null, "https://senim.test/", true)]
    [InlineData("203.0.113.9", null, "http://senim.test/", false)]
    public async Task Over_https_cookies_are_secure_and_responses_carry_hsts(string peer, string? proto, string host, bool https)
    {
        var client = Client(peer, "198.51.100.50", proto, host);
        using var response = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Equal(https, c.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(https, response.Headers.Contains("Strict-Transport-Security"));
        if (https)
        {
            Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        }
    }
}
