using System.Diagnostics;
using System.Text.Json;

namespace Senim.Labels.Tests.Support;

/// <summary>One verdict of c2pa-rs (verify.mjs): state, distinct failure codes, manifest count.</summary>
internal sealed record ReferenceVerdict(string State, string[] Codes, int Manifests, string? Error);

/// <summary>
/// The c2pa-rs WebAssembly reference tool (shared/tools/c2pa-ref, installed by scripts/test.sh into the
/// folder named by SENIM_C2PA_REF). Tests skip when the variable is unset and fail when it is set but broken.
/// </summary>
internal static class ReferenceTool
{
    public const string Variable = "SENIM_C2PA_REF";

    public static string? Folder => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? folder : null;

    public static IReadOnlyList<ReferenceVerdict> Verify(string? anchors, params string[] files)
    {
        var arguments = new List<string> { "verify.mjs" };
        if (anchors is not null)
        {
            arguments.AddRange(["--anchors", anchors]);
        }

        arguments.AddRange(files);
        var output = Run(arguments);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    public static void Sign(string key, string chain, string input, string output, string? sidecar = null)
    {
        var arguments = new List<string> { "sign.mjs", "--key", key, "--chain", chain, input, output };
        if (sidecar is not null)
        {
            arguments.AddRange(["--sidecar", sidecar]);
        }

        Run(arguments);
    }

    /// <summary>Runs make-test-pki.sh into <paramref name="directory"/>.</summary>
    public static void MakePki(string directory)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Folder!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("make-test-pki.sh");
        start.ArgumentList.Add(directory);
        Execute(start);
    }

    private static string Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Execute(start);
    }

    private static string Execute(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in two minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {error.GetAwaiter().GetResult()}");
        }

        return output.GetAwaiter().GetResult();
    }

    private static ReferenceVerdict Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new ReferenceVerdict(
            root.GetProperty("state").GetString()!,
            [.. root.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)],
            root.GetProperty("manifests").GetInt32(),
            root.TryGetProperty("error", out var e) ? e.GetString() : null);
    }
}
