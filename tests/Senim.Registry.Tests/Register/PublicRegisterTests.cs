using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Register;

/// <summary>What the public register shows, searches and exports, on both databases.</summary>
public sealed class PublicRegisterTests
{
    private static readonly SystemStatus[] Hidden = [SystemStatus.Draft, SystemStatus.Submitted, SystemStatus.InReview, SystemStatus.ChangesRequested, SystemStatus.Recommended, SystemStatus.Removed];

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Drafts_and_systems_under_review_are_never_public(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var hidden = new List<Guid>();
        foreach (var status in Hidden)
        {
            hidden.Add((await world.HighRiskAsync(status)).Id);
        }

        var registered = await world.HighRiskAsync(SystemStatus.Registered);

        var search = await Search(registry, new RegisterQuery(Text: "credit", PageSize: 100));
        Assert.Equal([registered.Id], search.Items.Select(r => r.Id));
        Assert.Equal(1, search.Total);
        var all = await registry.RunAsync(async sp => await sp.GetRequiredService<RegisterService>().AllAsync().Select(r => r.Id).ToListAsync());
        Assert.Equal([registered.Id], all);
        foreach (var id in hidden)
        {
            await Assert.ThrowsAsync<NotFoundException>(() => registry.RunAsync(sp => sp.GetRequiredService<PublicEntries>().GetAsync(id)));
            await Assert.ThrowsAsync<NotFoundException>(() => registry.RunAsync(sp => sp.GetRequiredService<RegisterService>().GetAsync(id)));
            await Assert.ThrowsAsync<NotFoundException>(() => registry.RunAsync(sp => sp.GetRequiredService<PublicEntries>().ExplainAsync(id)));
        }

        var changes = await registry.RunAsync(sp => sp.GetRequiredService<RegisterService>().ChangesAsync(200));
        Assert.Equal([registered.Id], changes.Select(c => c.SystemId).Distinct());
        Assert.All(changes, c => Assert.True(SystemStatuses.IsPublic(c.To), $"{c.Action} to {c.To} is in the public feed"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Search_finds_names_purposes_and_organisations_in_each_language_by_word_start(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var triage = await PublishAsync(registry, world, new SystemInput("Науқастарды сұрыптау", "Сортировка пациентов", "Patient triage",
            "Шұғыл көмек бөлімінде кезекті анықтайды", "Определяет очерёдность в приёмном покое", "Orders the emergency queue", null, "healthcare", OwnershipRole.Owner, null, UsageMode.Closed, null, null, null));
        var chat = await PublishAsync(registry, world, new SystemInput("Кеңесші бот", "Консультант-бот", "Advice bot",
            "Клиенттерге жауап береді", "Отвечает клиентам", "Answers customers", null, "finance", OwnershipRole.Owner, null, UsageMode.Open, null, null, null));

        foreach (var (text, expected) in new (string, Guid)[]
        {
            ("сұрыптау", triage.Id), ("СОРТИРОВКА", triage.Id), ("triage", triage.Id), ("науқас", triage.Id), ("очерёдность", triage.Id),
            ("очередность", triage.Id), ("emergency queue", triage.Id), ("бот", chat.Id), ("консультант", chat.Id), ("advice", chat.Id),
            ("клиенттерге", chat.Id),
        })
        {
            var result = await Search(registry, new RegisterQuery(Text: text));
            Assert.True(result.Items.Select(r => r.Id).SequenceEqual([expected]), $"'{text}' found {result.Total}: {string.Join(", ", result.Items.Select(r => r.NameEn))}");
        }

        var byOrganisation = await Search(registry, new RegisterQuery(Text: world.Org.Name.Split(' ')[0]));
        Assert.Equal(2, byOrganisation.Total);
        Assert.Equal(0, (await Search(registry, new RegisterQuery(Text: "triage бот"))).Total);
        Assert.Equal(0, (await Search(registry, new RegisterQuery(Text: "\"; DROP TABLE AiSystems; --"))).Total);
        Assert.Equal(0, (await Search(registry, new RegisterQuery(Text: "NEAR(a b) OR * :"))).Total);
        Assert.Equal(2, (await Search(registry, new RegisterQuery(Text: "  "))).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Filters_sorting_and_pages_agree_with_what_is_stored(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var registered = await world.HighRiskAsync(SystemStatus.Registered);
        var suspended = await world.HighRiskAsync(SystemStatus.Suspended);
        var published = await world.PublishedAsync();
        var foreign = await registry.SystemAsync(world.Other, world.OtherOrg.Id, "spam-filter");
        foreign = await world.Workflow(w => w.PublishAsync(world.Other, foreign.Id, foreign.Version));

        Assert.Equal(new[] { registered.Id, suspended.Id }.Order(), (await Search(registry, new RegisterQuery(Tier: "high", Sort: RegisterSort.Registered))).Items.Select(r => r.Id).Order());
        Assert.Equal([suspended.Id], (await Search(registry, new RegisterQuery(Status: SystemStatus.Suspended))).Items.Select(r => r.Id));
        Assert.Equal([foreign.Id], (await Search(registry, new RegisterQuery(Organisation: world.OtherOrg.Id))).Items.Select(r => r.Id));
        Assert.Equal(4, (await Search(registry, new RegisterQuery())).Total);

        var byUpdate = await Search(registry, new RegisterQuery());
        Assert.Equal(byUpdate.Items.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Select(r => r.Id), byUpdate.Items.Select(r => r.Id));
        var byName = await Search(registry, new RegisterQuery(Sort: RegisterSort.Name));
        Assert.Equal(4, byName.Items.Count);

        var seen = new List<Guid>();
        for (var page = 1; page <= 4; page++)
        {
            var one = await Search(registry, new RegisterQuery(Sort: RegisterSort.Name, Page: page, PageSize: 1));
            Assert.Equal(4, one.Total);
            Assert.Equal(4, one.Pages);
            seen.AddRange(one.Items.Select(r => r.Id));
        }

        Assert.Equal(byName.Items.Select(r => r.Id), seen);
        Assert.Empty((await Search(registry, new RegisterQuery(Page: 5, PageSize: 1))).Items);
        Assert.Contains(published.Id, seen);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Bad_queries_name_each_field(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var error = await Assert.ThrowsAsync<ValidationException>(() => Search(registry,
            new RegisterQuery(Text: new string('a', 201), Sector: "space", Tier: "ultra", Status: SystemStatus.Draft, Page: 0, PageSize: 101)));
        Assert.Equal(["q", "sector", "tier", "status", "page", "page_size"], error.Errors.Select(e => e.Field));
        await Assert.ThrowsAsync<ValidationException>(() => Search(registry, new RegisterQuery(Page: RegisterQuery.MaxPage + 1)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_public_record_follows_every_change_in_the_same_transaction(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var entry = await Entry(registry, system.Id);
        Assert.Equal("registered", entry.Status);
        Assert.StartsWith("KZ-AI-", entry.RegisterNumber, StringComparison.Ordinal);
        Assert.Equal("high", entry.Classification!.KzTier);
        Assert.Contains(entry.Classification.Results.Single(r => r.Pack == "kz-230").Conclusions, c => c.Rules.Count > 0);
        Assert.NotEmpty(entry.Documents);

        var renamed = TestRegistry.Input("Переименованная система");
        system = await registry.RunAsync(async sp => await sp.GetRequiredService<SystemService>().UpdateAsync(await sp.OpenAsync(world.Owner, system.Id), renamed, system.Version));
        entry = await Entry(registry, system.Id);
        Assert.Equal("Переименованная система", entry.Name.Ru);
        Assert.Equal(1, (await Search(registry, new RegisterQuery(Text: "переименованная"))).Total);

        system = await world.Workflow(w => w.SuspendAsync(world.Supervisor, system.Id, "A complaint is being investigated.", system.Version));
        entry = await Entry(registry, system.Id);
        Assert.Equal("suspended", entry.Status);
        Assert.Equal("A complaint is being investigated.", entry.History[^1].Reason);
        Assert.Equal(system.Version, entry.Version);

        // A stale change is refused and the public record keeps what was stored.
        await Assert.ThrowsAsync<ConcurrencyException>(() => world.Workflow(w => w.ReinstateAsync(world.Supervisor, system.Id, "ok", system.Version - 1)));
        Assert.Equal("suspended", (await Entry(registry, system.Id)).Status);

        system = await world.Workflow(w => w.WithdrawAsync(world.Supervisor, system.Id, "Stopped operating.", system.Version));
        Assert.Equal("withdrawn", (await Entry(registry, system.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Reclassifying_a_published_system_changes_its_public_tier(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        Assert.Equal("minimal", (await Entry(registry, system.Id)).Tier);

        var answers = registry.Answers("customer-service-chatbot");
        system = await registry.RunAsync(async sp => (await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(world.Owner, system.Id), answers, "all", system.Version)).System);

        var entry = await Entry(registry, system.Id);
        Assert.Equal(system.Tier, entry.Tier);
        Assert.Equal(2, entry.Classification!.Number);
        Assert.Equal(system.Tier, (await Search(registry, new RegisterQuery())).Items.Single().Tier);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_removed_system_leaves_the_register(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        system = await world.Workflow(w => w.RemoveAsync(world.Owner, system.Id, "No longer used.", system.Version));

        Assert.Equal(0, (await Search(registry, new RegisterQuery())).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => Entry(registry, system.Id));
        Assert.Null(await registry.Db(db => Task.FromResult(db.Systems.Single(s => s.Id == system.Id).PublicJson)));
    }

    private static Task<Page<RegisterRow>> Search(TestRegistry registry, RegisterQuery query) =>
        registry.RunAsync(sp => sp.GetRequiredService<RegisterService>().SearchAsync(query));

    private static async Task<PublicRecord> Entry(TestRegistry registry, Guid id) =>
        (await registry.RunAsync(sp => sp.GetRequiredService<PublicEntries>().GetAsync(id))).Record;

    internal static async Task<AiSystem> PublishAsync(TestRegistry registry, World world, SystemInput input)
    {
        var system = await registry.RunAsync(sp => sp.GetRequiredService<SystemService>().CreateAsync(world.Owner, world.Org.Id, input));
        var answers = registry.Answers("spam-filter");
        system = await registry.RunAsync(async sp => (await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(world.Owner, system.Id), answers, "all", system.Version)).System);
        return await world.Workflow(w => w.PublishAsync(world.Owner, system.Id, system.Version));
    }
}
