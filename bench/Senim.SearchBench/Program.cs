using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Senim.Bench;
using Senim.Search;
using Senim.Search.Tests;
using Senim.SearchBench;

// Search over synthetic multilingual AI systems: the in-process index (Senim.Search) against the register's current
// database search (SQLite FTS5; PostgreSQL tsvector with --postgres), with the same varied queries, on worker threads.
// Also scores both on the judged query set (recall and precision).
//   dotnet run -c Release --project bench/Senim.SearchBench -- [--documents 100000] [--seconds 10] [--warmup 5] [--threads 2]
//       [--engines memory,sqlite,postgres] [--postgres CONNECTION]
var arguments = args.ToList();
string Option(string name, string fallback) => BenchArguments.Option(arguments, name, fallback);
var documents = int.Parse(Option("--documents", "100000"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Option("--seconds", "10"), CultureInfo.InvariantCulture);
var warmup = double.Parse(Option("--warmup", "5"), CultureInfo.InvariantCulture);
var threads = int.Parse(Option("--threads", "2"), CultureInfo.InvariantCulture);
var postgres = Option("--postgres", "");
var slowest = Option("--slowest", "0") != "0";
var engines = Option("--engines", postgres.Length > 0 ? "memory,sqlite,postgres" : "memory,sqlite").Split(',');
if (arguments.Count > 0 || documents < 1 || threads < 1)
{
    Console.Error.WriteLine("usage: Senim.SearchBench [--documents N] [--seconds S] [--warmup S] [--threads T] [--engines memory,sqlite,postgres] [--postgres CONNECTION]");
    return 2;
}

var judged = Path.Combine(AppContext.BaseDirectory, "Judged");

var clock = Stopwatch.StartNew();
var corpus = new SyntheticCorpus(documents, seed: 2026);
var queries = corpus.Queries(50_000);
Console.Error.WriteLine($"{documents:N0} synthetic systems and {queries.Count:N0} queries ({queries.Distinct().Count():N0} distinct) in {clock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"Search, {documents:N0} systems, {threads} threads, {seconds} s after {warmup} s warm-up, each request a query drawn at random from {queries.Count:N0}");
Console.WriteLine();
Console.WriteLine("| engine | searches/s | p50 | p99 | max | first search (cold) | load | managed memory | judged recall | judged precision |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

var work = Directory.CreateTempSubdirectory("senim-searchbench-").FullName;
try
{
    foreach (var engine in engines)
    {
        switch (engine)
        {
            case "memory":
            {
                GC.Collect();
                var before = GC.GetTotalMemory(true);
                clock.Restart();
                using var index = new MemorySearchIndex();
                foreach (var chunk in corpus.Documents.Chunk(1000))
                {
                    index.Upsert(chunk);
                }

                var load = clock.Elapsed;
                var memory = GC.GetTotalMemory(true) - before;
                var cold = Time(() => index.Search(new SearchRequest(queries[0])));
                if (slowest)
                {
                    // Where the time goes: the slowest distinct queries, one thread, after one pass to warm up.
                    var distinct = queries.Distinct().Take(5000).ToList();
                    distinct.ForEach(q => index.Search(new SearchRequest(q)));
                    foreach (var (q, ms, count) in distinct.Select(q => (q, Time(() => index.Search(new SearchRequest(q))).TotalMilliseconds, index.Search(new SearchRequest(q)).Count)).OrderByDescending(x => x.TotalMilliseconds).Take(25))
                    {
                        Console.Error.WriteLine($"{ms,8:F2} ms  {count,5}  {q}");
                    }
                }

                var result = Measure(threads, warmup, seconds, queries, _ => Task.CompletedTask, (thread, q) =>
                {
                    index.Search(new SearchRequest(q));
                    return Task.CompletedTask;
                });
                using var judgedIndex = new MemorySearchIndex();
                judgedIndex.Upsert(JudgedSet.Corpus(judged).Select(d => d.Document));
                var score = await JudgedSet.EvaluateAsync(judged, q => Task.FromResult<IReadOnlyList<Guid>>([.. judgedIndex.Search(new SearchRequest(q, Take: JudgedSet.ResultsLooked)).Hits.Select(h => h.Id)]));
                Row("in-process index (Senim.Search)", result, cold, load, memory, score);
                break;
            }

            case "sqlite" or "postgres":
            {
                await using DatabasePeer peer = engine == "sqlite" ? new SqlitePeer(Path.Combine(work, "search.db")) : new PostgresPeer(postgres);
                clock.Restart();
                await peer.LoadAsync(corpus.Documents, corpus.Updated);
                var load = clock.Elapsed;
                await using var first = await peer.OpenAsync();
                var coldWatch = Stopwatch.StartNew();
                await peer.SearchAsync(first, queries[0]);
                var cold = coldWatch.Elapsed;
                var connections = new DbConnection[threads];
                var result = Measure(threads, warmup, seconds, queries, async t => connections[t] = await peer.OpenAsync(), (t, q) => peer.SearchAsync(connections[t], q));
                foreach (var connection in connections)
                {
                    await connection.DisposeAsync();
                }

                await using DatabasePeer judgedPeer = engine == "sqlite" ? new SqlitePeer(Path.Combine(work, "judged.db")) : new PostgresPeer(postgres);
                var judgedDocuments = JudgedSet.Corpus(judged).Select(d => d.Document).ToList();
                await judgedPeer.LoadAsync(judgedDocuments, [.. judgedDocuments.Select((_, i) => (long)i)]);
                await using var judgedConnection = await judgedPeer.OpenAsync();
                var score = await JudgedSet.EvaluateAsync(judged, async q => (IReadOnlyList<Guid>?)(await judgedPeer.SearchAsync(judgedConnection, q))?.Page ?? []);
                Row(peer.Name, result, cold, load, null, score);
                break;
            }

            default:
                Console.Error.WriteLine($"unknown engine {engine}");
                return 2;
        }
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

return 0;

static TimeSpan Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed;
}

// Each thread runs searches back to back, a random query each, for the warm-up and then for the measured time.
static (double PerSecond, double P50, double P99, double Max) Measure(int threads, double warmup, double seconds, List<string> queries, Func<int, Task> open, Func<int, string, Task> search)
{
    var latencies = new List<long>[threads];
    var workers = Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
    {
        await open(t);
        var random = new Random(t);
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < warmup)
        {
            await search(t, queries[random.Next(queries.Count)]);
        }

        var mine = new List<long>(1 << 20);
        var run = Stopwatch.StartNew();
        while (run.Elapsed.TotalSeconds < seconds)
        {
            var started = Stopwatch.GetTimestamp();
            await search(t, queries[random.Next(queries.Count)]);
            mine.Add(Stopwatch.GetTimestamp() - started);
        }

        latencies[t] = mine;
    })).ToArray();
    Task.WaitAll(workers);
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    return (all.Length / seconds, Ms(all[all.Length / 2]), Ms(all[(int)(all.Length * 0.99)]), Ms(all[^1]));
}

static void Row(string name, (double PerSecond, double P50, double P99, double Max) r, TimeSpan cold, TimeSpan load, long? memory, JudgedSet.Score score) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {r.PerSecond:N0} | {r.P50:F2} ms | {r.P99:F2} ms | {r.Max:F1} ms | {cold.TotalMilliseconds:F1} ms | {load.TotalSeconds:F1} s | {(memory is { } m ? $"{m / 1048576.0:F0} MB" : "–")} | {score.Recall:F3} | {score.Precision:F3} |"));
