using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Senim.Law.Packs;
using Senim.Registry.Log;
using Senim.Registry.Services;

namespace Senim.Registry;

/// <summary>What <see cref="RegisterStartup"/> does besides loading the law.</summary>
/// <param name="LawFolder">The law folder whose packs become (or stay) the active set.</param>
/// <param name="Migrate">Apply pending migrations first.</param>
/// <param name="SeedDemo">Add the demo organisations, users and systems when the register is empty.</param>
public sealed record RegisterStartupOptions(string LawFolder, bool Migrate, bool SeedDemo);

/// <summary>
/// Brings a register database into service, the same way for the web host and the CLI: migrate, load the
/// law (a broken pack stops here with every problem listed), build public records and log entries that an
/// older database lacks, make sure the platform roles exist, and seed the demo data if asked.
/// </summary>
public sealed class RegisterStartup(
    RegistryDb db,
    LawCatalog catalog,
    LogKey key,
    RoleManager<IdentityRole<Guid>> roles,
    DemoSeeder seeder,
    StatisticsService statistics,
    TimeProvider time,
    ILogger<RegisterStartup> logger)
{
    public async Task RunAsync(RegisterStartupOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Migrate)
        {
            await RegistryDatabase.MigrateAsync(db, cancellationToken);
        }

        await catalog.InitializeAsync(db, LawLibrary.ReadFiles(options.LawFolder), time, cancellationToken);
        foreach (var pack in catalog.Active.Packs)
        {
            logger.LogInformation("Law pack {Pack} {Version} active ({Hash})", pack.Pack.Id, pack.Pack.Header.Version, pack.ContentHash);
        }

        var backfilled = await PublicRecords.BackfillAsync(db, catalog, cancellationToken);
        if (backfilled > 0)
        {
            logger.LogInformation("Built {Count} missing public records", backfilled);
        }

        logger.LogInformation("Transparency log {Origin}, public key {VerifierKey}", key.Origin, key.VerifierKey);
        var logged = await LogSequencer.BackfillAsync(db, key, cancellationToken);
        if (logged > 0)
        {
            logger.LogInformation("Put {Count} public register events that predate the log into the log", logged);
        }

        foreach (var role in PlatformRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        if (options.SeedDemo)
        {
            await seeder.SeedAsync(cancellationToken);
        }

        // A register from before the statistics were counted, or counted in an older layout of the rows, gets its counts
        // from the facts once.
        if (!await statistics.CurrentAsync(cancellationToken))
        {
            logger.LogInformation("Counted the statistics from the register's facts: {Rows} rows", await statistics.RebuildAsync(cancellationToken));
        }
    }
}
