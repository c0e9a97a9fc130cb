using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Citizens;
using Senim.Registry.Incidents;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Audits;

/// <summary>
/// Incidents in the register (docs/incidents-and-audits.md): each step of the workflow, who may take it, stale versions,
/// bad input, and the EU AI Act Art. 73 clocks (2 / 10 / 15 calendar days from awareness, across a month's end) on a system
/// the EU pack puts in its high-risk class. The fake clock starts on Wednesday 25 November 2026, 14:00 in Almaty (09:00 UTC).
/// </summary>
public sealed class IncidentTests
{
    private static IncidentInput Input(Guid systemId, IncidentKind kind, DateTime awareAt) =>
        new(systemId, kind, "The scoring model rejected every applicant from one district for two days.", "Applicants were refused credit without a reason.",
            340, "applicants for consumer credit", "The model was rolled back and the refusals are being reviewed by people.", true, awareAt.AddHours(-6), awareAt);

    private static Task<T> Incidents<T>(TestRegistry registry, Func<IncidentService, Task<T>> work) =>
        registry.RunAsync(sp => work(sp.GetRequiredService<IncidentService>()));

    /// <summary>A system of Org A that both packs put in their high-risk class (credit scoring: EU Annex III 5(b)).</summary>
    private static async Task<AiSystem> EuHighRiskAsync(World world)
    {
        var system = await world.Registry.SystemAsync(world.Owner, world.Org.Id, "credit-scoring", World.HighRisk);
        Assert.Equal("high", await world.Registry.Db(db => db.Classifications.Where(c => c.SystemId == system.Id && c.IsCurrent).Select(c => c.EuTier).SingleAsync()));
        return system;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_EU_clock_runs_in_calendar_days_from_awareness_by_the_kind_of_incident_across_a_months_end(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await EuHighRiskAsync(world);

        // Aware on Friday 20 November (Almaty): 15 calendar days end on Saturday 5 December (weekends count).
        // Aware on Wednesday 25 November: 10 days end on Saturday 5 December.
        // Aware at 22:30 UTC on 30 November, which is 03:30 on 1 December in Almaty: 2 days end on 3 December.
        var cases = new (IncidentKind Kind, DateTime Aware, string Deadline, DateOnly Due)[]
        {
            (IncidentKind.Serious, new DateTime(2026, 11, 20, 6, 0, 0, DateTimeKind.Utc), "eu.deadline.incident-15", new DateOnly(2026, 12, 5)),
            (IncidentKind.Death, new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc), "eu.deadline.incident-10", new DateOnly(2026, 12, 5)),
            (IncidentKind.Widespread, new DateTime(2026, 11, 30, 22, 30, 0, DateTimeKind.Utc), "eu.deadline.incident-2", new DateOnly(2026, 12, 3)),
        };
        registry.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        foreach (var (incidentKind, aware, deadline, due) in cases)
        {
            var incident = await Incidents(registry, s => s.ReportAsync(world.Owner, Input(system.Id, incidentKind, aware)));
            Assert.Equal((deadline, due, due.ToDateTime(new TimeOnly(19, 0))), (incident.EuDeadlineId, incident.EuDueDate!.Value, incident.EuDueAt!.Value));
            var clock = (await Incidents(registry, s => s.GetAsync(world.Supervisor, incident.Id))).Incident.Eu!;
            Assert.Equal(due.DayNumber - new DateOnly(2026, 12, 1).DayNumber, clock.DaysLeft);
            Assert.False(clock.Overdue);
        }

        // The general period's clock, read on 6 December: overdue by a day, until the report to the EU authority is recorded — late.
        registry.Time.SetUtcNow(new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.Zero));
        var serious = (await Incidents(registry, s => s.ListAsync(world.Owner, world.Org.Id, openOnly: true, 1, 20))).Items.Single(i => i.Kind == IncidentKind.Serious);
        Assert.True(serious.Eu!.Overdue);
        Assert.Equal(-1, serious.Eu.DaysLeft);
        await Incidents(registry, s => s.RecordEuReportAsync(world.Editor, serious.Id, "Notified the market surveillance authority, ref. 2026/118.", serious.Version));
        var reported = (await Incidents(registry, s => s.GetAsync(world.Owner, serious.Id))).Incident.Eu!;
        Assert.False(reported.Overdue);
        Assert.True(reported.Late);
        Assert.Null(reported.DaysLeft);
        var again = await Assert.ThrowsAsync<RuleException>(() => Incidents(registry, s => s.RecordEuReportAsync(world.Owner, serious.Id, null, serious.Version + 1)));
        Assert.Equal("incident-eu-reported", again.Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_incident_runs_from_the_report_to_the_review_and_notifies_supervisors_and_the_owner(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var aware = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);

        var incident = await Incidents(registry, s => s.ReportAsync(world.Editor, Input(system.Id, IncidentKind.Serious, aware)));
        Assert.Equal(IncidentStatus.Open, incident.Status);
        // Not in the EU's high-risk class: no EU clock, and none to record.
        Assert.Null(incident.EuDeadlineId);
        Assert.Equal("incident-eu-not-applicable", (await Assert.ThrowsAsync<RuleException>(() => Incidents(registry, s => s.RecordEuReportAsync(world.Owner, incident.Id, null, 0)))).Key);
        Assert.Equal([(world.Supervisor.UserId, system.Id)], (await registry.Db(db => db.Notifications.Where(n => n.Kind == NotificationKinds.IncidentReported).Select(n => new { n.UserId, n.SystemId }).ToListAsync())).Select(n => (n.UserId!.Value, n.SystemId!.Value)));

        incident = await Incidents(registry, s => s.FollowUpAsync(world.Owner, incident.Id, new IncidentUpdate("The cause was a stale district table.", PeopleAffected: 352), incident.Version));
        Assert.Equal((IncidentStatus.Open, 352, 1), (incident.Status, incident.PeopleAffected!.Value, incident.Version));

        incident = await Incidents(registry, s => s.RequestInformationAsync(world.Supervisor, incident.Id, "How many refusals were reversed?", incident.Version));
        Assert.Equal(IncidentStatus.InformationRequested, incident.Status);
        Assert.Equal(world.Org.Id, await registry.Db(db => db.Notifications.Where(n => n.Kind == NotificationKinds.IncidentInformationRequested).Select(n => n.OrganisationId!.Value).SingleAsync()));

        incident = await Incidents(registry, s => s.FollowUpAsync(world.Owner, incident.Id, new IncidentUpdate("All 352 refusals were reviewed; 301 reversed."), incident.Version));
        Assert.Equal(IncidentStatus.Open, incident.Status);
        incident = await Incidents(registry, s => s.FinalReportAsync(world.Owner, incident.Id, new IncidentUpdate("Closed: the table is now checked daily.", Measures: "Daily checks of reference tables.", UseSuspended: false), incident.Version));
        Assert.Equal((IncidentStatus.Closed, "Daily checks of reference tables.", false), (incident.Status, incident.Measures, incident.UseSuspended));
        Assert.Equal("incident-step-not-allowed", (await Assert.ThrowsAsync<RuleException>(() => Incidents(registry, s => s.FollowUpAsync(world.Owner, incident.Id, new IncidentUpdate("More."), incident.Version)))).Key);

        incident = await Incidents(registry, s => s.ReviewAsync(world.Supervisor, incident.Id, "Measures are adequate.", incident.Version));
        Assert.Equal(IncidentStatus.Reviewed, incident.Status);
        Assert.Equal("incident-reviewed", (await Assert.ThrowsAsync<RuleException>(() => Incidents(registry, s => s.FinalReportAsync(world.Owner, incident.Id, new IncidentUpdate("Again."), incident.Version)))).Key);

        var read = await Incidents(registry, s => s.GetAsync(world.Owner, incident.Id));
        Assert.Equal(["report", "follow-up", "request-information", "follow-up", "final-report", "review"], read.Timeline.Select(t => t.Action));
        Assert.Equal(["owner", "owner", "supervisor", "owner", "owner", "supervisor"], read.Timeline.Select(t => t.Role));
        Assert.Equal(["open", "open", "information-requested", "open", "closed", "reviewed"], read.Timeline.Select(t => t.To));
        Assert.Equal("How many refusals were reversed?", read.Timeline[2].Text);
        Assert.Equal(world.Org.Id, await registry.Db(db => db.Notifications.Where(n => n.Kind == NotificationKinds.IncidentReviewed).Select(n => n.OrganisationId!.Value).SingleAsync()));
        Assert.Empty((await Incidents(registry, s => s.ListAsync(world.Supervisor, null, openOnly: true, 1, 20))).Items);
        Assert.Single((await Incidents(registry, s => s.ListAsync(world.Supervisor, null, openOnly: false, 1, 20))).Items);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Only_the_owners_members_report_and_only_the_supervisory_body_asks_and_reviews(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var input = Input(system.Id, IncidentKind.Serious, new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc));

        foreach (var stranger in new[] { world.Other, world.Expert, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => Incidents(registry, s => s.ReportAsync(stranger, input)));
        }

        Assert.Equal("incident-owner-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Incidents(registry, s => s.ReportAsync(world.Supervisor, input)))).Key);
        var incident = await Incidents(registry, s => s.ReportAsync(world.Owner, input));
        foreach (var stranger in new[] { world.Other, world.Expert, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => Incidents(registry, s => s.GetAsync(stranger, incident.Id)));
        }

        Assert.Equal(incident.Id, (await Incidents(registry, s => s.GetAsync(world.Admin, incident.Id))).Incident.Id);
        Assert.Equal("supervisor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Incidents(registry, s => s.RequestInformationAsync(world.Owner, incident.Id, "?", incident.Version)))).Key);
        Assert.Equal("supervisor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Incidents(registry, s => s.ListAsync(world.Owner, null, false, 1, 20)))).Key);
        await Assert.ThrowsAsync<NotFoundException>(() => Incidents(registry, s => s.ListAsync(world.Other, world.Org.Id, false, 1, 20)));
        Assert.Equal("incident-owner-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Incidents(registry, s => s.FollowUpAsync(world.Supervisor, incident.Id, new IncidentUpdate("x"), incident.Version)))).Key);
        // Review comes after the final report.
        Assert.Equal("incident-step-not-allowed", (await Assert.ThrowsAsync<RuleException>(() => Incidents(registry, s => s.ReviewAsync(world.Supervisor, incident.Id, null, incident.Version)))).Key);

        // A stale version is refused and changes nothing.
        await Incidents(registry, s => s.FollowUpAsync(world.Owner, incident.Id, new IncidentUpdate("First."), incident.Version));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Incidents(registry, s => s.FollowUpAsync(world.Editor, incident.Id, new IncidentUpdate("Second, from an old page."), incident.Version)));
        Assert.Equal(2, await registry.Db(db => db.CaseEvents.CountAsync(e => e.CaseKind == CaseKinds.Incident && e.CaseId == incident.Id)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Bad_input_is_reported_field_by_field_and_stores_nothing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var now = registry.Time.GetUtcNow().UtcDateTime;

        var bad = new IncidentInput(system.Id, (IncidentKind)9, " ", new string('x', IncidentLimits.Text + 1), -1, null, null, false, now.AddHours(-1), now.AddHours(-2));
        var errors = (await Assert.ThrowsAsync<ValidationException>(() => Incidents(registry, s => s.ReportAsync(world.Owner, bad)))).Errors.Select(e => (e.Field, e.Key)).ToList();
        Assert.Equal([("kind", "incident-kind-unknown"), ("summary", "required"), ("harm", "too-long"), ("measures", "required"), ("people_affected", "out-of-range"), ("aware_at", "incident-aware-before")], errors);
        var future = Input(system.Id, IncidentKind.Serious, now.AddDays(1));
        Assert.Contains((await Assert.ThrowsAsync<ValidationException>(() => Incidents(registry, s => s.ReportAsync(world.Owner, future)))).Errors, e => e.Key == "incident-in-future");
        Assert.Equal(0, await registry.Db(db => db.Incidents.CountAsync()));
        Assert.Equal(0, await registry.Db(db => db.CaseEvents.CountAsync()));
    }
}
