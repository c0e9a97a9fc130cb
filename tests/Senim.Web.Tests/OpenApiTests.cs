using System.Text.Json;
using System.Text.Json.Nodes;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests;

public class OpenApiTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static readonly string Committed = Path.Combine(RepoPaths.Docs, "api", "openapi-v1.json");

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";

    [Fact]
    public async Task The_served_document_is_openapi_3_1_and_matches_the_committed_copy()
    {
        var client = factory.CreateClient();
        var served = Normalize(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        Assert.StartsWith("3.1", JsonNode.Parse(served)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("SENIM_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Committed)!);
            await File.WriteAllTextAsync(Committed, served, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(Committed), "docs/api/openapi-v1.json is missing: run the tests once with SENIM_UPDATE_OPENAPI=1 and commit it");
        var committed = Normalize(await File.ReadAllTextAsync(Committed, TestContext.Current.CancellationToken));
        Assert.True(committed == served, "The API changed but docs/api/openapi-v1.json did not. Review the change, then run the tests with SENIM_UPDATE_OPENAPI=1 and commit the file.");
    }

    [Fact]
    public async Task Every_api_operation_is_documented_with_a_summary_and_error_responses()
    {
        var client = factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var classify = document["paths"]!["/api/v1/classifications"]!["post"]!;
        Assert.False(string.IsNullOrWhiteSpace(classify["summary"]?.GetValue<string>()));
        foreach (var code in new[] { "200", "400", "413", "415" })
        {
            Assert.NotNull(classify["responses"]![code]);
        }

        Assert.NotNull(classify["requestBody"]!["content"]!["application/json"]);
    }
}
