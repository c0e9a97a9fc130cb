using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Register;

/// <summary>
/// The bulk demo data (`senim demo seed`): rows written without the change tracker read back as the register's own, the
/// log and the records agree, and names come in three languages from the vocabulary, so «банк», "bank" and «банктің» find something.
/// </summary>
public sealed class BulkSeederTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Two_batches_of_systems_read_back_verify_and_are_named_in_three_languages(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var count = BulkSeeder.BatchSize + 150;
        var progress = new List<int>();
        Assert.Equal(count, await registry.RunAsync(sp => sp.GetRequiredService<BulkSeeder>().SeedAsync(count, new Progress(progress))));
        Assert.Equal([BulkSeeder.BatchSize, count], progress);

        var systems = await registry.Db(db => db.Systems.AsNoTracking().Include(s => s.Organisation).ToListAsync(Ct));
        Assert.Equal(count, systems.Count);
        Assert.All(systems, s =>
        {
            Assert.True(s.Listed);
            Assert.True(SystemStatuses.IsPublic(s.Status));
            Assert.NotNull(s.NameKk);
            Assert.NotNull(s.NameRu);
            Assert.NotNull(s.NameEn);
            Assert.NotNull(s.PurposeKk);
            Assert.NotNull(s.Organisation!.NameKk);
            Assert.NotNull(s.Organisation.NameRu);
            Assert.Equal(s.Organisation.NameEn ?? s.Organisation.NameRu, s.Organisation.Name);
        });
        Assert.Equal(count, await registry.Db(db => db.Classifications.CountAsync(c => c.IsCurrent, Ct)));
        Assert.Equal(count, await registry.Db(db => db.SystemVersions.CountAsync(Ct)));
        var numbers = systems.Where(s => s.RegisterNumber is not null).Select(s => s.RegisterNumber).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());

        // The records rebuilt from the rows are the stored ones, and the log holds their hashes.
        var report = await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync());
        Assert.True(report.Ok, string.Join("; ", report.Problems.Take(5).Select(p => p.Code + ": " + p.Detail)));

        foreach (var word in new[] { "банк", "bank", "банктің", "клиника", "clinic", "мектеп", "school" })
        {
            var found = await registry.RunAsync(sp => sp.GetRequiredService<RegisterService>().SearchAsync(new RegisterQuery(Text: word)));
            Assert.True(found.Total > 0, $"«{word}» finds nothing in the seeded register");
        }
    }

    private sealed class Progress(List<int> seen) : IProgress<(int Done, TimeSpan Elapsed)>
    {
        public void Report((int Done, TimeSpan Elapsed) value) => seen.Add(value.Done);
    }
}
