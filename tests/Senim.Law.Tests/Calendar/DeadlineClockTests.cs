using Senim.Law.Calendar;
using Senim.Law.Packs;
using Senim.Law.Tests.Support;

namespace Senim.Law.Tests.Calendar;

/// <summary>Deadlines from the real packs: KZ periods in working days, EU Art. 73 clocks in calendar days.</summary>
public class DeadlineClockTests
{
    private static readonly DeadlineClock Clock = new(RepoLaw.Library.Packs.Select(p => p.Pack), RepoLaw.Calendar);

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("kz.deadline.objection-reply", 15)]
    [InlineData("kz.deadline.explanation-request", 15)]
    [InlineData("kz.deadline.data-request", 15)]
    [InlineData("kz.deadline.interaction-refusal", 5)]
    [InlineData("kz.deadline.complaint-synthetic-content", 5)]
    [InlineData("kz.deadline.expert-review", 10)]
    [InlineData("kz.deadline.requested-change", 15)]
    [InlineData("kz.deadline.supervisor-decision", 5)]
    [InlineData("kz.deadline.audit-corrective-action", 20)]
    public void The_KZ_pack_sets_each_period_in_working_days_as_platform_policy(string id, int length)
    {
        var period = Clock.Period(id);
        Assert.Equal(length, period.Length);
        Assert.Equal(DeadlineUnit.WorkingDays, period.Unit);
        Assert.Equal(ProcessBasis.Policy, period.Basis); // Law 230-VIII sets no period for any of them
        Assert.NotEqual(SourceStatus.Text, period.Status);
    }

    [Theory]
    [InlineData("eu.deadline.incident-2", 2)] // Art. 73(3)
    [InlineData("eu.deadline.incident-10", 10)] // Art. 73(4)
    [InlineData("eu.deadline.incident-15", 15)] // Art. 73(2)
    public void The_EU_incident_clocks_are_statutory_calendar_days(string id, int length)
    {
        var period = Clock.Period(id);
        Assert.Equal(length, period.Length);
        Assert.Equal(DeadlineUnit.CalendarDays, period.Unit);
        Assert.Equal(ProcessBasis.Statutory, period.Basis);
        Assert.Equal(["eu.art73"], period.Articles);
    }

    [Fact]
    public void An_objection_on_a_Friday_evening_is_due_at_the_end_of_the_fifteenth_working_day()
    {
        // Friday 6 February 2026, 20:00 in Almaty (UTC+5).
        var deadline = Clock.For("kz.deadline.objection-reply", Utc("2026-02-06T15:00:00Z"));
        Assert.Equal(D("2026-02-06"), deadline.StartDate);
        Assert.Equal(D("2026-02-27"), deadline.DueDate);
        Assert.Equal(Utc("2026-02-27T19:00:00Z"), deadline.DueAt); // 24:00 on 27 February in Almaty
        Assert.Equal(TimeSpan.Zero, deadline.DueAt.Offset);
    }

    [Fact]
    public void The_local_date_decides_so_late_Friday_UTC_is_already_Saturday_in_Almaty()
    {
        var friday = Clock.For("kz.deadline.interaction-refusal", Utc("2026-02-06T18:59:00Z"));
        var saturday = Clock.For("kz.deadline.interaction-refusal", Utc("2026-02-06T19:00:00Z"));
        Assert.Equal(D("2026-02-06"), friday.StartDate);
        Assert.Equal(D("2026-02-07"), saturday.StartDate);
        Assert.Equal(D("2026-02-13"), friday.DueDate);
        Assert.Equal(friday.DueDate, saturday.DueDate); // neither Friday nor the weekend is counted
    }

    [Fact]
    public void A_request_during_Nauryz_starts_counting_after_it()
    {
        var deadline = Clock.For("kz.deadline.interaction-refusal", Utc("2026-03-22T06:00:00Z"));
        Assert.Equal(D("2026-04-01"), deadline.DueDate); // 26, 27, 30, 31 March, 1 April
    }

    [Fact]
    public void Overdue_from_the_first_instant_after_the_due_date()
    {
        var deadline = Clock.For("kz.deadline.supervisor-decision", Utc("2026-06-10T04:00:00Z"));
        Assert.Equal(D("2026-06-17"), deadline.DueDate);
        Assert.False(deadline.IsOverdue(deadline.DueAt.AddTicks(-1)));
        Assert.True(deadline.IsOverdue(deadline.DueAt));
    }

    [Fact]
    public void Days_left_are_counted_in_working_days_and_go_negative_when_overdue()
    {
        var deadline = Clock.For("kz.deadline.supervisor-decision", Utc("2026-06-10T04:00:00Z")); // due Wed 17 June
        Assert.Equal(5, Clock.DaysLeft(deadline, Utc("2026-06-10T12:00:00Z")));
        Assert.Equal(3, Clock.DaysLeft(deadline, Utc("2026-06-13T12:00:00Z"))); // Saturday: 15, 16, 17 left
        Assert.Equal(0, Clock.DaysLeft(deadline, Utc("2026-06-17T18:00:00Z"))); // 23:00 on the due date
        Assert.Equal(-1, Clock.DaysLeft(deadline, Utc("2026-06-17T19:00:00Z"))); // 00:00 on 18 June
        Assert.Equal(-3, Clock.DaysLeft(deadline, Utc("2026-06-22T05:00:00Z"))); // Monday: 18, 19, 22 overdue
    }

    [Fact]
    public void The_EU_two_day_clock_runs_through_the_weekend()
    {
        // Aware on Friday 29 May 2026: due at the end of Sunday 31 May; no roll-forward to Monday.
        var deadline = Clock.For("eu.deadline.incident-2", Utc("2026-05-29T10:00:00Z"));
        Assert.Equal(D("2026-05-31"), deadline.DueDate);
        Assert.Equal(Utc("2026-05-31T19:00:00Z"), deadline.DueAt);
        Assert.Equal(2, Clock.DaysLeft(deadline, Utc("2026-05-29T10:00:00Z")));
        Assert.Equal(-1, Clock.DaysLeft(deadline, Utc("2026-06-01T10:00:00Z")));
    }

    [Theory]
    [InlineData("eu.deadline.incident-10", "2026-12-28")]
    [InlineData("eu.deadline.incident-15", "2027-01-02")] // a holiday in Kazakhstan changes nothing for calendar days
    public void EU_clocks_count_every_day(string id, string due)
    {
        Assert.Equal(D(due), Clock.For(id, Utc("2026-12-18T09:00:00Z")).DueDate);
    }

    [Fact]
    public void Calendar_days_need_no_calendar_year()
    {
        var deadline = Clock.For("eu.deadline.incident-15", Utc("2030-06-01T09:00:00Z"));
        Assert.Equal(D("2030-06-16"), deadline.DueDate);
    }

    [Fact]
    public void Another_time_zone_moves_the_days_and_the_due_instant()
    {
        var utc = new DeadlineClock(RepoLaw.Library.Packs.Select(p => p.Pack), RepoLaw.Calendar, TimeZoneInfo.Utc);
        var deadline = utc.For("eu.deadline.incident-2", Utc("2026-05-29T20:00:00Z")); // already Saturday in Almaty
        Assert.Equal(D("2026-05-29"), deadline.StartDate);
        Assert.Equal(Utc("2026-06-01T00:00:00Z"), deadline.DueAt);
        Assert.Equal(D("2026-05-30"), Clock.For("eu.deadline.incident-2", Utc("2026-05-29T20:00:00Z")).StartDate);
    }

    [Fact]
    public void Working_days_into_a_missing_year_fail_clearly()
    {
        var ex = Assert.Throws<CalculationException>(() => Clock.For("kz.deadline.audit-corrective-action", Utc("2027-12-10T05:00:00Z")));
        Assert.Equal("calendar-year-missing", ex.Code);
    }

    [Fact]
    public void An_unknown_deadline_id_fails_clearly()
    {
        var ex = Assert.Throws<CalculationException>(() => Clock.For("kz.deadline.nothing", Utc("2026-06-10T04:00:00Z")));
        Assert.Equal("deadline-unknown", ex.Code);
        Assert.Contains("kz.deadline.nothing", ex.Message, StringComparison.Ordinal);
    }
}
