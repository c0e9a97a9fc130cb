using System.CommandLine;

namespace Senim.Cli;

/// <summary>`senim classify FILE`.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliContext context)
    {
        var classify = new Command("classify", "Classify an AI system described in a YAML or JSON file.");
        classify.SetAction(_ =>
        {
            context.Error.WriteLine("classify: not built yet");
            return ExitCodes.Failure;
        });
        return classify;
    }
}
