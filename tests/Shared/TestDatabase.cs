using Microsoft.Data.Sqlite;
using Npgsql;
using Senim.Registry.Data;

namespace Senim.Tests.Shared;

/// <summary>The databases integration tests run on.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, empty database for one test or one fixture: a SQLite file in a temporary folder, or a new
/// database in the throwaway PostgreSQL cluster that scripts/test.sh starts (SENIM_TEST_POSTGRES).
/// Dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseKind kind, DatabaseSettings settings, string folder, string? postgresAdmin, string? postgresName)
    {
        Kind = kind;
        Settings = settings;
        Folder = folder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public static string? PostgresConnection => Environment.GetEnvironmentVariable("SENIM_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static TheoryData<DatabaseKind> Kinds => [DatabaseKind.Sqlite, DatabaseKind.Postgres];

    public DatabaseKind Kind { get; }

    public DatabaseSettings Settings { get; }

    /// <summary>A temporary folder for this database's files (SQLite file, evidence files).</summary>
    public string Folder { get; }

    public string FilesRoot => Path.Combine(Folder, "files");

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        var folder = Directory.CreateTempSubdirectory("senim-test-").FullName;
        if (kind == DatabaseKind.Sqlite)
        {
            var settings = new DatabaseSettings { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "senim.db")}" };
            return new TestDatabase(kind, settings, folder, null, null);
        }

        var admin = PostgresConnection;
        if (admin is null)
        {
            Directory.Delete(folder, recursive: true);
            Assert.Skip("PostgreSQL is not available here: ./scripts/test.sh starts a throwaway cluster and sets SENIM_TEST_POSTGRES.");
        }

        var name = "senim_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var pg = new DatabaseSettings { Provider = DatabaseProvider.Postgres, ConnectionString = builder.ToString() };
        return new TestDatabase(kind, pg, folder, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the OS temp cleaner will take it.
        }
    }
}
