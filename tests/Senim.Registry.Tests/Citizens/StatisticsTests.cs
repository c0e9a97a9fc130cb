using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Citizens;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Citizens;

/// <summary>
/// The statistics' counts (ADR 0025): kept in the transaction of the change they count, never for a refused change, and
/// equal to what a rebuild from the facts gives.
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

    private static async Task<List<(string, string, DateOnly, long)>> RowsAsync(TestRegistry registry) =>
        [.. (await registry.Db(db => db.StatDays.AsNoTracking().ToListAsync()))
            .Select(s => (s.Measure, s.Key, s.Day, s.Count)).Order()];

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

        Assert.Equal(new Dictionary<string, long> { [""] = 3, ["kind:objection"] = 2, ["kind:interaction-refusal"] = 1 }, await TotalsAsync(registry, StatMeasures.Requests));
        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["on-time:yes"] = 1 }, await TotalsAsync(registry, StatMeasures.RequestsAnswered));
        Assert.Equal(new Dictionary<string, long> { [""] = 1 }, await TotalsAsync(registry, StatMeasures.RequestsEscalated));
        Assert.Equal(new Dictionary<string, long> { [""] = 1, ["outcome:changed"] = 1 }, await TotalsAsync(registry, StatMeasures.RequestsClosed));
        var listings = await TotalsAsync(registry, StatMeasures.Listings);
        Assert.Equal((2L, 1L, 1L, 1L, 1L), (listings[""], listings["route:registration"], listings["route:notification"], listings["tier:high"], listings["tier:minimal"]));
        var monthly = await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().MonthlyAsync(StatMeasures.Requests, new DateOnly(2026, 1, 1)));
        Assert.Equal(new StatMonth(2026, 11, "", 3, 0), monthly.Single(m => m.Key == ""));

        // The rebuild from the facts gives the same rows, day by day.
        var kept = await RowsAsync(registry);
        await registry.Db(db => db.StatDays.ExecuteUpdateAsync(s => s.SetProperty(x => x.Count, 99)));
        var written = await registry.RunAsync(sp => sp.GetRequiredService<StatisticsService>().RebuildAsync());
        Assert.Equal(kept.Count, written);
        Assert.Equal(kept, await RowsAsync(registry));
    }
}
