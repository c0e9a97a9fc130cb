using System.Diagnostics;

namespace Senim.Ledger.Tests.Support;

/// <summary>
/// The independent verifier built from Debian's Go packages (../shared/tools/tlog-verify). scripts/test.sh builds
/// it and sets SENIM_TLOG_VERIFY to its path. Without the variable the interop tests skip; with it, a verifier
/// that does not run fails them.
/// </summary>
internal static class GoVerifier
{
    public const string Variable = "SENIM_TLOG_VERIFY";

    public static string Path()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path))
        {
            Assert.Skip($"{Variable} is not set: run ./scripts/test.sh, which builds ../shared/tools/tlog-verify from Debian's Go packages.");
        }

        Assert.True(File.Exists(path), $"{Variable}={path} does not exist.");
        return path;
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Path()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tlog-verify did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail("tlog-verify did not finish within 60 s.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
