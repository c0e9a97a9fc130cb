namespace Senim.Search.Tests;

/// <summary>The judged query set: recall at least 0.95, recall and precision printed per kind of query with every miss.</summary>
public sealed class JudgedQueryTests(ITestOutputHelper output)
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Judged");

    [Fact]
    public void The_set_has_at_least_100_queries_in_every_language_and_script_and_each_expects_systems_of_the_corpus()
    {
        var ids = JudgedSet.Corpus(Directory).Select(d => d.Id).ToHashSet();
        var queries = JudgedSet.Queries(Directory);
        Assert.True(queries.Count >= 100, $"{queries.Count} queries");
        foreach (var kind in new[] { "kk", "kk-latn", "ru", "ru-latn", "en", "typo", "form", "key", "mixed" })
        {
            Assert.Contains(queries, q => q.Kind == kind);
        }

        Assert.All(queries, q => Assert.NotEmpty(q.Expected));
        Assert.All(queries, q => Assert.All(q.Expected, id => Assert.Contains(id, ids)));
    }

    [Fact]
    public async Task Recall_on_the_judged_set_is_at_least_0_95()
    {
        using var index = new MemorySearchIndex();
        index.Upsert(JudgedSet.Corpus(Directory).Select(d => d.Document));

        var score = await JudgedSet.EvaluateAsync(Directory, text =>
            Task.FromResult<IReadOnlyList<Guid>>([.. index.Search(new SearchRequest(text, Take: JudgedSet.ResultsLooked)).Hits.Select(h => h.Id)]));

        output.WriteLine(score.Summary);
        output.WriteLine(score.Misses);
        Console.WriteLine(score.Summary);
        Console.WriteLine(score.Misses);
        Assert.True(score.Recall >= 0.95, $"recall {score.Recall:F3}\n{score.Summary}{score.Misses}");
    }
}
