using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Senim.Search.Tests;

/// <summary>
/// The judged query set (Judged/judged-queries.tsv) over its fixed corpus (Judged/corpus.tsv), and its scoring: recall and
/// precision over the first <see cref="ResultsLooked"/> results, per kind of query. The search benchmark scores the
/// register's database search with the same code.
/// </summary>
internal static class JudgedSet
{
    public const int ResultsLooked = 20;

    internal sealed record JudgedQuery(string Text, string Kind, IReadOnlyList<string> Expected);

    internal sealed record Score(int Queries, double Recall, double Precision, string Summary, string Misses);

    public static IReadOnlyList<(string Id, SearchDocument Document)> Corpus(string directory)
    {
        var documents = new List<(string, SearchDocument)>();
        foreach (var line in Lines(directory, "corpus.tsv"))
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

    public static IReadOnlyList<JudgedQuery> Queries(string directory) =>
        [.. Lines(directory, "judged-queries.tsv").Select(l => l.Split('\t')).Select(f => new JudgedQuery(f[0], f[1], f[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)))];

    public static Guid IdOf(string id) => new(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 16));

    /// <summary>Runs every judged query through <paramref name="search"/> (ids best first) and scores what it returned.</summary>
    public static async Task<Score> EvaluateAsync(string directory, Func<string, Task<IReadOnlyList<Guid>>> search)
    {
        var names = Corpus(directory).ToDictionary(d => d.Document.Id, d => d.Id);
        var queries = Queries(directory);
        var byKind = new SortedDictionary<string, (int Found, int Expected, int Retrieved)>(StringComparer.Ordinal);
        var misses = new StringBuilder();
        foreach (var query in queries)
        {
            var retrieved = (await search(query.Text)).Take(ResultsLooked).Select(id => names[id]).ToList();
            var found = retrieved.Intersect(query.Expected).Count();
            var (f, e, r) = byKind.GetValueOrDefault(query.Kind);
            byKind[query.Kind] = (f + found, e + query.Expected.Count, r + retrieved.Count);
            var missed = query.Expected.Except(retrieved).ToList();
            var extra = retrieved.Except(query.Expected).ToList();
            if (missed.Count > 0 || extra.Count > 0)
            {
                misses.AppendLine(CultureInfo.InvariantCulture, $"  {query.Kind,-8} {query.Text}: missed [{string.Join(' ', missed)}] extra [{string.Join(' ', extra)}]");
            }
        }

        var foundAll = byKind.Values.Sum(v => v.Found);
        var recall = (double)foundAll / byKind.Values.Sum(v => v.Expected);
        var retrievedAll = byKind.Values.Sum(v => v.Retrieved);
        var precision = retrievedAll == 0 ? 0 : (double)foundAll / retrievedAll;
        var summary = new StringBuilder();
        summary.AppendLine(CultureInfo.InvariantCulture, $"Judged set: {queries.Count} queries, recall {recall:F3}, precision {precision:F3} (first {ResultsLooked} results)");
        foreach (var (kind, (found, expected, retrieved)) in byKind)
        {
            summary.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-8} recall {(double)found / expected:F3}  precision {(retrieved == 0 ? 0 : (double)found / retrieved):F3}");
        }

        return new Score(queries.Count, recall, precision, summary.ToString(), misses.ToString());
    }

    private static IEnumerable<string> Lines(string directory, string file) =>
        File.ReadLines(Path.Combine(directory, file), Encoding.UTF8).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
