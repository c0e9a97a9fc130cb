using Senim.Law.Calendar;
using Senim.Law.Packs;
using Senim.Law.Tests.Support;

namespace Senim.Law.Tests.Calendar;

/// <summary>
/// Kazakhstan's working days over the shipped 2026 and 2027 calendars. Holidays: Law "On holidays in
/// the Republic of Kazakhstan" Art. 5 (a holiday on a weekend gives the next working day off); religious
/// days off: Labour Code Art. 84 (no transfer). The 2026 dates are the e-government calendar's.
/// </summary>
public class WorkingCalendarTests
{
    private static WorkingCalendar Kz => RepoLaw.Calendar;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-01-01", NonWorkingReason.Holiday)]
    [InlineData("2026-01-02", NonWorkingReason.Holiday)]
    [InlineData("2026-01-07", NonWorkingReason.Holiday)] // Orthodox Christmas, religious
    [InlineData("2026-03-09", NonWorkingReason.HolidayCarriedOver)] // 8 March was a Sunday
    [InlineData("2026-03-21", NonWorkingReason.Holiday)]
    [InlineData("2026-03-23", NonWorkingReason.Holiday)]
    [InlineData("2026-03-24", NonWorkingReason.HolidayCarriedOver)] // for 21 March, a Saturday
    [InlineData("2026-03-25", NonWorkingReason.HolidayCarriedOver)] // for 22 March, a Sunday
    [InlineData("2026-05-11", NonWorkingReason.HolidayCarriedOver)] // 9 May was a Saturday
    [InlineData("2026-05-27", NonWorkingReason.Holiday)] // Kurban ait
    [InlineData("2026-10-26", NonWorkingReason.HolidayCarriedOver)] // 25 October was a Sunday
    [InlineData("2026-12-16", NonWorkingReason.Holiday)]
    [InlineData("2026-12-19", NonWorkingReason.Weekend)]
    [InlineData("2027-01-04", NonWorkingReason.HolidayCarriedOver)] // 2 January 2027 is a Saturday
    [InlineData("2027-03-15", NonWorkingReason.Holiday)] // Constitution Day from 2027
    [InlineData("2027-03-24", NonWorkingReason.HolidayCarriedOver)] // 21 March 2027 is a Sunday; 22-23 are Nauryz
    [InlineData("2027-05-03", NonWorkingReason.HolidayCarriedOver)]
    [InlineData("2027-05-10", NonWorkingReason.HolidayCarriedOver)]
    public void Days_off_of_the_shipped_calendar(string date, NonWorkingReason reason)
    {
        var why = Kz.Why(D(date));
        Assert.NotNull(why);
        Assert.Equal(reason, why.Reason);
        Assert.False(Kz.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2026-03-20")] // Oraza ait is not a day off in Kazakhstan
    [InlineData("2026-03-26")] // after the Nauryz days off
    [InlineData("2026-08-31")] // 30 August is no longer Constitution Day in 2026, so nothing is carried over
    [InlineData("2026-12-17")] // 17 December stopped being a holiday in 2022
    [InlineData("2027-05-17")] // Kurban ait 2027 falls on a Sunday and, being religious, does not move
    [InlineData("2027-01-05")]
    public void Working_days_of_the_shipped_calendar(string date)
    {
        Assert.True(Kz.IsWorkingDay(D(date)));
        Assert.Null(Kz.Why(D(date)));
    }

    [Fact]
    public void A_day_carried_over_names_the_holiday_it_replaces()
    {
        var why = Kz.Why(D("2026-03-25"))!;
        Assert.Equal(D("2026-03-22"), why.Holiday!.Date);
        Assert.Equal("Nauryz", why.Holiday.Name.En);
    }

    [Theory]
    [InlineData("2026-02-06", 1, "2026-02-09")] // Friday + 1 = Monday
    [InlineData("2026-02-07", 1, "2026-02-09")] // Saturday: the weekend is not counted, Monday is day 1
    [InlineData("2026-02-06", 5, "2026-02-13")]
    [InlineData("2026-03-06", 1, "2026-03-10")] // 8 March on Sunday, 9 March off
    [InlineData("2026-03-19", 5, "2026-03-31")] // across Nauryz: 20, 26, 27, 30, 31
    [InlineData("2026-03-23", 1, "2026-03-26")] // a start on a holiday
    [InlineData("2025-12-31", 1, "2026-01-05")] // New Year: 1-2 January holidays, 3-4 weekend
    [InlineData("2026-12-15", 15, "2027-01-11")] // across the year: 16 Dec, 1-2 Jan (+4 Jan), 7 Jan off
    [InlineData("2026-05-06", 3, "2026-05-13")] // 7 May holiday, 9 May Saturday carried to 11 May
    [InlineData("2026-06-10", 0, "2026-06-10")]
    public void Adding_working_days(string start, int days, string expected)
    {
        Assert.Equal(D(expected), Kz.AddWorkingDays(D(start), days));
    }

    [Fact]
    public void Working_days_between_count_after_the_first_date_up_to_the_second()
    {
        Assert.Equal(4, Kz.WorkingDaysBetween(D("2026-03-20"), D("2026-03-31")));
        Assert.Equal(-4, Kz.WorkingDaysBetween(D("2026-03-31"), D("2026-03-20")));
        Assert.Equal(0, Kz.WorkingDaysBetween(D("2026-03-21"), D("2026-03-25")));
        Assert.Equal(0, Kz.WorkingDaysBetween(D("2026-06-10"), D("2026-06-10")));
    }

    [Fact]
    public void A_negative_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Kz.AddWorkingDays(D("2026-06-10"), -1));
    }

    [Fact]
    public void A_year_the_calendar_does_not_hold_is_an_explicit_error()
    {
        Assert.True(Kz.Covers(2026));
        Assert.False(Kz.Covers(2028));
        var ex = Assert.Throws<CalculationException>(() => Kz.AddWorkingDays(D("2027-12-20"), 15));
        Assert.Equal("calendar-year-missing", ex.Code);
        Assert.Contains("no year 2028", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2028.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Equal("calendar-year-missing", Assert.Throws<CalculationException>(() => Kz.IsWorkingDay(D("2025-06-02"))).Code);
    }

    private const string Override2027 = """
        calendar:
          country: KZ
          year: 2027
          status: S
          sources: [an operator's copy of the government's decree]
          holidays:
            - {date: 2027-01-01, name: {kk: Жаңа жыл, ru: Новый год, en: New Year}, kind: state}
            - {date: 2027-01-02, name: {kk: Жаңа жыл, ru: Новый год, en: New Year}, kind: state}
            - {date: 2027-01-07, name: {kk: Рождество, ru: Рождество, en: Christmas}, kind: religious}
          transfers:
            - working: 2027-01-09
              day_off: 2027-01-08
              reason: {kk: Үкімет қаулысы, ru: Постановление Правительства, en: Government decree}
          days_off:
            - date: 2027-06-01
              reason: {kk: Бір реттік демалыс, ru: Разовый выходной, en: One-off day off}
        """;

    private static WorkingCalendar WithOverride()
    {
        var dir = Directory.CreateTempSubdirectory("senim-calendar-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "2027.yaml"), Override2027);
            return WorkingCalendar.Load(WorkingCalendar.DefaultFolder(RepoLaw.LawDir), dir.FullName);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_transferred_working_Saturday_counts_and_its_weekday_does_not()
    {
        var calendar = WithOverride();
        Assert.True(calendar.IsWorkingDay(D("2027-01-09")));
        Assert.Equal(NonWorkingReason.Transfer, calendar.Why(D("2027-01-08"))!.Reason);
        Assert.Equal(NonWorkingReason.DayOff, calendar.Why(D("2027-06-01"))!.Reason);

        // 7 January religious, 8 January transferred, Saturday 9 January worked.
        Assert.Equal(D("2027-01-09"), calendar.AddWorkingDays(D("2027-01-06"), 1));
        Assert.Equal(D("2027-01-11"), calendar.AddWorkingDays(D("2027-01-06"), 2));
    }

    [Fact]
    public void An_operators_year_replaces_the_shipped_year_and_leaves_the_others()
    {
        var calendar = WithOverride();
        Assert.True(calendar.IsWorkingDay(D("2027-03-08")), "the operator's 2027 lists no 8 March, so it replaces the shipped year whole");
        Assert.False(calendar.IsWorkingDay(D("2026-03-09")), "2026 still comes from the shipped folder");
        Assert.Equal(2, calendar.Years.Count);
    }

    private static CalendarLoadException LoadError(string text, string file = "kz/2027.yaml") =>
        Assert.Throws<CalendarLoadException>(() => WorkingCalendar.FromFiles([(file, text)]));

    [Fact]
    public void A_file_not_named_after_its_year_is_refused()
    {
        var ex = LoadError(Override2027, "kz/holidays.yaml");
        Assert.Contains("named after its year", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_that_disagrees_with_the_file_name_is_refused()
    {
        var ex = LoadError(Override2027, "kz/2028.yaml");
        Assert.Contains(ex.Errors, e => e.Message.Contains("'year' is 2027 but the file is named 2028.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_transfer_that_works_a_weekday_is_refused_with_its_line()
    {
        var text = Override2027.Replace("working: 2027-01-09", "working: 2027-01-11", StringComparison.Ordinal);
        var error = Assert.Single(LoadError(text).Errors);
        Assert.Equal(PackErrorKind.InvalidValue, error.Kind);
        Assert.Contains("must be a Saturday or Sunday", error.Message, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.Contains("working: 2027-01-11", StringComparison.Ordinal)) + 1, error.Line);
    }

    [Fact]
    public void A_holiday_outside_the_year_or_listed_twice_is_refused()
    {
        var outside = Override2027.Replace("{date: 2027-01-07,", "{date: 2026-01-07,", StringComparison.Ordinal);
        Assert.Contains(LoadError(outside).Errors, e => e.Message.Contains("2026-01-07 is not in 2027", StringComparison.Ordinal));
        var twice = Override2027.Replace("{date: 2027-01-07,", "{date: 2027-01-02,", StringComparison.Ordinal);
        Assert.Contains(LoadError(twice).Errors, e => e.Kind == PackErrorKind.DuplicateId && e.Message.Contains("2027-01-02 is listed twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_holiday_name_without_Kazakh_is_a_missing_translation()
    {
        var text = Override2027.Replace("{kk: Рождество, ru: Рождество, en: Christmas}", "{ru: Рождество, en: Christmas}", StringComparison.Ordinal);
        var error = Assert.Single(LoadError(text).Errors);
        Assert.Equal(PackErrorKind.MissingTranslation, error.Kind);
        Assert.Contains("no Kazakh text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_holiday_kind_and_an_unknown_key_are_refused()
    {
        var text = Override2027.Replace("kind: religious}", "kind: church, moves: no}", StringComparison.Ordinal);
        var errors = LoadError(text).Errors;
        Assert.Contains(errors, e => e.Message.Contains("'kind' must be state or religious, got 'church'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Kind == PackErrorKind.UnknownKey && e.Message.Contains("'moves'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_calendar_folder_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "senim-no-such-calendar-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<CalendarLoadException>(() => WorkingCalendar.Load(missing));
        Assert.Equal(missing, Assert.Single(ex.Errors).File);
    }

    [Fact]
    public void The_calendar_folder_is_not_read_as_a_pack()
    {
        var files = LawLibrary.ReadFiles(RepoLaw.LawDir);
        Assert.DoesNotContain(files, f => f.RelativePath.StartsWith("calendar/", StringComparison.Ordinal));
        var library = LawLibrary.FromFiles(files.Append(("calendar/kz/2026.yaml", "not: a pack")));
        Assert.Equal(RepoLaw.Library.Packs.Count, library.Packs.Count);
    }
}
