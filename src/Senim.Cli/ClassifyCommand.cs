using System.CommandLine;
using Senim.Law.Engine;
using Senim.Law.Systems;
using Senim.Law.Packs;
using Senim.Law.Texts;

namespace Senim.Cli;

/// <summary>`senim classify FILE [--law kz|eu|all] [--at DATE] [--lang kk|ru|en] [--format text|json]`.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A YAML or JSON description of the AI system (see docs/system-description.md; examples in examples/)." };
        var law = new Option<string>("--law") { Description = "Which law to apply: kz (Law 230-VIII), eu (AI Act) or all.", DefaultValueFactory = _ => "all" };
        var at = new Option<string?>("--at") { Description = "Apply the law as at this date (yyyy-mm-dd); default today." };
        var lang = new Option<string>("--lang") { Description = "Report language: kk, ru or en.", DefaultValueFactory = _ => "en" };
        var format = new Option<string>("--format") { Description = "text (a report) or json (senim.classification/1).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var lawDir = new Option<string?>("--law-dir") { Description = "Use the packs in this law folder instead of the shipped ones." };

        var classify = new Command("classify", "Classify an AI system described in a YAML or JSON file. Exit codes: 0 classified, 3 a prohibited capability was found that is prohibited at the classification date, 2 invalid input.")
        {
            file, law, at, lang, format, lawDir,
        };
        classify.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(law), parse.GetValue(at), parse.GetValue(lang), parse.GetValue(format)!, parse.GetValue(lawDir)));
        return classify;
    }

    private static int Run(CliContext context, string file, string? lawText, string? atText, string? langText, string format, string? lawDir)
    {
        var root = LawCommands.ResolveRoot(context, lawDir);
        if (root is null)
        {
            return ExitCodes.InvalidInput;
        }

        LawLibrary library;
        try
        {
            library = LawLibrary.Load(root);
        }
        catch (PackLoadException ex)
        {
            context.Error.WriteLine(ex.Message);
            return ExitCodes.InvalidInput;
        }

        var errors = new List<InputError>();
        var language = ClassificationOptions.ParseLanguage(langText, "--lang", errors);
        var at = ClassificationOptions.ParseAt(atText, "--at", errors) ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var law = ClassificationOptions.ParseLaw(lawText, "--law", library, errors);
        if (errors.Count > 0)
        {
            return Invalid(context, errors);
        }

        string V(string key) => Vocabulary.Get(key, language);
        byte[] content;
        try
        {
            if (Directory.Exists(file))
            {
                return Invalid(context, [new InputError(file, 0, V("input.folder"))]);
            }

            var info = new FileInfo(file);
            if (!info.Exists)
            {
                return Invalid(context, [new InputError(file, 0, V("input.no_file"))]);
            }

            SystemDescriptions.CheckSize(info.Length);
            content = File.ReadAllBytes(file);
        }
        catch (InvalidInputException ex)
        {
            return Invalid(context, [.. ex.Errors.Select(e => e with { Path = file })]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Invalid(context, [new InputError(file, 0, Vocabulary.Format("input.unreadable", language, ex.Message))]);
        }

        SystemDescription system;
        try
        {
            system = SystemDescriptions.Read(file, content, library, at);
        }
        catch (InvalidInputException ex)
        {
            context.Error.WriteLine(Vocabulary.Format("input.invalid", language, file));
            return Invalid(context, ex.Errors);
        }

        var result = Classifier.Classify(library.Select(law), system.Answers, at);
        if (format == "json")
        {
            context.Output.WriteLine(ResultJson.ToJson(result, system, language));
        }
        else
        {
            context.Output.Write(TextReport.Render(result, system, language));
        }

        // Only what is prohibited at the classification date counts: a ban that applies later is reported, not enforced.
        return result.HasProhibited ? ExitCodes.Prohibited : ExitCodes.Ok;
    }

    private static int Invalid(CliContext context, IReadOnlyList<InputError> errors)
    {
        foreach (var error in errors)
        {
            context.Error.WriteLine("  " + error);
        }

        return ExitCodes.InvalidInput;
    }
}
