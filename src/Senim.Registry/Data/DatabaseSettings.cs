using Microsoft.Data.Sqlite;
using Senim.Registry.Files;

namespace Senim.Registry.Data;

/// <summary>Which database the register uses.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file (the default: nothing to install).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (production, several web nodes).</summary>
    Postgres,
}

/// <summary>Settings under Senim:Database.</summary>
public sealed class DatabaseSettings
{
    public const string DefaultSqlite = "Data Source=data/senim.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string; for SQLite the default is data/senim.db under the working folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts (turn off where `senim db migrate` runs them).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public string EffectiveConnectionString => ConnectionString is { Length: > 0 } cs ? cs : Provider == DatabaseProvider.Sqlite ? DefaultSqlite : throw new InvalidOperationException("Senim:Database:ConnectionString is required for PostgreSQL.");

    public static DatabaseProvider ParseProvider(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Unknown database provider '{text}': use sqlite or postgres."),
    };
}

/// <summary>Configures EF Core for the chosen provider, with that provider's migrations assembly.</summary>
public static class RegistryDatabase
{
    public const string SqliteMigrations = "Senim.Registry.Sqlite";
    public const string PostgresMigrations = "Senim.Registry.Postgres";

    public static DbContextOptionsBuilder UseRegistryDatabase(this DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var connectionString = settings.EffectiveConnectionString;
        return settings.Provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(PreparePostgres(connectionString), o => o.MigrationsAssembly(PostgresMigrations)),
            _ => options.UseSqlite(PrepareSqlite(connectionString), o => o.MigrationsAssembly(SqliteMigrations)),
        };
    }

    public static DbContextOptionsBuilder<T> UseRegistryDatabase<T>(this DbContextOptionsBuilder<T> options, DatabaseSettings settings)
        where T : DbContext
    {
        ((DbContextOptionsBuilder)options).UseRegistryDatabase(settings);
        return options;
    }

    /// <summary>
    /// Senim's defaults for a PostgreSQL connection string, each only where the string does not say otherwise:
    /// statements used repeatedly are prepared on the server (<c>Max Auto Prepare=64</c>: no parsing and planning per
    /// request), and a connection returned to the pool is not reset (<c>No Reset On Close=true</c>: Senim never changes
    /// session state, so the reset would only cost a round trip per request).
    /// </summary>
    public static string PreparePostgres(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Creates the folder of a SQLite file (700), so the default data/senim.db works on a fresh checkout, and keeps the file
    /// readable by Senim's user only: a new one is created 600 before SQLite opens it (its -wal and -shm files take the
    /// database's mode), and one that exists is set to 600 with them.
    /// </summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var file = Path.GetFullPath(builder.DataSource);
            var folder = Path.GetDirectoryName(file);
            if (folder is not null)
            {
                PrivateFiles.CreateFolder(folder);
            }

            if (!File.Exists(file) && builder.Mode is SqliteOpenMode.ReadWriteCreate)
            {
                try
                {
                    using var created = new FileStream(file, PrivateFiles.Create());
                }
                catch (IOException) when (File.Exists(file))
                {
                    // Another context created it meanwhile.
                }
            }

            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                PrivateFiles.Restrict(file + suffix);
            }
        }

        builder.ForeignKeys = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Brings the schema up to date and sets SQLite to write-ahead logging (readers never wait for the writer).</summary>
    public static async Task MigrateAsync(RegistryDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
