using System.Diagnostics;
using System.Globalization;
using Senim.Bench;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Senim.Registry;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Workflow;

// Durable batched appends to the register's transparency log through RegistryLogStore.AppendAsync, the path the register's
// services take: per batch one database transaction that locks the log head, writes the entries and stored hashes
// (COPY on PostgreSQL, a prepared statement on SQLite), signs one checkpoint (Ed25519) and commits.
//   dotnet run -c Release --project bench/Senim.LogBench -- sqlite [CONNECTION] [--entries N] [--batch B] [--synchronous NORMAL|FULL]
//   dotnet run -c Release --project bench/Senim.LogBench -- postgres CONNECTION [--entries N] [--batch B]
var arguments = args.ToList();
string Option(string name, string fallback) => BenchArguments.Option(arguments, name, fallback);

var entries = int.Parse(Option("--entries", "200000"), CultureInfo.InvariantCulture);
var batch = int.Parse(Option("--batch", "1000"), CultureInfo.InvariantCulture);
var synchronous = Option("--synchronous", "NORMAL").ToUpperInvariant();
if (arguments.Count == 0 || entries < 1 || batch < 1 || synchronous is not ("NORMAL" or "FULL"))
{
    Console.Error.WriteLine("usage: Senim.LogBench sqlite|postgres [CONNECTION] [--entries N] [--batch B] [--synchronous NORMAL|FULL]");
    return 2;
}

var work = Directory.CreateTempSubdirectory("senim-logbench-").FullName;
try
{
    var provider = DatabaseSettings.ParseProvider(arguments[0]);
    var connection = arguments.Count > 1 ? arguments[1] : provider == DatabaseProvider.Sqlite ? $"Data Source={Path.Combine(work, "senim.db")}" : null;
    var settings = new DatabaseSettings { Provider = provider, ConnectionString = connection };
    var services = new ServiceCollection();
    services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    services.AddRegistry(settings, Path.Combine(work, "files"), new LogSettings { KeyFile = Path.Combine(work, "signing.key"), Origin = "bench.senim.kz/log" });
    await using var provided = services.BuildServiceProvider();
    await using (var scope = provided.CreateAsyncScope())
    {
        await RegistryDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<RegistryDb>());
    }

    var key = provided.GetRequiredService<LogKey>();
    var drafts = Drafts(entries);
    var bytes = drafts.Sum(d => (long)d.Data.Length);
    var batchTimes = new List<double>();
    var total = Stopwatch.StartNew();
    await using (var scope = provided.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        await db.Database.OpenConnectionAsync();
        if (provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync(synchronous == "FULL" ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        }

        var store = new RegistryLogStore(db);
        for (var at = 0; at < drafts.Count; at += batch)
        {
            var one = Stopwatch.StartNew();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await store.AppendAsync(drafts.GetRange(at, Math.Min(batch, drafts.Count - at)), key);
            await transaction.CommitAsync();
            batchTimes.Add(one.Elapsed.TotalMilliseconds);
        }
    }

    total.Stop();
    long size;
    await using (var scope = provided.CreateAsyncScope())
    {
        size = await scope.ServiceProvider.GetRequiredService<LogService>().LatestSizeAsync();
    }

    if (size != entries)
    {
        Console.Error.WriteLine($"The log has {size} entries after appending {entries}.");
        return 1;
    }

    batchTimes.Sort();
    var mode = provider == DatabaseProvider.Sqlite ? $"sqlite (WAL, synchronous={synchronous})" : "postgres";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{mode}: {entries:N0} entries ({bytes / entries} B each) in batches of {batch:N0} ({batchTimes.Count} checkpoints): {total.Elapsed.TotalSeconds:0.00} s, {entries / total.Elapsed.TotalSeconds:N0} entries/s; batch p50 {batchTimes[batchTimes.Count / 2]:0.0} ms, p99 {batchTimes[(int)(batchTimes.Count * 0.99)]:0.0} ms"));
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

// Entries like the register's: one public workflow event each, with the hash of the system's record.
static List<LogEntryDraft> Drafts(int count)
{
    var drafts = new List<LogEntryDraft>(count);
    var at = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    for (var i = 0; i < count; i++)
    {
        var e = new WorkflowEvent
        {
            Id = Guid.NewGuid(), SystemId = Guid.NewGuid(), Sequence = 3, From = SystemStatus.InReview, To = SystemStatus.Registered,
            Action = RegistrationWorkflow.Register, At = at.AddSeconds(i), Reason = "Meets the requirements of Article 17.",
        };
        var recordHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(e.Id.ToByteArray()));
        var number = string.Create(CultureInfo.InvariantCulture, $"KZ-AI-2026-{i:D6}");
        drafts.Add(new LogEntryDraft(e.SystemId, e.Id, RegisterLogEntry.KindOf(e.Action), recordHash, RegisterLogEntry.ForEvent(e, number, recordHash)));
    }

    return drafts;
}
