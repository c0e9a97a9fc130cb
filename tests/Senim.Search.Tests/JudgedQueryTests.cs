using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Senim.Search.Tests;

/// <summary>
/// The judged query set (Judged/judged-queries.tsv) over its fixed corpus (Judged/corpus.tsv): recall must be at least
/// 0.95; recall and precision are printed per kind of query, with every query that missed a system it must find.
/// </summary>
public sealed class JudgedQueryTests(ITestOutputHelper output)
{
    private const int ResultsLooked = 20;

    internal sealed record JudgedQuery(string Text, string Kind, IReadOnlyList<string> Expected);

    internal static IReadOnlyList<(string Id, SearchDocument Document)> Corpus()
    {
        var documents = new List<(string, SearchDocument)>();
        foreach (var line in Lines("corpus.tsv"))
        {
            var f = line.Split('\t');
            var organisation = f[4].Split(" | ");
            var name = f[5].Split(" | ");
            var description = f[6].Split(" | ");
            string[] languages = ["kk", "ru", "en"];
            var fields = new List<SearchField>();
            for (var i = 0; i < 3; i++)
            {
                fields.Add(new SearchField(SearchFieldKind.Name, languages[i], name[i]));
                fields.Add(new SearchField(SearchFieldKind.Description, languages[i], description[i]));
                fields.Add(new SearchField(SearchFieldKind.Organisation, languages[i], organisation[i]));
            }

            documents.Add((f[0], new SearchDocument(IdOf(f[0]), fields, [f[2], f[3]], ["sector:" + f[1]])));
        }

        return documents;
    }

    internal static IReadOnlyList<JudgedQuery> Queries() =>
        [.. Lines("judged-queries.tsv").Select(l => l.Split('\t')).Select(f => new JudgedQuery(f[0], f[1], f[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)))];

    internal static Guid IdOf(string id) => new(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 16));

    private static IEnumerable<string> Lines(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Judged", file), Encoding.UTF8).Where(l => l.Length > 0 && !l.StartsWith('#'));

    [Fact]
    public void The_set_has_at_least_100_queries_in_every_language_and_script_and_each_expects_systems_of_the_corpus()
    {
        var ids = Corpus().Select(d => d.Id).ToHashSet();
        var queries = Queries();
        Assert.True(queries.Count >= 100, $"{queries.Count} queries");
        foreach (var kind in new[] { "kk", "kk-latn", "ru", "ru-latn", "en", "typo", "form", "key", "mixed" })
        {
            Assert.Contains(queries, q => q.Kind == kind);
        }

        Assert.All(queries, q => Assert.All(q.Expected, id => Assert.Contains(id, ids)));
        Assert.All(queries, q => Assert.NotEmpty(q.Expected));
    }

    [Fact]
    public void Recall_on_the_judged_set_is_at_least_0_95()
    {
        using var index = new MemorySearchIndex();
        var corpus = Corpus();
        index.Upsert(corpus.Select(d => d.Document));
        var names = corpus.ToDictionary(d => d.Document.Id, d => d.Id);

        var byKind = new SortedDictionary<string, (int Found, int Expected, int Retrieved)>(StringComparer.Ordinal);
        var report = new StringBuilder();
        foreach (var query in Queries())
        {
            var retrieved = index.Search(new SearchRequest(query.Text, Take: ResultsLooked)).Hits.Select(h => names[h.Id]).ToList();
            var found = retrieved.Intersect(query.Expected).Count();
            var (f, e, r) = byKind.GetValueOrDefault(query.Kind);
            byKind[query.Kind] = (f + found, e + query.Expected.Count, r + retrieved.Count);
            var missed = query.Expected.Except(retrieved).ToList();
            var extra = retrieved.Except(query.Expected).ToList();
            if (missed.Count > 0 || extra.Count > 0)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {query.Kind,-8} {query.Text}: missed [{string.Join(' ', missed)}] extra [{string.Join(' ', extra)}]");
            }
        }

        var total = (Found: byKind.Values.Sum(v => v.Found), Expected: byKind.Values.Sum(v => v.Expected), Retrieved: byKind.Values.Sum(v => v.Retrieved));
        var recall = (double)total.Found / total.Expected;
        var precision = total.Retrieved == 0 ? 0 : (double)total.Found / total.Retrieved;
        var summary = new StringBuilder();
        summary.AppendLine(CultureInfo.InvariantCulture, $"Judged set: {Queries().Count} queries, recall {recall:F3}, precision {precision:F3} (top {ResultsLooked})");
        foreach (var (kind, (found, expected, retrievedCount)) in byKind)
        {
            summary.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-8} recall {(double)found / expected:F3}  precision {(retrievedCount == 0 ? 0 : (double)found / retrievedCount):F3}");
        }

        output.WriteLine(summary.ToString());
        output.WriteLine(report.ToString());
        Console.WriteLine(summary.ToString());
        Console.WriteLine(report.ToString());
        Assert.True(recall >= 0.95, $"recall {recall:F3}\n{summary}{report}");
    }
}
