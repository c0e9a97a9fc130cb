using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Senim.Tests.Shared;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Systems;

namespace Senim.Web.Tests.Labels;

/// <summary>
/// Files the web API signs are Trusted in c2pa-rs (shared/tools/c2pa-ref, installed by scripts/test.sh into
/// SENIM_C2PA_REF) with the root the host publishes at /pki/root.pem as the only anchor.
/// </summary>
public class LabelInteropTests(SystemsFactory factory) : IClassFixture<SystemsFactory>
{
    private const string Variable = "SENIM_C2PA_REF";

    [Fact]
    public async Task Images_signed_through_the_web_api_are_trusted_by_c2pa_rs_with_senims_root()
    {
        var tool = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(tool), $"{Variable} is not set; scripts/test.sh installs the c2pa-rs reference tool and sets it.");
        var cancel = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("senim-web-interop-").FullName;
        try
        {
            var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
            using var api = await factory.ApiAsync(SystemsApiTests.Owner);
            using var anonymous = factory.CreateClient();
            await File.WriteAllTextAsync(Path.Combine(folder, "senim-root.pem"), await anonymous.GetStringAsync("/pki/root.pem", cancel), cancel);

            var files = new List<string>();
            foreach (var (name, bytes, type, visible) in new[] { ("web.png", TestImages.Png(), "image/png", false), ("web.jpg", TestImages.Jpeg(640, 480), "image/jpeg", true) })
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(type);
                var response = await api.PostAsync($"/api/v1/labels?system={system.RegisterNumber}&visible={visible}", content, cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var path = Path.Combine(folder, name);
                await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(cancel), cancel);
                files.Add(path);
            }

            var lines = Run(tool!, ["verify.mjs", "--anchors", Path.Combine(folder, "senim-root.pem"), .. files]);
            Assert.Equal(files.Count, lines.Count);
            foreach (var line in lines)
            {
                using var verdict = JsonDocument.Parse(line);
                Assert.True(verdict.RootElement.GetProperty("state").GetString() == "Trusted", line);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Run(string folder, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("c2pa-ref verify.mjs did not finish in two minutes");
        }

        Assert.True(process.ExitCode == 0, $"verify.mjs exited with {process.ExitCode}: {error.GetAwaiter().GetResult()}");
        return [.. output.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
