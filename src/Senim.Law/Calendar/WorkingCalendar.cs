using System.Globalization;
using Senim.Law.Packs;
using Senim.Law.Texts;

namespace Senim.Law.Calendar;

/// <summary>Whether a holiday's day off moves when it falls on a weekend.</summary>
public enum HolidayKind
{
    /// <summary>A state or national holiday: on a Saturday or Sunday, the next working day is off instead.</summary>
    State,

    /// <summary>A religious day off (Orthodox Christmas, Kurban ait): never moves.</summary>
    Religious,
}

/// <summary>A public holiday of one year.</summary>
public sealed record Holiday(DateOnly Date, LocalizedText Name, HolidayKind Kind, SourceStatus Status);

/// <summary>A government transfer: the weekend day <see cref="Working"/> is worked so that <see cref="DayOff"/> is free.</summary>
public sealed record DayTransfer(DateOnly Working, DateOnly DayOff, LocalizedText Reason);

/// <summary>A one-off day off declared for that year (a decree), that is neither a holiday nor a transfer.</summary>
public sealed record ExtraDayOff(DateOnly Date, LocalizedText Reason);

/// <summary>One year of the calendar as read from its file.</summary>
public sealed record CalendarYear(
    int Year,
    string Country,
    IReadOnlyList<Holiday> Holidays,
    IReadOnlyList<DayTransfer> Transfers,
    IReadOnlyList<ExtraDayOff> DaysOff,
    IReadOnlyList<string> Sources,
    SourceStatus Status,
    string File);

/// <summary>Why a date is not a working day.</summary>
public enum NonWorkingReason
{
    /// <summary>Saturday or Sunday.</summary>
    Weekend,

    /// <summary>A public holiday.</summary>
    Holiday,

    /// <summary>The day off for a state holiday that fell on a weekend.</summary>
    HolidayCarriedOver,

    /// <summary>A weekday made free by a government transfer.</summary>
    Transfer,

    /// <summary>A one-off day off.</summary>
    DayOff,
}

/// <summary>A non-working date and why; <see cref="Holiday"/> is the holiday it is (or is carried over from), when there is one.</summary>
public sealed record NonWorkingDay(DateOnly Date, NonWorkingReason Reason, Holiday? Holiday, LocalizedText? Note);

/// <summary>
/// Kazakhstan's working days over the years it holds: Monday to Friday, less public holidays, less
/// the day off that follows a state holiday falling on a weekend, less and plus the government's
/// transfers. Asking about a year the calendar does not hold is an error
/// (<see cref="CalculationException"/> with code calendar-year-missing), never a silent guess:
/// a deadline counted without a year's holidays would fall too early.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>The folder under the law folder that holds the shipped calendar years, one YAML file per year.</summary>
    public const string Folder = "calendar/kz";

    private readonly Dictionary<int, CalendarYear> _years;
    private readonly Dictionary<DateOnly, NonWorkingDay> _off;
    private readonly HashSet<DateOnly> _workedWeekends;

    internal WorkingCalendar(IReadOnlyList<CalendarYear> years)
    {
        _years = years.ToDictionary(y => y.Year);
        Years = [.. years.OrderBy(y => y.Year)];
        _off = [];
        _workedWeekends = [];
        foreach (var year in Years)
        {
            foreach (var h in year.Holidays)
            {
                _off[h.Date] = new NonWorkingDay(h.Date, NonWorkingReason.Holiday, h, null);
            }

            foreach (var t in year.Transfers)
            {
                _workedWeekends.Add(t.Working);
                _off.TryAdd(t.DayOff, new NonWorkingDay(t.DayOff, NonWorkingReason.Transfer, null, t.Reason));
            }

            foreach (var d in year.DaysOff)
            {
                _off.TryAdd(d.Date, new NonWorkingDay(d.Date, NonWorkingReason.DayOff, null, d.Reason));
            }
        }

        // In date order, so that when two holidays fall on one weekend (Nauryz) the second takes the
        // working day after the one the first took.
        foreach (var h in Years.SelectMany(y => y.Holidays).Where(h => h.Kind == HolidayKind.State && IsWeekend(h.Date)).OrderBy(h => h.Date))
        {
            var day = h.Date.AddDays(1);
            while (IsWeekend(day) || _off.ContainsKey(day))
            {
                day = day.AddDays(1);
            }

            _off[day] = new NonWorkingDay(day, NonWorkingReason.HolidayCarriedOver, h, null);
        }
    }

    /// <summary>The years the calendar holds, in order.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>True when the calendar holds the year.</summary>
    public bool Covers(int year) => _years.ContainsKey(year);

    /// <summary>The path of the shipped calendar under a law folder.</summary>
    public static string DefaultFolder(string lawRoot) => Path.Combine(lawRoot, "calendar", "kz");

    /// <summary>
    /// Loads the calendar from folders of YAML files named after their year (2026.yaml). A year in a
    /// later folder replaces the same year of an earlier one, so an operator's folder after the shipped
    /// one corrects or adds years.
    /// </summary>
    /// <exception cref="CalendarLoadException">A folder is missing or a file is wrong; lists every problem.</exception>
    public static WorkingCalendar Load(params IEnumerable<string> folders) => CalendarLoader.Load(folders);

    /// <summary>Loads from in-memory files (name ending in yyyy.yaml, text), in priority order: later files replace years of earlier ones.</summary>
    /// <exception cref="CalendarLoadException">A file is wrong; lists every problem.</exception>
    public static WorkingCalendar FromFiles(IEnumerable<(string Path, string Text)> files) => CalendarLoader.FromFiles(files);

    /// <summary>True for a working day.</summary>
    /// <exception cref="CalculationException">The calendar does not hold the date's year.</exception>
    public bool IsWorkingDay(DateOnly date) => Why(date) is null;

    /// <summary>Why the date is not a working day, or null when it is one.</summary>
    /// <exception cref="CalculationException">The calendar does not hold the date's year.</exception>
    public NonWorkingDay? Why(DateOnly date)
    {
        Require(date.Year);
        if (_off.TryGetValue(date, out var off))
        {
            return off;
        }

        return IsWeekend(date) && !_workedWeekends.Contains(date) ? new NonWorkingDay(date, NonWorkingReason.Weekend, null, null) : null;
    }

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="start"/>; the start date itself
    /// is never counted, whether or not it is a working day. Zero days gives the start date.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">days is negative or over ten years.</exception>
    /// <exception cref="CalculationException">The count runs into a year the calendar does not hold.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, PackLoader.MaxDeadlineLength);
        var day = start;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>;
    /// negative (the working days after <paramref name="to"/> up to <paramref name="from"/>) when to is earlier.
    /// </summary>
    /// <exception cref="CalculationException">The range touches a year the calendar does not hold.</exception>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    private void Require(int year)
    {
        if (!_years.ContainsKey(year))
        {
            var held = Years.Count == 0 ? "none" : string.Join(", ", Years.Select(y => y.Year.ToString(CultureInfo.InvariantCulture)));
            throw new CalculationException("calendar-year-missing",
                $"The working-day calendar has no year {year} (it holds: {held}). Add {year}.yaml to the calendar folder (see docs/deadlines-and-fines.md).");
        }
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
