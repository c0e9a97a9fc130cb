using System.CommandLine;
using System.Globalization;
using Senim.Law;
using Senim.Law.Calendar;
using Senim.Law.Fines;
using Senim.Law.Packs;
using Senim.Law.Systems;
using Senim.Law.Texts;

namespace Senim.Cli;

/// <summary>`senim deadline ID --from INSTANT` and `senim fine --offender CATEGORY --offence DATE`.</summary>
internal static class DeadlineCommands
{
    public static IEnumerable<Command> Create(CliContext context, TimeProvider time)
    {
        var lawDir = new Option<string?>("--law-dir") { Description = "Use the packs (and calendar/kz) in this law folder instead of the shipped ones." };
        var lang = new Option<string>("--lang") { Description = "Language of the texts: kk, ru or en.", DefaultValueFactory = _ => "en" };

        var id = new Argument<string>("ID") { Description = "The deadline's id, e.g. kz.deadline.objection-reply or eu.deadline.incident-15." };
        var from = new Option<string>("--from") { Description = "When the clock started: yyyy-mm-ddThh:mm with an offset or Z, or a date (its start in Almaty).", Required = true };
        var now = new Option<string?>("--now") { Description = "The instant to compare with (default: now)." };
        var calendar = new Option<string[]>("--calendar") { Description = "A folder of calendar years (yyyy.yaml) that replaces the shipped years it holds; may be repeated.", AllowMultipleArgumentsPerToken = false };
        var deadline = new Command("deadline", "When a deadline of the law packs falls due: working days on Kazakhstan's calendar, or calendar days.") { id, from, now, calendar, lawDir, lang };
        deadline.SetAction(parse => Deadline(context, time, parse.GetValue(id)!, parse.GetValue(from)!, parse.GetValue(now), parse.GetValue(calendar) ?? [], parse.GetValue(lawDir), parse.GetValue(lang)));

        var offender = new Option<string>("--offender") { Description = "The offender's category: a row of the fine table (individual, small, medium, large).", Required = true };
        var offence = new Option<string>("--offence") { Description = "The date of the offence (yyyy-mm-dd).", Required = true };
        var earlier = new Option<string[]>("--earlier") { Description = "The date of an earlier penalty for the same kind of offence; may be repeated." };
        var opened = new Option<string?>("--case-opened") { Description = "The date the case was opened; its year chooses the MCI (default: the offence's year)." };
        var mci = new Option<string[]>("--mci") { Description = "A configured value of the fine unit for a year, YEAR=AMOUNT (e.g. 2027=4500); may be repeated." };
        var table = new Option<string>("--table") { Description = "The fine table's id.", DefaultValueFactory = _ => "kz.fine.coao641-1" };
        var fine = new Command("fine", "Compute an administrative fine from the pack's table (CoAO Art. 641-1): first or repeat, in MCI and tenge, with its trace.") { offender, offence, earlier, opened, mci, table, lawDir, lang };
        fine.SetAction(parse => Fine(context, parse.GetValue(table)!, parse.GetValue(offender)!, parse.GetValue(offence)!, parse.GetValue(earlier) ?? [], parse.GetValue(opened), parse.GetValue(mci) ?? [], parse.GetValue(lawDir), parse.GetValue(lang)));
        return [deadline, fine];
    }

    private static int Deadline(CliContext context, TimeProvider time, string id, string fromText, string? nowText, string[] calendars, string? lawDir, string? langText)
    {
        var errors = new List<InputError>();
        var language = ClassificationOptions.ParseLanguage(langText, "--lang", errors);
        var started = Instant(fromText, "--from", errors);
        var now = nowText is null ? time.GetUtcNow() : Instant(nowText, "--now", errors);
        if (Invalid(context, errors) || LoadLaw(context, lawDir) is not ({ } root, { } library))
        {
            return ExitCodes.InvalidInput;
        }

        WorkingCalendar workingDays;
        try
        {
            workingDays = WorkingCalendar.Load([WorkingCalendar.DefaultFolder(root), .. calendars]);
        }
        catch (CalendarLoadException ex)
        {
            context.Error.WriteLine(ex.Message);
            return ExitCodes.InvalidInput;
        }

        var clock = new DeadlineClock(library.Packs.Select(p => p.Pack), workingDays);
        return Calculate(context, () =>
        {
            var d = clock.For(id, started);
            var p = d.Period;
            var o = context.Output;
            var unit = p.Unit == DeadlineUnit.WorkingDays ? "working days" : "calendar days";
            var basis = p.Basis == ProcessBasis.Statutory ? "statutory" : "platform policy";
            o.WriteLine($"{p.Id}: {p.Title[language]}");
            o.WriteLine($"  {p.Length} {unit}, {basis} [{p.Status.Code()}]; {string.Join(", ", p.Articles)}");
            o.WriteLine($"  starts:  {p.Starts[language]}");
            o.WriteLine($"  started: {Iso(d.StartDate)} ({Local(clock, d.StartedAt)} in Kazakhstan); the start day is not counted");
            o.WriteLine($"  due:     {Iso(d.DueDate)}, ends {d.DueAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} (24:00 in Kazakhstan)");
            var left = clock.DaysLeft(d, now);
            o.WriteLine(d.IsOverdue(now)
                ? $"  OVERDUE by {-left} {unit} at {Local(clock, now)}"
                : $"  left:    {left} {unit} at {Local(clock, now)}");
            o.WriteLine($"  why:     {p.Text[language]}");
            return d.IsOverdue(now) ? ExitCodes.Failure : ExitCodes.Ok;
        });
    }

    private static int Fine(CliContext context, string tableId, string offender, string offenceText, string[] earlierTexts, string? openedText, string[] mciTexts, string? lawDir, string? langText)
    {
        var errors = new List<InputError>();
        var language = ClassificationOptions.ParseLanguage(langText, "--lang", errors);
        var offence = Date(offenceText, "--offence", errors);
        var earlier = earlierTexts.Select(e => Date(e, "--earlier", errors)).ToList();
        DateOnly? opened = openedText is null ? null : Date(openedText, "--case-opened", errors);
        var configured = new Dictionary<int, decimal>();
        foreach (var text in mciTexts)
        {
            var parts = text.Split('=', 2);
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                configured[year] = amount;
            }
            else
            {
                errors.Add(new InputError("--mci", 0, $"'{text}' is not YEAR=AMOUNT (e.g. 2027=4500)"));
            }
        }

        if (Invalid(context, errors) || LoadLaw(context, lawDir) is not (_, { } library))
        {
            return ExitCodes.InvalidInput;
        }

        return Calculate(context, () =>
        {
            var result = FineCalculator.Compute(FineCalculator.Table(library.Packs.Select(p => p.Pack), tableId), new FineCase(offender, offence, earlier, opened), configured);
            foreach (var line in result.Trace)
            {
                context.Output.WriteLine(line[language]);
            }

            context.Output.WriteLine($"fine: {result.Units.ToString(CultureInfo.InvariantCulture)} {result.Unit} = {result.Amount.ToString(CultureInfo.InvariantCulture)} {result.Currency}{(result.IsRepeat ? " (repeat)" : "")}; {string.Join(", ", result.Articles)} [{result.Status.Code()}]");
            return ExitCodes.Ok;
        });
    }

    /// <summary>Runs a computation, turning a <see cref="CalculationException"/> into its message and an exit code.</summary>
    private static int Calculate(CliContext context, Func<int> compute)
    {
        try
        {
            return compute();
        }
        catch (CalculationException ex)
        {
            context.Error.WriteLine($"{ex.Code}: {ex.Message}");
            return ex.Code is "calendar-year-missing" or "fine-unit-value-missing" or "fine-currency-unknown" ? ExitCodes.Failure : ExitCodes.InvalidInput;
        }
    }

    private static (string Root, LawLibrary Library)? LoadLaw(CliContext context, string? lawDir)
    {
        var root = LawCommands.ResolveRoot(context, lawDir);
        return root is not null && LawCommands.TryLoad(context, root) is { } library ? (root, library) : null;
    }

    private static bool Invalid(CliContext context, List<InputError> errors)
    {
        errors.ForEach(e => context.Error.WriteLine("  " + e));
        return errors.Count > 0;
    }

    private static DateTimeOffset Instant(string text, string option, List<InputError> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = date.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, DeadlineClock.Kazakhstan.GetUtcOffset(local));
        }

        // An instant must say its offset: a bare local time would silently mean the machine's zone.
        if (text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        errors.Add(new InputError(option, 0, $"'{text}' is not yyyy-mm-dd or yyyy-mm-ddThh:mm with an offset (+05:00) or Z"));
        return default;
    }

    private static DateOnly Date(string text, string option, List<InputError> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new InputError(option, 0, $"'{text}' is not a date yyyy-mm-dd"));
        return default;
    }

    private static string Local(DeadlineClock clock, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, clock.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
