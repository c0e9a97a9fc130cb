using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Senim.Law.Texts;
using Senim.Registry.Model;
using Senim.Web.Infrastructure;
using Senim.Tests.Shared;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Review;

/// <summary>The demo host with a counter of every query its contexts send.</summary>
public sealed class CountingReviewFactory : ReviewFactory
{
    public QueryCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IInterceptor>(Counter));
    }
}

/// <summary>
/// The review and supervision pages read the system's case file: one authorisation, the system's row read once per
/// GET; and a decision is parsed once in the register, so the page and the API refuse bad input alike.
/// </summary>
public class CaseFilePageTests(CountingReviewFactory factory) : IClassFixture<CountingReviewFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_GET_of_the_supervisors_case_page_reads_the_system_once()
    {
        var system = await Demo.SystemAsync(factory, "Certification exam proctoring");
        var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor);
        await Browser.Get(supervisor, $"/supervision/{system.Id}");

        factory.Counter.Clear();
        var page = await Browser.Get(supervisor, $"/supervision/{system.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(1, factory.Counter.Reads("AiSystems", system.Id));
        // The page still shows what the case file holds: both experts' reviews, the candidates, the history, the decision form.
        Assert.Equal(2, page.Document.QuerySelectorAll("#panel thead th[data-expert]").Length);
        Assert.NotNull(page.Document.QuerySelector("#decide-form"));
        Assert.NotEmpty(page.Document.QuerySelectorAll("#history li[data-action]"));
    }

    [Fact]
    public async Task One_GET_of_the_experts_case_page_reads_the_system_once()
    {
        var system = await Demo.SystemAsync(factory, "CV screening assistant");
        var expert = await Demo.BrowserAsync(factory, Demo.Expert1);
        await Browser.Get(expert, $"/review/{system.Id}");

        factory.Counter.Clear();
        var page = await Browser.Get(expert, $"/review/{system.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(1, factory.Counter.Reads("AiSystems", system.Id));
        Assert.NotNull(page.Document.QuerySelector("#documents [data-document]"));
    }

    [Fact]
    public async Task A_malformed_decision_is_refused_with_the_same_fields_and_codes_by_the_page_and_the_API()
    {
        var system = await Demo.SystemAsync(factory, "Certification exam proctoring");
        Assert.Equal(SystemStatus.Recommended, system.Status);

        var supervisor = await Demo.BrowserAsync(factory, Demo.Supervisor);
        var file = await Browser.Get(supervisor, $"/supervision/{system.Id}");
        var page = await Demo.SubmitAsync(supervisor, file, "#decide-form", [new("Decision", "approve"), new("Reasons", "Fine."), new("Deadline", "31.12.2030")]);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);

        using var api = await Demo.ApiAsync(factory, Demo.Supervisor, "read", "supervise");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/systems/{system.Id}/decision", UriKind.Relative))
        {
            Content = Demo.Json("""{"decision": "approve", "reasons": "Fine.", "deadline": "31.12.2030"}"""),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"W/\"v{system.Version}\"");
        using var response = await api.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (Path: e.GetProperty("path").GetString()!, Code: e.GetProperty("code").GetString()!, Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.Equal(
            [("decision", "decision-invalid", "use register, register-with-conditions or refuse"), ("deadline", "deadline-date", "write the date as yyyy-mm-dd")],
            errors);

        // The page shows each of the same fields' errors, in the words of the same codes.
        var texts = factory.Services.GetRequiredService<UiText>();
        foreach (var (path, code, _) in errors)
        {
            Assert.Equal(texts.Get(ErrorTexts.Key(code), Language.En), page.Document.QuerySelector($"#{path}-error")?.TextContent.Trim());
        }

        Assert.Equal((SystemStatus.Recommended, system.Version), ((await Demo.ReloadAsync(factory, system.Id)).Status, (await Demo.ReloadAsync(factory, system.Id)).Version));
    }
}
