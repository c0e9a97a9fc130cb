using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Senim.Law.Packs;
using Senim.Registry;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Law.Calendar;

namespace Senim.Cli;

/// <summary>`senim db migrate` and `senim demo seed`: the register's database from the command line.</summary>
internal static class DatabaseCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var provider = new Option<string?>("--provider") { Description = "sqlite or postgres (default: Senim__Database__Provider, else sqlite)." };
        var connection = new Option<string?>("--connection") { Description = "The connection string (default: Senim__Database__ConnectionString, else data/senim.db)." };

        var migrate = new Command("migrate", "Apply the register's migrations to the database (for production, where the web host does not migrate on start).") { provider, connection };
        migrate.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(provider), parse.GetValue(connection), null, async sp =>
        {
            var db = sp.GetRequiredService<RegistryDb>();
            var pending = (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database, cancellationToken)).ToList();
            await RegistryDatabase.MigrateAsync(db, cancellationToken);
            context.Output.WriteLine(pending.Count == 0 ? "The database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return ExitCodes.Ok;
        }));
        var db = new Command("db", "The register's database.");
        db.Subcommands.Add(migrate);

        var systems = new Option<int>("--systems") { Description = "How many extra public systems to add for load tests (0: only the demo data).", DefaultValueFactory = _ => 0 };
        var requests = new Option<int>("--requests") { Description = "How many citizens' requests to add over the last three years, across the listed systems, for load tests, with an incident beside about every 500 and a decided enforcement case beside every 1,000 (then the statistics are counted again).", DefaultValueFactory = _ => 0 };
        var lawDir = new Option<string?>("--law-dir") { Description = "The law folder (default: the shipped one)." };
        var logKey = LogExportCommand.LogKeyOption();
        var seed = new Command("seed", "Migrate, add the demo data (organisations, users for every role, systems in every state) if the register is empty, then N realistic public systems and M citizens' requests.") { provider, connection, systems, requests, lawDir, logKey };
        seed.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(provider), parse.GetValue(connection), parse.GetValue(lawDir), async sp =>
        {
            var count = parse.GetValue(systems);
            var requestCount = parse.GetValue(requests);
            if (count is < 0 or > 10_000_000 || requestCount is < 0 or > 100_000_000)
            {
                context.Error.WriteLine("--systems must be between 0 and 10,000,000 and --requests between 0 and 100,000,000.");
                return ExitCodes.InvalidInput;
            }

            var root = LawCommands.ResolveRoot(context, parse.GetValue(lawDir));
            if (root is null)
            {
                return ExitCodes.InvalidInput;
            }

            context.Output.WriteLine("Migrating, loading the law and adding the demo data (if the register is empty)...");
            await sp.GetRequiredService<RegisterStartup>().RunAsync(new RegisterStartupOptions(root, Migrate: true, SeedDemo: true), cancellationToken);
            if (count > 0)
            {
                var seeder = sp.GetRequiredService<BulkSeeder>();
                var started = DateTime.UtcNow;
                await seeder.SeedAsync(count, new LineProgress(context, count), cancellationToken: cancellationToken);
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Added {count:N0} systems in {(DateTime.UtcNow - started).TotalSeconds:0.0} s."));
            }

            if (requestCount > 0)
            {
                var started = DateTime.UtcNow;
                var requestSeeder = sp.GetRequiredService<RequestSeeder>();
                await requestSeeder.SeedAsync(requestCount, new LineProgress(context, requestCount, "requests"), cancellationToken: cancellationToken);
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Added {requestCount:N0} requests, {requestSeeder.Incidents:N0} incidents and {requestSeeder.Cases:N0} decided enforcement cases in {(DateTime.UtcNow - started).TotalSeconds:0.0} s."));
            }

            if (count > 0 || requestCount > 0)
            {
                var started = DateTime.UtcNow;
                var rows = await sp.GetRequiredService<StatisticsService>().RebuildAsync(cancellationToken);
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Counted the statistics from the facts: {rows:N0} rows in {(DateTime.UtcNow - started).TotalSeconds:0.0} s."));
            }

            return ExitCodes.Ok;
        }, LogExportCommand.Settings(parse.GetValue(logKey))));
        var demo = new Command("demo", "Demo and load-test data.");
        demo.Subcommands.Add(seed);
        return [db, demo];
    }

    /// <summary>Prints a progress line after each batch, on the caller's thread so lines come out in order.</summary>
    private sealed class LineProgress(CliContext context, int total, string what = "systems") : IProgress<(int Done, TimeSpan Elapsed)>
    {
        public void Report((int Done, TimeSpan Elapsed) value) =>
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value.Done:N0} / {total:N0} {what} ({value.Elapsed.TotalSeconds:0.0} s)"));
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the register's services over the database named by the options (or the
    /// Senim__Database__* variables); <paramref name="log"/> says where the log's signing key is.
    /// </summary>
    internal static async Task<int> RunAsync(CliContext context, string? provider, string? connection, string? lawDir, Func<IServiceProvider, Task<int>> work, LogSettings? log = null)
    {
        DatabaseSettings settings;
        try
        {
            settings = new DatabaseSettings
            {
                Provider = DatabaseSettings.ParseProvider(provider ?? Environment.GetEnvironmentVariable("Senim__Database__Provider")),
                ConnectionString = connection ?? Environment.GetEnvironmentVariable("Senim__Database__ConnectionString"),
            };
            _ = settings.EffectiveConnectionString;
        }
        catch (InvalidOperationException ex)
        {
            context.Error.WriteLine(ex.Message);
            return ExitCodes.InvalidInput;
        }

        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddRegistry(settings, Path.Combine("data", "files"), log);
        // The working-day calendar beside the packs (ADR 0024): the workflow counts its steps' deadlines on it.
        services.AddSingleton(_ => WorkingCalendar.Load(WorkingCalendar.DefaultFolder(lawDir ?? LawLibrary.FindDefaultRoot() ?? "law")));
        services.AddIdentityCore<SenimUser>(RegistryIdentity.Configure)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<RegistryDb>();
        await using var built = services.BuildServiceProvider();
        await using var scope = built.CreateAsyncScope();
        try
        {
            return await work(scope.ServiceProvider);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or PackLoadException)
        {
            context.Error.WriteLine($"The database could not be used ({settings.Provider}): {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
