using Senim.Law.Tests.Support;

namespace Senim.Cli.Tests;

public class DeadlineCommandTests
{
    [Fact]
    public void Deadline_prints_the_due_date_the_instant_and_the_working_days_left()
    {
        var run = Cli.Run("deadline", "kz.deadline.objection-reply", "--from", "2026-02-06T20:00+05:00", "--now", "2026-02-20T10:00Z", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("15 working days, platform policy [U]", run.Output, StringComparison.Ordinal);
        Assert.Contains("due:     2026-02-27, ends 2026-02-27T19:00:00Z", run.Output, StringComparison.Ordinal);
        Assert.Contains("left:    5 working days", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overdue_deadline_exits_1_and_says_by_how_much()
    {
        var run = Cli.Run("deadline", "eu.deadline.incident-2", "--from", "2026-05-29T10:00Z", "--now", "2026-06-02T00:00Z", "--law-dir", RepoLaw.LawDir, "--lang", "ru");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("OVERDUE by 2 calendar days", run.Output, StringComparison.Ordinal);
        Assert.Contains("Сообщение о широко распространённом нарушении", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operators_calendar_folder_replaces_a_shipped_year()
    {
        using var law = new TempLaw();
        var folder = Directory.CreateDirectory(Path.Combine(law.Root, "calendar")).FullName;
        File.WriteAllText(Path.Combine(folder, "2026.yaml"), """
            calendar:
              country: KZ
              year: 2026
              status: S
              sources: [test]
              holidays:
                - {date: 2026-02-09, name: {kk: Мереке, ru: Праздник, en: Holiday}, kind: state}
            """);
        var run = Cli.Run("deadline", "kz.deadline.interaction-refusal", "--from", "2026-02-06", "--now", "2026-02-06T12:00Z", "--calendar", folder, "--law-dir", RepoLaw.LawDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("due:     2026-02-16", run.Output, StringComparison.Ordinal); // 9 February is off in that calendar
    }

    [Fact]
    public void A_year_missing_from_the_calendar_exits_1_with_its_code()
    {
        var run = Cli.Run("deadline", "kz.deadline.audit-corrective-action", "--from", "2027-12-10", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("calendar-year-missing: The working-day calendar has no year 2028", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_instants_and_unknown_ids_exit_2()
    {
        var bad = Cli.Run("deadline", "kz.deadline.objection-reply", "--from", "2026-02-06T20:00", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--from: '2026-02-06T20:00' is not yyyy-mm-dd or yyyy-mm-ddThh:mm with an offset", bad.Error, StringComparison.Ordinal);
        var unknown = Cli.Run("deadline", "kz.deadline.none", "--from", "2026-02-06", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("deadline-unknown", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fine_prints_the_trace_and_the_amount()
    {
        var run = Cli.Run("fine", "--offender", "large", "--offence", "2026-09-01", "--earlier", "2026-06-15", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Repeat offence: committed on 2026-09-01, within a year of the penalty of 2026-06-15", run.Output, StringComparison.Ordinal);
        Assert.Contains("Note: plus suspension or ban of the AI system.", run.Output, StringComparison.Ordinal);
        Assert.Contains("fine: 200 MCI = 865000 KZT (repeat); kz.coao641-1, kz.art30 [S]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fine_takes_a_configured_MCI_and_refuses_a_malformed_one()
    {
        var run = Cli.Run("fine", "--offender", "small", "--offence", "2027-03-01", "--mci", "2027=4500", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("fine: 20 MCI = 90000 KZT;", run.Output, StringComparison.Ordinal);
        var bad = Cli.Run("fine", "--offender", "small", "--offence", "2027-03-01", "--mci", "2027:4500", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'2027:4500' is not YEAR=AMOUNT", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fine_without_the_years_MCI_exits_1_and_an_unknown_category_exits_2()
    {
        var missing = Cli.Run("fine", "--offender", "small", "--offence", "2027-03-01", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("fine-unit-value-missing", missing.Error, StringComparison.Ordinal);
        var unknown = Cli.Run("fine", "--offender", "huge", "--offence", "2026-03-01", "--law-dir", RepoLaw.LawDir);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("fine-category-unknown", unknown.Error, StringComparison.Ordinal);
    }
}
