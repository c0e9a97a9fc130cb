using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Features.Labels;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Hosting;

/// <summary>
/// The CPU-heavy public work (classification, label verification and signing) is limited per client: past the rate
/// the API answers 429 problem details with Retry-After, a browser the error page in its language; reading the same
/// pages is not counted.
/// </summary>
public sealed class HeavyRateTests(HeavyRateTests.OnePerMinute factory) : IClassFixture<HeavyRateTests.OnePerMinute>
{
    public sealed class OnePerMinute : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:RateLimits:HeavyPerMinute", "1")];
    }

    private const string Classification = """{"law": "kz", "system": {"name": "Rate", "answers": {}}}""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Past_the_rate_the_api_gets_429_problem_details_and_a_browser_the_page_in_its_language()
    {
        var client = factory.CreateClient();
        using (var first = await client.PostAsync(new Uri("/api/v1/classifications", UriKind.Relative), new StringContent(Classification, Encoding.UTF8, "application/json"), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await client.PostAsync(new Uri("/api/v1/classifications", UriKind.Relative), new StringContent(Classification, Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var wait = second.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Contains("Slow down", await second.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        // Showing the verification page is a read: not counted.
        using var page = await client.GetAsync(new Uri("/verify", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // Posting a file to it is heavy work from the same client: the error page, in Russian, with the wait.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/verify", UriKind.Relative))
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "x.txt" } },
        };
        request.Headers.Add("Cookie", "senim-lang=ru");
        using var refused = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var document = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("ru", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Слишком много запросов", document.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains($"Подождите {(int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds} с", document.QuerySelector("p.lead")?.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>
/// Label uploads a node holds at once are bounded in bytes (Senim:Labels:MaxBytesInFlight): past the budget the API
/// answers 503 problem details with Retry-After, the page a message in the reader's language, and nothing is kept.
/// </summary>
public sealed class UploadBudgetTests(UploadBudgetTests.SmallBudget factory) : IClassFixture<UploadBudgetTests.SmallBudget>
{
    public sealed class SmallBudget : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Senim:Labels:MaxUploadBytes", "1048576"), new("Senim:Labels:MaxBytesInFlight", "1048576")];
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_budget_answers_503_with_retry_after_and_an_upload_gives_its_bytes_back()
    {
        var budget = factory.Services.GetRequiredService<UploadBudget>();
        Assert.Equal(1048576, budget.Capacity);
        var client = factory.CreateClient();

        // Within the budget: checked, and every reserved byte is given back afterwards.
        using (var ok = await client.PostAsync(new Uri("/api/v1/labels/verify", UriKind.Relative), new ByteArrayContent(Senim.Tests.Shared.TestImages.Png(40, 30)), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(0, budget.InFlight);

        // Someone else's uploads hold the whole budget.
        Assert.True(budget.TryReserve(budget.Capacity - 100));
        try
        {
            using var api = await client.PostAsync(new Uri("/api/v1/labels/verify", UriKind.Relative), new ByteArrayContent(new byte[5000]), Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(UploadBudget.RetrySeconds), api.Headers.RetryAfter?.Delta);
            Assert.Contains("as many files as it holds at once", await api.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

            // The same without a declared length: refused as the chunks come.
            using var streamed = await client.PostAsync(new Uri("/api/v1/labels/verify", UriKind.Relative), new ChunkedContent(new byte[5000]), Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, streamed.StatusCode);

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/verify", UriKind.Relative))
            {
                Content = new MultipartFormDataContent { { new ByteArrayContent(new byte[5000]), "file", "x.png" } },
            };
            request.Headers.Add("Cookie", "senim-lang=kk");
            using var page = await client.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Cancel));
            Assert.Contains("30 секундтан кейін қайта жіберіңіз", document.QuerySelector("#file-error")?.TextContent, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(UploadBudget.RetrySeconds), page.Headers.RetryAfter?.Delta);
            Assert.Equal(budget.Capacity - 100, budget.InFlight);
        }
        finally
        {
            budget.Release(budget.Capacity - 100);
        }

        Assert.Equal(0, budget.InFlight);
    }

    /// <summary>A body sent without Content-Length.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>
/// A node does only so much heavy work at once (Senim:RateLimits:HeavyConcurrent), whatever the clients' rates: with
/// one permit and a queue of four, a sixth request while five are held gets 503 problem details with Retry-After, and
/// the held ones all finish once the first does.
/// </summary>
public sealed class HeavyConcurrencyTests(HeavyConcurrencyTests.OneAtATime factory) : IClassFixture<HeavyConcurrencyTests.OneAtATime>
{
    public sealed class OneAtATime : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:RateLimits:HeavyConcurrent", "1")];
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Past_the_permits_and_the_queue_a_heavy_request_gets_503_and_the_held_ones_finish()
    {
        // Real Kestrel: the test server would read the slow body whole before the request starts.
        using var client = new HttpClient { BaseAddress = new Uri(factory.StartOnLoopback()) };
        var budget = factory.Services.GetRequiredService<UploadBudget>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = client.PostAsync(new Uri("/api/v1/labels/verify", UriKind.Relative), new SlowContent(release.Task), Cancel);
        for (var i = 0; i < 200 && budget.InFlight == 0; i++)
        {
            await Task.Delay(50, Cancel);
        }

        Assert.True(budget.InFlight > 0, "the first request never started reading its body");
        var held = new List<Task<HttpResponseMessage>> { first };
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6 && refused is null; i++)
        {
            var next = client.PostAsync(new Uri("/api/v1/labels/verify", UriKind.Relative), new ByteArrayContent(new byte[100]), Cancel);
            if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(2), Cancel)) == next)
            {
                refused = await next;
            }
            else
            {
                held.Add(next);
            }
        }

        Assert.NotNull(refused);
        Assert.True(held.Count == 5, $"{held.Count} held, then {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync(Cancel)}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("as much heavy work as it can at once", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        release.SetResult();
        foreach (var response in await Task.WhenAll(held))
        {
            Assert.True((int)response.StatusCode < 500, $"a held request ended with {(int)response.StatusCode}");
        }

        Assert.Equal(0, budget.InFlight);
    }

    /// <summary>A body without a declared length that trickles (fast enough for Kestrel's minimum data rate) until released.</summary>
    private sealed class SlowContent(Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            while (!release.IsCompleted)
            {
                await stream.WriteAsync(new byte[1000]);
                await stream.FlushAsync();
                await Task.WhenAny(release, Task.Delay(100));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
