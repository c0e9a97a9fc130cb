using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Register;

/// <summary>The public register's text search through the in-process index (Senim:RegisterSearch:InProcessIndex), on both databases.</summary>
public sealed class RegisterSearchIndexTests
{
    private static SystemInput Input(string kk, string ru, string en, string purposeKk, string purposeRu, string purposeEn, string sector) =>
        new(kk, ru, en, purposeKk, purposeRu, purposeEn, null, sector, OwnershipRole.Owner, null, UsageMode.Closed, null, null, null);

    private static Task<Page<RegisterRow>> Search(TestRegistry registry, RegisterQuery query) =>
        registry.RunAsync(sp => sp.GetRequiredService<RegisterService>().SearchAsync(query));

    private static async Task<Guid[]> Find(TestRegistry registry, string text, string? sector = null) =>
        [.. (await Search(registry, new RegisterQuery(Text: text, Sector: sector))).Items.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Text_search_finds_word_forms_scripts_typos_and_keys_and_only_listed_systems(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind, services => services.AddSingleton(new RegisterSearchSettings { InProcessIndex = true, RefreshMilliseconds = 0 }));
        var world = await World.CreateAsync(registry);
        var triage = await PublicRegisterTests.PublishAsync(registry, world, Input("Науқастарды сұрыптау", "Сортировка пациентов", "Patient triage",
            "Шұғыл көмек бөлімінде кезекті анықтайды", "Определяет очерёдность в приёмном покое", "Orders the emergency queue", "healthcare"));
        var chat = await PublicRegisterTests.PublishAsync(registry, world, Input("Банк кеңесшісі", "Консультант банка", "Bank advisor",
            "Клиенттерге жауап береді", "Отвечает клиентам", "Answers customers", "finance"));
        var draft = await registry.RunAsync(sp => sp.GetRequiredService<SystemService>().CreateAsync(world.Owner, world.Org.Id, Input("Жасырын", "Секретный черновик", "Hidden draft", "Жасырын", "Скрытый", "Hidden", "finance")));

        // Before the index is built the database answers (and the first search starts the build in the background, so what
        // the next search finds depends on whether the build has finished: not asserted here).
        Assert.Equal([triage.Id], await Find(registry, "сортировка"));
        await registry.RunAsync(async sp =>
        {
            await sp.GetRequiredService<RegisterSearchIndex>().BuildAsync();
            return 0;
        });

        foreach (var (text, expected) in new (string, Guid)[]
        {
            ("сортировку", triage.Id), ("sortirovka patsientov", triage.Id), ("науқастардың", triage.Id), ("naūqas", triage.Id), ("pateint", triage.Id),
            ("банк", chat.Id), ("банкке", chat.Id), ("банктің", chat.Id), ("банкам", chat.Id), ("konsultant", chat.Id),
        })
        {
            Assert.True((await Find(registry, text)).SequenceEqual([expected]), $"'{text}' did not find exactly the one system");
        }

        Assert.Empty(await Find(registry, "черновик"));
        Assert.Empty(await Find(registry, "банк", sector: "healthcare"));
        Assert.Equal([chat.Id], await Find(registry, "банк", sector: "finance"));
        Assert.Equal(2, (await Search(registry, new RegisterQuery(Text: world.Org.Bin))).Total);
        Assert.Empty(await Find(registry, "\"; DROP TABLE AiSystems; --"));
        Assert.Empty(await Find(registry, "NEAR(a b) OR * :"));
        Assert.Empty((await Search(registry, new RegisterQuery(Text: "банк", Page: 10_000))).Items);

        // A system published after the build is found at the next search (refresh every time here).
        var late = await PublicRegisterTests.PublishAsync(registry, world, Input("Мектеп көмекшісі", "Школьный помощник", "School helper", "Оқушыларға көмектеседі", "Помогает ученикам", "Helps pupils", "education"));
        Assert.Equal([late.Id], await Find(registry, "мектептің"));
        Assert.DoesNotContain(draft.Id, await Find(registry, "hidden"));
    }

    [Fact]
    public void Settings_out_of_range_stop_the_host()
    {
        Assert.Throws<InvalidOperationException>(() => new RegisterSearchSettings { RefreshMilliseconds = -1 }.Validate());
        Assert.Throws<InvalidOperationException>(() => new RegisterSearchSettings { OverlapSeconds = 100_000 }.Validate());
        new RegisterSearchSettings().Validate();
    }
}
