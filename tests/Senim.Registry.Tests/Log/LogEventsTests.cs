using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Log;

/// <summary>The log's public events as people read them (LogService.EventsAsync), on both databases.</summary>
public class LogEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<LogEventPage> EventsAsync(TestRegistry registry, string? q = null, string? kind = null, string? before = null, string? after = null, string? pageSize = null) =>
        registry.RunAsync(sp => sp.GetRequiredService<LogService>().EventsAsync(LogEventQuery.Parse(q, kind, before, after, pageSize), Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Events_page_by_cursor_and_are_found_by_name_organisation_and_register_number(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var published = await world.PublishedAsync();
        var suspended = await world.HighRiskAsync(SystemStatus.Suspended);
        await registry.RunAsync(sp => sp.GetRequiredService<Services.BulkSeeder>().SeedAsync(60));
        var removed = await world.PublishedAsync();
        await world.Workflow(w => w.RemoveAsync(world.Owner, removed.Id, "No longer used.", removed.Version));
        var entries = await registry.Db(db => db.LogEntries.AsNoTracking().OrderByDescending(e => e.Index).Select(e => new { e.Index, e.SystemId, e.Kind }).ToListAsync(Ct));

        // Newest first, seven at a time, older cursors to the end and newer cursors back: every entry once.
        var first = await EventsAsync(registry, pageSize: "7");
        Assert.Equal(entries.Count, first.LogSize);
        Assert.Equal(entries.Count, first.Matches);
        Assert.Null(first.NewerAfter);
        var walked = new List<long>(first.Items.Select(e => e.Index));
        var page = first;
        while (page.OlderBefore is { } before)
        {
            page = await EventsAsync(registry, before: before.ToString(System.Globalization.CultureInfo.InvariantCulture), pageSize: "7");
            Assert.NotNull(page.NewerAfter);
            walked.AddRange(page.Items.Select(e => e.Index));
        }

        Assert.Equal(entries.Select(e => e.Index), walked);
        var back = new List<long>(page.Items.Select(e => e.Index));
        while (page.NewerAfter is { } after)
        {
            page = await EventsAsync(registry, after: after.ToString(System.Globalization.CultureInfo.InvariantCulture), pageSize: "7");
            back.InsertRange(0, page.Items.Select(e => e.Index));
        }

        Assert.Equal(walked, back);

        // What the rows say: the suspension with its reason, the removed system no longer listed but still named.
        var suspension = (await EventsAsync(registry, kind: "suspension")).Items.Single(e => e.SystemId == suspended.Id);
        var reason = await registry.Db(db => db.WorkflowEvents.AsNoTracking().Where(e => e.SystemId == suspended.Id && e.Action == Workflow.RegistrationWorkflow.Suspend).Select(e => e.Reason).FirstAsync(Ct));
        Assert.Equal(reason, suspension.Reason);
        Assert.NotNull(suspension.RegisterNumber);
        Assert.Equal("Org A", suspension.OrganisationName);
        Assert.True(suspension.Listed);
        var removal = Assert.Single((await EventsAsync(registry, kind: "removal")).Items);
        Assert.Equal(removed.Id, removal.SystemId);
        Assert.False(removal.Listed);
        Assert.Equal("No longer used.", removal.Reason);
        Assert.NotNull(removal.NameEn ?? removal.NameRu ?? removal.NameKk);

        // Search: the organisation, a register number, a name; each finds exactly its systems' events.
        var orgA = await registry.Db(db => db.Systems.AsNoTracking().Where(s => s.OrganisationId == world.Org.Id).Select(s => s.Id).ToListAsync(Ct));
        var byOrganisation = await EventsAsync(registry, q: "org a", pageSize: "100");
        Assert.Equal(entries.Where(e => e.SystemId is { } s && orgA.Contains(s)).Select(e => e.Index), byOrganisation.Items.Select(e => e.Index));
        var byNumber = await EventsAsync(registry, q: suspension.RegisterNumber);
        Assert.Equal(entries.Where(e => e.SystemId == suspended.Id).Select(e => e.Index), byNumber.Items.Select(e => e.Index));
        Assert.Equal(byNumber.Items.Count, byNumber.Matches);
        Assert.Null((await EventsAsync(registry, q: "org a", before: byOrganisation.Items[0].Index.ToString(System.Globalization.CultureInfo.InvariantCulture))).Matches);
        Assert.False(byNumber.MoreMatches);
        var seeded = await registry.Db(db => db.Systems.AsNoTracking().Where(s => s.OrganisationId != world.Org.Id && s.RegisterNumber != null).OrderBy(s => s.RegisterNumber).FirstAsync(Ct));
        var byName = await EventsAsync(registry, q: seeded.NameRu);
        Assert.Contains(byName.Items, e => e.SystemId == seeded.Id);
        Assert.Empty((await EventsAsync(registry, q: "zzzqqq")).Items);

        // Kind and text together; a cursor past either end is an empty page, not an error.
        var both = await EventsAsync(registry, q: "org a", kind: "publication");
        Assert.All(both.Items, e => Assert.Equal("publication", e.Kind));
        Assert.Equal(entries.Count(e => e.Kind == "publication" && e.SystemId is { } s && orgA.Contains(s)), both.Matches);
        Assert.Empty((await EventsAsync(registry, before: "0")).Items);
        var beyond = await EventsAsync(registry, after: "99999");
        Assert.Empty(beyond.Items);
        Assert.Equal(100_000, beyond.OlderBefore);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_search_counts_its_matches_up_to_a_cap(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        await registry.RunAsync(sp => sp.GetRequiredService<Services.BulkSeeder>().SeedAsync(2_500));
        var counts = await registry.Db(db => db.LogEntries.GroupBy(e => e.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(Ct));
        var most = counts.OrderByDescending(c => c.Count).First();
        Assert.True(most.Count > LogEventPage.MatchCap);
        var capped = await EventsAsync(registry, kind: most.Kind, pageSize: "100");
        Assert.Equal(LogEventPage.MatchCap, capped.Matches);
        Assert.True(capped.MoreMatches);
        Assert.Equal(100, capped.Items.Count);
        Assert.NotNull(capped.OlderBefore);

        var fewest = counts.OrderBy(c => c.Count).First();
        var exact = await EventsAsync(registry, kind: fewest.Kind);
        Assert.Equal(Math.Min(fewest.Count, LogEventPage.MatchCap), exact.Matches);
        Assert.Equal(fewest.Count > LogEventPage.MatchCap, exact.MoreMatches);
        Assert.Equal(counts.Sum(c => c.Count), (await EventsAsync(registry)).Matches);
    }

    [Theory]
    [InlineData("kind", null, "decide-register", null, null, null)]
    [InlineData("before", null, null, "12a", null, null)]
    [InlineData("before", null, null, "1099511627777", null, null)]
    [InlineData("after", null, null, "1", "2", null)]
    [InlineData("page_size", null, null, null, null, "0")]
    [InlineData("page_size", null, null, null, null, "101")]
    public void Bad_queries_name_the_field(string field, string? q, string? kind, string? before, string? after, string? pageSize)
    {
        var error = Assert.Throws<ValidationException>(() => LogEventQuery.Parse(q, kind, before, after, pageSize));
        Assert.Contains(error.Errors, e => e.Field == field);
        Assert.Throws<ValidationException>(() => LogEventQuery.Parse(new string('x', 201), null, null, null, null));
        Assert.Equal(new LogEventQuery("bank", "registration", 5, null, 50), LogEventQuery.Parse("  bank ", "registration", "5", "", "50"));
    }
}
