using System.Diagnostics;

namespace Senim.Authority.Tests.Support;

/// <summary>
/// Independent tools the interop tests check Senim against. scripts/test.sh sets SENIM_TEST_OPENSSL (the
/// openssl binary) and SENIM_C2PA_REF (a ready c2pa-ref folder): when a variable is set the tool must
/// work, or the test fails. When it is not set (plain `dotnet test`), openssl is looked for at
/// /usr/bin/openssl and the c2pa-ref tests skip, saying how to run them.
/// </summary>
internal static class ExternalTools
{
    public static string OpenSsl()
    {
        var configured = Environment.GetEnvironmentVariable("SENIM_TEST_OPENSSL");
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.True(File.Exists(configured), $"SENIM_TEST_OPENSSL is set to {configured}, which does not exist.");
            return configured;
        }

        Assert.SkipUnless(File.Exists("/usr/bin/openssl"), "openssl is not installed and SENIM_TEST_OPENSSL is not set (scripts/test.sh installs and sets it).");
        return "/usr/bin/openssl";
    }

    public static string C2paRef()
    {
        var configured = Environment.GetEnvironmentVariable("SENIM_C2PA_REF");
        Assert.SkipWhen(string.IsNullOrEmpty(configured), "SENIM_C2PA_REF is not set: run scripts/test.sh, which installs the c2pa-rs reference tools from ../shared/tools/c2pa-ref.");
        Assert.True(File.Exists(Path.Combine(configured!, "verify.mjs")), $"SENIM_C2PA_REF={configured} holds no verify.mjs.");
        Assert.True(Directory.Exists(Path.Combine(configured!, "node_modules", "@contentauth", "c2pa-wasm")), $"SENIM_C2PA_REF={configured} has no installed node_modules (npm ci).");
        return configured!;
    }

    /// <summary>The repository's ../shared folder (the CI clone has it beside the repository).</summary>
    public static string Shared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Senim.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new InvalidOperationException("Senim.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a program to completion (at most a minute) and returns its exit code and output.</summary>
    public static (int Code, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within a minute.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
