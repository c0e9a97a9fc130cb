using Senim.Law.Packs;

namespace Senim.Law.Calendar;

/// <summary>
/// A deadline computed from a pack's period: the clock started at <see cref="StartedAt"/> (local date
/// <see cref="StartDate"/>), and the period ends at 24:00 local time on <see cref="DueDate"/>, which is
/// the instant <see cref="DueAt"/> (UTC).
/// </summary>
public sealed record Deadline(DeadlinePeriod Period, DateTimeOffset StartedAt, DateOnly StartDate, DateOnly DueDate, DateTimeOffset DueAt)
{
    /// <summary>True from <see cref="DueAt"/> on: the whole due date has passed.</summary>
    public bool IsOverdue(DateTimeOffset now) => now >= DueAt;
}

/// <summary>
/// Turns the deadlines of law packs into due dates. Working days are Kazakhstan's (the calendar
/// given); calendar days count every day. Either way the day the clock starts is not counted, so a
/// request on a Friday evening, a Saturday or a holiday starts its count on the next working day,
/// and the deadline ends at 24:00 on the last day counted, in the clock's time zone.
/// </summary>
public sealed class DeadlineClock
{
    private readonly Dictionary<string, DeadlinePeriod> _periods;
    private readonly WorkingCalendar _calendar;
    private readonly TimeZoneInfo _zone;

    /// <summary>A clock over the deadlines of the given packs.</summary>
    /// <param name="zone">The time zone days are counted in; <see cref="Kazakhstan"/> when null.</param>
    public DeadlineClock(IEnumerable<LawPack> packs, WorkingCalendar calendar, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(calendar);
        _periods = new Dictionary<string, DeadlinePeriod>(StringComparer.Ordinal);
        foreach (var period in packs.SelectMany(p => p.Deadlines))
        {
            // Ids are unique within a pack; across packs their prefixes (kz., eu.) keep them apart.
            _periods.TryAdd(period.Id, period);
        }

        _calendar = calendar;
        _zone = zone ?? Kazakhstan;
    }

    /// <summary>
    /// Kazakhstan's time: UTC+05:00 all year for the whole country since 1 March 2024, no daylight
    /// saving. Fixed here rather than read from the machine's time-zone database, so a deadline does
    /// not move with the database's version (ADR 0024).
    /// </summary>
    public static TimeZoneInfo Kazakhstan { get; } =
        TimeZoneInfo.CreateCustomTimeZone("Asia/Almaty", TimeSpan.FromHours(5), "Kazakhstan (UTC+05:00)", "Kazakhstan Time");

    /// <summary>The time zone days are counted in.</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>Every deadline the packs define.</summary>
    public IReadOnlyCollection<DeadlinePeriod> Periods => _periods.Values;

    /// <summary>The period with the given id.</summary>
    /// <exception cref="CalculationException">No pack defines it (code deadline-unknown).</exception>
    public DeadlinePeriod Period(string deadlineId)
    {
        ArgumentNullException.ThrowIfNull(deadlineId);
        return _periods.TryGetValue(deadlineId, out var period)
            ? period
            : throw new CalculationException("deadline-unknown", $"No law pack defines the deadline '{deadlineId}'.");
    }

    /// <summary>The deadline of the given id whose clock started at <paramref name="startedAt"/>.</summary>
    /// <exception cref="CalculationException">The id is unknown, or the count runs into a year the calendar does not hold.</exception>
    public Deadline For(string deadlineId, DateTimeOffset startedAt) => For(Period(deadlineId), startedAt);

    /// <summary>The deadline of the given period whose clock started at <paramref name="startedAt"/>.</summary>
    /// <exception cref="CalculationException">The count runs into a year the calendar does not hold.</exception>
    public Deadline For(DeadlinePeriod period, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(period);
        var start = LocalDate(startedAt);
        var due = period.Unit == DeadlineUnit.WorkingDays
            ? _calendar.AddWorkingDays(start, period.Length)
            : start.AddDays(period.Length);
        return new Deadline(period, startedAt.ToUniversalTime(), start, due, StartOfDay(due.AddDays(1)));
    }

    /// <summary>
    /// Days left until the deadline in its own unit: the working (or calendar) days after today up to
    /// and including the due date; 0 on the due date itself; negative once it has passed (how many
    /// such days are overdue).
    /// </summary>
    /// <exception cref="CalculationException">The range touches a year the calendar does not hold.</exception>
    public int DaysLeft(Deadline deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var today = LocalDate(now);
        return deadline.Period.Unit == DeadlineUnit.WorkingDays
            ? _calendar.WorkingDaysBetween(today, deadline.DueDate)
            : deadline.DueDate.DayNumber - today.DayNumber;
    }

    /// <summary>The date of an instant in the clock's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    /// <summary>00:00 of the date in the clock's time zone, as a UTC instant.</summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
