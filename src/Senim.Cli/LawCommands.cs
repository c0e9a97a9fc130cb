using System.CommandLine;
using Senim.Law.Calendar;
using Senim.Law.Packs;

namespace Senim.Cli;

/// <summary>`senim law validate|show|diff`.</summary>
internal static class LawCommands
{
    public static Command Create(CliContext context)
    {
        var law = new Command("law", "Inspect, validate and compare law packs.");

        var dirArgument = new Argument<string?>("DIR") { Description = "The law folder (default: the one shipped with senim, or SENIM_LAW_DIR).", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "Load and validate every pack and crosswalk in a law folder; print every problem with file, line and id.") { dirArgument };
        validate.SetAction(parse => Validate(context, parse.GetValue(dirArgument)));
        law.Subcommands.Add(validate);

        var lawOption = new Option<string>("--law") { Description = "Which packs: kz, eu, all, or a pack id.", DefaultValueFactory = _ => "all" };
        var langOption = new Option<string>("--lang") { Description = "Language of the texts: kk, ru or en.", DefaultValueFactory = _ => "en" };
        var lawDir = new Option<string?>("--law-dir") { Description = "Use the packs in this law folder instead of the shipped ones." };
        var show = new Command("show", "Show a pack's questions (with ids and answer types), conclusions and obligations.") { lawOption, langOption, lawDir };
        show.SetAction(parse => LawShow.Run(context, parse.GetValue(lawOption), parse.GetValue(langOption), parse.GetValue(lawDir)));
        law.Subcommands.Add(show);

        var oldArgument = new Argument<string>("OLD") { Description = "The old law folder (or one pack folder)." };
        var newArgument = new Argument<string>("NEW") { Description = "The new law folder (or one pack folder)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var diff = new Command("diff", "What changed between two versions of the packs: added, removed and changed items and texts. Exit code 0 when identical, 1 when they differ.") { oldArgument, newArgument, format };
        diff.SetAction(parse => LawDiffCommand.Run(context, parse.GetValue(oldArgument)!, parse.GetValue(newArgument)!, parse.GetValue(format)!));
        law.Subcommands.Add(diff);
        return law;
    }

    internal static string? ResolveRoot(CliContext context, string? dir)
    {
        var root = dir ?? LawLibrary.FindDefaultRoot();
        if (root is null)
        {
            context.Error.WriteLine("No law folder found: pass one (senim law validate law/) or set SENIM_LAW_DIR.");
        }

        return root;
    }

    /// <summary>Loads a library, printing the problems and returning null when it does not load.</summary>
    internal static LawLibrary? TryLoad(CliContext context, string root)
    {
        try
        {
            return LawLibrary.Load(root);
        }
        catch (PackLoadException ex)
        {
            context.Error.WriteLine(ex.Message);
            return null;
        }
    }

    private static int Validate(CliContext context, string? dir)
    {
        var root = ResolveRoot(context, dir);
        if (root is null)
        {
            return ExitCodes.InvalidInput;
        }

        try
        {
            var library = LawLibrary.Load(root);
            foreach (var pack in library.Packs)
            {
                var p = pack.Pack;
                context.Output.WriteLine($"ok  {p.Id} {p.Header.Version}  {pack.ContentHash}");
                context.Output.WriteLine($"    {p.Articles.Count} articles, {p.Questions.Count} questions, {p.Conclusions.Count} conclusions, {p.Rules.Count} rules, {p.Obligations.Count} obligations, {p.Documents.Count} documents, {p.NextSteps.Count} next steps");
            }

            foreach (var crosswalk in library.Crosswalks)
            {
                context.Output.WriteLine($"ok  crosswalk {crosswalk.Id} {crosswalk.Version}: {crosswalk.From} -> {crosswalk.To}, {crosswalk.Entries.Count} entries");
            }

            var calendarFolder = WorkingCalendar.DefaultFolder(root);
            if (Directory.Exists(calendarFolder))
            {
                var calendar = WorkingCalendar.Load(calendarFolder);
                context.Output.WriteLine($"ok  calendar {WorkingCalendar.Folder}: {string.Join(", ", calendar.Years.Select(y => $"{y.Year} [{y.Status.Code()}]"))}");
            }

            return ExitCodes.Ok;
        }
        catch (CalendarLoadException ex)
        {
            ex.Errors.ToList().ForEach(e => context.Error.WriteLine(e.ToString()));
            context.Error.WriteLine(ex.Errors.Count == 1 ? "1 error." : $"{ex.Errors.Count} errors.");
            return ExitCodes.InvalidInput;
        }
        catch (PackLoadException ex)
        {
            if (ex.Errors.Count == 0)
            {
                context.Error.WriteLine(ex.Message);
            }

            foreach (var error in ex.Errors)
            {
                context.Error.WriteLine(error.ToString());
            }

            context.Error.WriteLine(ex.Errors.Count == 1 ? "1 error." : $"{ex.Errors.Count} errors.");
            return ExitCodes.InvalidInput;
        }
    }
}
