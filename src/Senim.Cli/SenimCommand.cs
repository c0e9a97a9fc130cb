using System.CommandLine;
using System.CommandLine.Parsing;

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
        foreach (var command in DeadlineCommands.Create(context, TimeProvider.System))
        {
            root.Subcommands.Add(command);
        }

        foreach (var command in DatabaseCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would exit 1; docs/cli.md promises 2 for every invalid option or
            // argument. The errors come first, then the command's usage, all on standard error.
            foreach (var problem in parse.Errors)
            {
                error.WriteLine(problem.Message);
            }

            var path = CommandPath(parse.CommandResult);
            error.WriteLine();
            root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = error, Error = error });
            error.WriteLine($"Run '{string.Join(' ', path.Prepend("senim"))} --help' for the options.");
            return ExitCodes.InvalidInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>The names of the subcommands from the root down to the one parsed (empty for the root).</summary>
    private static List<string> CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (var result = command; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
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
