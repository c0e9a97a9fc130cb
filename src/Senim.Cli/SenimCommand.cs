using System.CommandLine;

namespace Senim.Cli;

/// <summary>The command tree of `senim`. Every command writes to the given writers and returns an exit code.</summary>
internal static class SenimCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Senim: Kazakhstan's AI law (No. 230-VIII) and the EU AI Act as data; classify AI systems with explained results.");
        var context = new CliContext(output, error);
        root.Subcommands.Add(ClassifyCommand.Create(context));
        root.Subcommands.Add(LawCommands.Create(context));
        root.Subcommands.Add(PkiCommands.Create(context));
        root.Subcommands.Add(LogCommands.Create(context));
        root.Subcommands.Add(LabelCommands.Create(context));
        foreach (var command in DatabaseCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

/// <summary>Where a command writes; passed in so tests can capture output.</summary>
internal sealed record CliContext(TextWriter Output, TextWriter Error);

/// <summary>Exit codes of senim, as documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    public const int Prohibited = 3;
    public const int Unreachable = 4;
}
