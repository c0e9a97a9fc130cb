using System.Text;
using Senim.Law.Tests.Support;

namespace Senim.Cli.Tests;

/// <summary>Runs `senim` in process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error);

internal static class Cli
{
    public static CliRun Run(params string[] args)
    {
        var output = new StringWriter(new StringBuilder());
        var error = new StringWriter(new StringBuilder());
        var code = SenimCommand.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder holding the mini law pack (and whatever a test writes beside it).</summary>
internal sealed class TempLaw : IDisposable
{
    public TempLaw(string? body = null)
    {
        Root = Directory.CreateTempSubdirectory("senim-cli-").FullName;
        Law = Path.Combine(Root, "law");
        var pack = Directory.CreateDirectory(Path.Combine(Law, "mini")).FullName;
        File.WriteAllText(Path.Combine(pack, "pack.yaml"), MiniPack.Header);
        File.WriteAllText(Path.Combine(pack, "items.yaml"), body ?? MiniPack.Body);
    }

    public string Root { get; }

    public string Law { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
