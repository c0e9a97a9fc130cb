using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Systems;

/// <summary>System records: lists, edits under optimistic concurrency, history and diffs.</summary>
public class SystemRecordTests
{
    private static Task<T> Systems<T>(TestRegistry registry, Func<SystemService, Task<T>> work) => registry.RunAsync(sp => work(sp.GetRequiredService<SystemService>()));

    /// <summary>Opens the system for the actor, then calls the system service with the handle, in one scope.</summary>
    private static Task<T> Systems<T>(TestRegistry registry, Actor actor, Guid systemId, Func<SystemService, SystemAccess, Task<T>> work) =>
        registry.RunAsync(async sp => await work(sp.GetRequiredService<SystemService>(), await sp.OpenAsync(actor, systemId)));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_page_lists_only_the_actors_organisations_and_leaves_removed_systems_out(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var created = new List<AiSystem>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await Systems(registry, s => s.CreateAsync(world.Owner, world.Org.Id, TestRegistry.Input("Система " + i))));
            registry.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await Systems(registry, s => s.CreateAsync(world.Other, world.OtherOrg.Id, TestRegistry.Input("Чужая система")));
        await registry.RunAsync(sp => sp.GetRequiredService<WorkflowService>().RemoveAsync(world.Owner, created[0].Id, "Discarded", created[0].Version));

        var first = await Systems(registry, s => s.PageAsync(world.Editor, null, 1, 3));
        Assert.Equal(4, first.Total);
        Assert.Equal(2, first.Pages);
        Assert.Equal(["Система 4", "Система 3", "Система 2"], first.Items.Select(x => x.NameRu));
        var second = await Systems(registry, s => s.PageAsync(world.Editor, world.Org.Id, 2, 3));
        Assert.Equal(["Система 1"], second.Items.Select(x => x.NameRu));

        Assert.Equal(4, (await Systems(registry, s => s.PageAsync(world.Supervisor, world.Org.Id, 1, 100))).Total);
        Assert.Equal(0, (await Systems(registry, s => s.PageAsync(world.Supervisor, null, 1, 100))).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => Systems(registry, s => s.PageAsync(world.Other, world.Org.Id, 1, 20)));
        await Assert.ThrowsAsync<NotFoundException>(() => Systems(registry, s => s.PageAsync(world.Expert, world.Org.Id, 1, 20)));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Systems(registry, s => s.PageAsync(world.Owner, null, 0, 101)));
        Assert.Equal(["page", "page_size"], invalid.Errors.Select(e => e.Field));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_stale_edit_saves_nothing_and_a_diff_shows_what_the_other_edit_changed(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await Systems(registry, s => s.CreateAsync(world.Owner, world.Org.Id, TestRegistry.Input("Скоринг")));
        var read = system.Version;

        var editorInput = TestRegistry.Input("Скоринг") with { Description = "The editor's description.\nSecond line.", Sector = "healthcare" };
        var edited = await Systems(registry, world.Editor, system.Id, (s, a) => s.UpdateAsync(a, editorInput, read));
        Assert.Equal(read + 1, edited.Version);

        var stale = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Systems(registry, world.Owner, system.Id, (s, a) => s.UpdateAsync(a, TestRegistry.Input("Owner's name"), read)));
        Assert.Equal(read + 1, stale.CurrentVersion);
        var stored = await registry.GetAsync(world.Owner, system.Id);
        Assert.Equal("The editor's description.\nSecond line.", stored.Description);
        Assert.Equal("Скоринг", stored.NameRu);
        Assert.Equal(2, await registry.Db(db => db.SystemVersions.CountAsync(v => v.SystemId == system.Id)));

        var diff = await Systems(registry, world.Owner, system.Id, (s, a) => s.DiffAsync(a, read, stored.Version));
        Assert.Equal(["description", "sector"], diff.Select(d => d.Field));
        Assert.Equal(("A description", "The editor's description.\nSecond line."), (diff[0].Old, diff[0].New));
        Assert.Equal(("finance", "healthcare"), (diff[1].Old, diff[1].New));

        var created = await Systems(registry, world.Owner, system.Id, (s, a) => s.DiffAsync(a, 0, 1));
        Assert.Contains(created, d => d.Field == "name_ru" && d.Old is null && d.New == "Скоринг");
        await Assert.ThrowsAsync<NotFoundException>(() => Systems(registry, world.Owner, system.Id, (s, a) => s.DiffAsync(a, 1, 9)));
        await Assert.ThrowsAsync<NotFoundException>(() => Systems(registry, world.Other, system.Id, (s, a) => s.DiffAsync(a, 1, 2)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Two_simultaneous_edits_of_the_same_version_save_exactly_one(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await Systems(registry, s => s.CreateAsync(world.Owner, world.Org.Id, TestRegistry.Input("Гонка")));
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Attempt(registry, i % 2 == 0 ? world.Owner : world.Editor, system.Id, "Name " + i, system.Version)));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.IsType<ConcurrencyException>(r));
        var stored = await registry.GetAsync(world.Owner, system.Id);
        Assert.Equal(system.Version + 1, stored.Version);
        Assert.Equal(2, await registry.Db(db => db.SystemVersions.CountAsync(v => v.SystemId == system.Id)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Only_the_organisations_editors_may_change_a_record_and_only_while_it_is_editable(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await Systems(registry, s => s.CreateAsync(world.Editor, world.Org.Id, TestRegistry.Input("Права")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Systems(registry, world.Supervisor, system.Id, (s, a) => s.UpdateAsync(a, TestRegistry.Input("x"), system.Version)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Systems(registry, world.Admin, system.Id, (s, a) => s.UpdateAsync(a, TestRegistry.Input("x"), system.Version)));
        await Assert.ThrowsAsync<NotFoundException>(() => Systems(registry, world.Other, system.Id, (s, a) => s.UpdateAsync(a, TestRegistry.Input("x"), system.Version)));
        await Assert.ThrowsAsync<NotFoundException>(() => Systems(registry, s => s.GetAsync(world.Expert, system.Id)));

        var submitted = await world.HighRiskAsync(SystemStatus.Submitted);
        await Assert.ThrowsAsync<RuleException>(() => Systems(registry, world.Owner, submitted.Id, (s, a) => s.UpdateAsync(a, TestRegistry.Input("x"), submitted.Version)));
        Assert.Equal(submitted.Version, (await registry.GetAsync(world.Owner, submitted.Id)).Version);
    }

    private static async Task<Exception?> Attempt(TestRegistry registry, Actor actor, Guid id, string name, int version)
    {
        try
        {
            await Systems(registry, actor, id, (s, a) => s.UpdateAsync(a, TestRegistry.Input(name), version));
            return null;
        }
        catch (RegistryException ex)
        {
            return ex;
        }
    }
}
