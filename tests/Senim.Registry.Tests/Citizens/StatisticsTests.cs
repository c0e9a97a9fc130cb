using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Citizens;
using Senim.Registry.Enforcement;
using Senim.Registry.Incidents;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Citizens;

/// <summary>
/// The statistics' counts (ADR 0025): kept in the transaction of the change they count, never for a refused change, and
/// equal to what a rebuild from the facts gives — for citizens' requests, incidents, enforcement decisions, fines and appeals.
/// </summary>
public sealed class StatisticsTests
{
    private static CitizenRequestInput Input(CitizenRequestKind kind, Guid systemId, string email) =>
        new(kind, systemId, null, null, null, "Айгерім Сейітова", email, null, "The bank refused my loan automatically.", "kk",
            kind == CitizenRequestKind.SyntheticContentComplaint ? "https://video.example/watch?v=1" : null);

    private static Task<FiledRequest> FileAsync(TestRegistry registry, CitizenRequestInput input) =>
        registry.RunAsync(sp => sp.GetRequiredService<CitizenRequestService>().FileAsync(Actor.Anonymous, input));

    private static Task<T> Inbox<T>(TestRegistry registry, Func<CitizenInbox, Task<T>> work) =>
        registry.RunAsync(sp => work(sp.GetRequiredService<CitizenInbox>()));

    // Every row but the layout's marker, which only a rebuild writes.
    private static async Task<List<(string, string, DateOnly, long, long)>> RowsAsync(TestRegistry registry) =>
        [.. (await registry.Db(db => db.StatDays.AsNoTracking().Where(s => s.Measure != StatMeasures.Layout).ToListAsync()))
            .Select(s => (s.Measure, s.Key, s.Day, s.Count, s.Sum)).Order()];

    private static async Task RebuildGivesTheSameRowsAsync(TestRegistry registry)
    {
        var kept = await RowsAsync(registry);
        await registry.Db(db => db.StatDays.ExecuteUpdateAsync(s => s.SetProperty(x => x.Count, 99).SetProperty(x => x.Sum, 7)));
        var written = await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().RebuildAsync());
        Assert.Equal(kept.Count + 1, written);
        Assert.Equal(kept, await RowsAsync(registry));
        Assert.True(await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().CurrentAsync()));
    }

    private static async Task<Dictionary<string, long>> TotalsAsync(TestRegistry registry, string measure) =>
        (await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().TotalsAsync(measure))).ToDictionary(t => t.Key, t => t.Count);

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Counts_follow_each_change_skip_refused_ones_and_equal_a_rebuild(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var registered = await world.HighRiskAsync(SystemStatus.Registered);
        await world.PublishedAsync();

        // Three requests on Wednesday 25 November; one is answered in time and closed with an outcome.
        var objection = await FileAsync(registry, Input(CitizenRequestKind.Objection, registered.Id, "a@mail.example"));
        await FileAsync(registry, Input(CitizenRequestKind.Objection, registered.Id, "b@mail.example"));
        var refusal = await FileAsync(registry, Input(CitizenRequestKind.InteractionRefusal, registered.Id, "c@mail.example"));
        await Inbox(registry, i => i.AssignAsync(world.Owner, objection.Id, world.Owner.UserId, 1));
        await Inbox(registry, i => i.AnswerAsync(world.Owner, objection.Id, "A person reviewed it.", 2));
        await Inbox(registry, i => i.RecordOutcomeAsync(world.Owner, objection.Id, ReviewOutcome.Changed, "Changed.", 3));
        await Inbox(registry, i => i.CloseAsync(world.Owner, objection.Id, 4));

        // A refused filing and a stale answer count nothing.
        await Assert.ThrowsAsync<ValidationException>(() => FileAsync(registry, Input(CitizenRequestKind.Objection, registered.Id, "not an address")));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Inbox(registry, i => i.AssignAsync(world.Owner, refusal.Id, world.Owner.UserId, 7)));

        // The refusal's five working days pass; the other objection's fifteen have not.
        registry.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await registry.RunAsync(sp => sp.GetRequiredService<CitizenJobs>().EscalateOverdueAsync(registry.Time.GetUtcNow().UtcDateTime)));

        // Each total also counts on its month's row.
        Assert.Equal(new Dictionary<string, long> { [""] = 3, ["kind:objection"] = 2, ["kind:interaction-refusal"] = 1, ["month:2026-11"] = 3 }, await TotalsAsync(registry, StatMeasures.Requests));
        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["on-time:yes"] = 1, ["month:2026-11"] = 1 }, await TotalsAsync(registry, StatMeasures.RequestsAnswered));
        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["month:2026-12"] = 1 }, await TotalsAsync(registry, StatMeasures.RequestsEscalated));
        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["outcome:changed"] = 1, ["month:2026-11"] = 1 }, await TotalsAsync(registry, StatMeasures.RequestsClosed));
        var listings = await TotalsAsync(registry, StatMeasures.Listings);
        Assert.Equal((2L, 1L, 1L, 1L, 1L), (listings[""], listings["route:registration"], listings["route:notification"], listings["tier:high"], listings["tier:minimal"]));
        var monthly = await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().MonthlyAsync(StatMeasures.Requests, new DateOnly(2026, 1, 1)));
        Assert.Equal(new StatMonth(2026, 11, "", 3, 0), monthly.Single(m => m.Key == ""));

        Assert.Empty(await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().MonthlyAsync(StatMeasures.Requests, new DateOnly(2026, 12, 1))));

        // The rebuild from the facts gives the same rows, day by day.
        Assert.False(await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().CurrentAsync()));
        await RebuildGivesTheSameRowsAsync(registry);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Incidents_decisions_fines_and_appeals_are_counted_with_their_sums_and_equal_a_rebuild(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var euHigh = await registry.SystemAsync(world.Owner, world.Org.Id, "credit-scoring", World.HighRisk);
        var published = await world.PublishedAsync();
        var aware = registry.Time.GetUtcNow().UtcDateTime.AddHours(-2);
        IncidentInput Incident(Guid systemId, IncidentKind incidentKind, bool suspended) =>
            new(systemId, incidentKind, "The model rejected every applicant from one district.", "Credit refused without a reason.", 340, "applicants",
                "Rolled back.", suspended, aware.AddHours(-6), aware);
        Task<T> Incidents<T>(Func<IncidentService, Task<T>> work) => registry.RunAsync(sp => work(sp.GetRequiredService<IncidentService>()));
        Task<T> Enforcement<T>(Func<EnforcementService, Task<T>> work) => registry.RunAsync(sp => work(sp.GetRequiredService<EnforcementService>()));

        // Two incidents: a serious one under the EU clock with use suspended, a death on a system the EU pack does not cover.
        // The first gets its final report; a report from the future is refused and counts nothing.
        var serious = await Incidents(s => s.ReportAsync(world.Owner, Incident(euHigh.Id, IncidentKind.Serious, true)));
        await Incidents(s => s.ReportAsync(world.Owner, Incident(published.Id, IncidentKind.Death, false)));
        await Incidents(s => s.FinalReportAsync(world.Editor, serious.Id, new IncidentUpdate("Every refusal was reviewed by a person."), serious.Version));
        await Assert.ThrowsAsync<ValidationException>(() => Incidents(s => s.ReportAsync(world.Owner, Incident(euHigh.Id, IncidentKind.Serious, true) with { AwareAt = aware.AddDays(3), OccurredAt = aware.AddDays(3) })));

        // Three decisions: a fine for a small business (20 MCI = 86,500 tenge), appealed and annulled; a warning; no violation.
        // A fine without the offence's day is refused and counts nothing.
        var fined = await Enforcement(s => s.OpenAsync(world.Supervisor, new OpenCaseInput(EnforcementOrigin.Monitoring, null, world.Org.Id, published.Id, "Unlabelled images")));
        await Assert.ThrowsAsync<ValidationException>(() => Enforcement(s => s.DecideAsync(world.Supervisor, fined.Id, new EnforcementDecisionInput(EnforcementDecisionKind.Fine, "No label.", "small"), fined.Version)));
        fined = await Enforcement(s => s.DecideAsync(world.Supervisor, fined.Id, new EnforcementDecisionInput(EnforcementDecisionKind.Fine, "No label.", "small", new DateOnly(2026, 11, 20)), fined.Version));
        Assert.Equal(86_500m, fined.FineAmount);
        fined = await Enforcement(s => s.AppealAsync(world.Owner, fined.Id, "The label was there.", fined.Version));
        await Enforcement(s => s.DecideAppealAsync(world.Supervisor, fined.Id, AppealOutcome.Annulled, "The label was there after all.", fined.Version));
        var warned = await Enforcement(s => s.OpenAsync(world.Supervisor, new OpenCaseInput(EnforcementOrigin.Monitoring, null, world.Org.Id, null, "Late reply")));
        await Enforcement(s => s.DecideAsync(world.Supervisor, warned.Id, new EnforcementDecisionInput(EnforcementDecisionKind.Warning, "Answer in time."), warned.Version));
        var cleared = await Enforcement(s => s.OpenAsync(world.Supervisor, new OpenCaseInput(EnforcementOrigin.Monitoring, null, world.Org.Id, null, "A rumour")));
        await Enforcement(s => s.DecideAsync(world.Supervisor, cleared.Id, new EnforcementDecisionInput(EnforcementDecisionKind.NoViolation, "Nothing found."), cleared.Version));

        Assert.Equal(new Dictionary<string, long>
        {
            [""] = 2, ["kind:serious"] = 1, ["kind:death"] = 1, ["eu:yes"] = 1, ["eu:no"] = 1, ["suspended:yes"] = 1, ["suspended:no"] = 1, ["month:2026-11"] = 2,
        }, await TotalsAsync(registry, StatMeasures.Incidents));
        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["kind:serious"] = 1, ["suspended:yes"] = 1, ["month:2026-11"] = 1 }, await TotalsAsync(registry, StatMeasures.IncidentsFinal));
        Assert.Equal(new Dictionary<string, long>
        {
            [""] = 3, ["kind:fine"] = 1, ["kind:warning"] = 1, ["kind:no-violation"] = 1, ["category:small"] = 1, ["month:2026-11"] = 3,
        }, await TotalsAsync(registry, StatMeasures.Decisions));
        var fines = (await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().TotalsAsync(StatMeasures.Fines))).ToDictionary(t => t.Key, t => (t.Count, t.Sum));
        Assert.Equal(new Dictionary<string, (long, long)> { [""] = (1, 86_500), ["category:small"] = (1, 86_500), ["repeat:no"] = (1, 86_500), ["month:2026-11"] = (1, 86_500) }, fines);
        var units = await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().TotalsAsync(StatMeasures.FinesMci));
        Assert.Equal(20, units.Single(t => t.Key == "category:small").Sum);
        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["month:2026-11"] = 1 }, await TotalsAsync(registry, StatMeasures.Appeals));
        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["outcome:annulled"] = 1, ["month:2026-11"] = 1 }, await TotalsAsync(registry, StatMeasures.AppealsDecided));

        // No name enters a count: every key is a dimension's code.
        var keys = await registry.Db(db => db.StatDays.Select(s => s.Key).Distinct().ToListAsync());
        Assert.DoesNotContain(keys, k => k.Contains("Org", StringComparison.OrdinalIgnoreCase));

        await RebuildGivesTheSameRowsAsync(registry);
    }
}
