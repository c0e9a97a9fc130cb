using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Senim.Registry.Text;
using Senim.Search;

namespace Senim.SearchBench;

/// <summary>
/// The register's current search as a peer, the same SQL the register runs per search request: SearchText (lowercase, ё → е,
/// letters and digits), every term a prefix, counted in full and the first page ordered by the last update. SQLite through
/// an FTS5 table over the text; PostgreSQL through a GIN index on to_tsvector('simple', text).
/// </summary>
internal abstract class DatabasePeer : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>A connection per worker thread, opened on first use.</summary>
    public abstract Task<DbConnection> OpenAsync();

    public abstract Task LoadAsync(IReadOnlyList<SearchDocument> documents, IReadOnlyList<long> updated);

    /// <summary>The count and the first page's ids, or null when the query has no terms.</summary>
    public async Task<(int Count, List<Guid> Page)?> SearchAsync(DbConnection connection, string query, int take = 20)
    {
        var terms = SearchText.Terms(query);
        if (terms.Count == 0)
        {
            return null;
        }

        var (countSql, pageSql, argument) = Sql(terms);
        await using var count = connection.CreateCommand();
        count.CommandText = countSql;
        count.Parameters.Add(Parameter(count, argument));
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var page = connection.CreateCommand();
        page.CommandText = pageSql;
        page.Parameters.Add(Parameter(page, argument));
        var ids = new List<Guid>(take);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return (total, ids);
    }

    protected abstract (string Count, string Page, string Argument) Sql(IReadOnlyList<string> terms);

    private static DbParameter Parameter(DbCommand command, string value)
    {
        var p = command.CreateParameter();
        p.ParameterName = "q";
        p.Value = value;
        return p;
    }

    protected static string Text(SearchDocument document) =>
        SearchText.Normalize([.. document.Fields.Select(f => f.Text), .. document.Keys ?? []]);

    public abstract ValueTask DisposeAsync();
}

internal sealed class SqlitePeer(string file) : DatabasePeer
{
    public override string Name => "SQLite FTS5 (current)";

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        return connection;
    }

    public override async Task LoadAsync(IReadOnlyList<SearchDocument> documents, IReadOnlyList<long> updated)
    {
        await using var connection = (SqliteConnection)await OpenAsync();
        await Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE AiSystems (Id TEXT NOT NULL, UpdatedAt INTEGER NOT NULL, Listed INTEGER NOT NULL, SearchText TEXT NOT NULL);
            CREATE INDEX IX_AiSystems_UpdatedAt ON AiSystems (UpdatedAt DESC, Id DESC);
            CREATE VIRTUAL TABLE SystemSearch USING fts5(SearchText, content='AiSystems', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
            """);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO AiSystems (Id, UpdatedAt, Listed, SearchText) VALUES ($id, $at, 1, $text)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            for (var i = 0; i < documents.Count; i++)
            {
                id.Value = documents[i].Id.ToString();
                at.Value = updated[i];
                text.Value = Text(documents[i]);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await Execute(connection, "INSERT INTO SystemSearch(SystemSearch) VALUES ('rebuild'); ANALYZE;");
    }

    protected override (string, string, string) Sql(IReadOnlyList<string> terms)
    {
        const string Matches = "SELECT * FROM AiSystems WHERE rowid IN (SELECT rowid FROM SystemSearch WHERE SystemSearch MATCH $q) AND Listed = 1";
        return ($"SELECT count(*) FROM ({Matches})", $"SELECT Id FROM ({Matches}) ORDER BY UpdatedAt DESC, Id DESC LIMIT 20", string.Join(' ', terms.Select(t => "\"" + t + "\"*")));
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresPeer(string connectionString) : DatabasePeer
{
    private readonly string database = "senim_searchbench_" + Guid.NewGuid().ToString("N")[..8];
    private string? benchConnection;

    public override string Name => "PostgreSQL tsvector (current)";

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(benchConnection ?? throw new InvalidOperationException("load first"));
        await connection.OpenAsync();
        return connection;
    }

    public override async Task LoadAsync(IReadOnlyList<SearchDocument> documents, IReadOnlyList<long> updated)
    {
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        benchConnection = new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
        await using var connection = (NpgsqlConnection)await OpenAsync();
        await using (var schema = new NpgsqlCommand("""CREATE TABLE "AiSystems" ("Id" uuid NOT NULL, "UpdatedAt" bigint NOT NULL, "Listed" boolean NOT NULL, "SearchText" text NOT NULL)""", connection))
        {
            await schema.ExecuteNonQueryAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("""COPY "AiSystems" ("Id", "UpdatedAt", "Listed", "SearchText") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < documents.Count; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(documents[i].Id, NpgsqlTypes.NpgsqlDbType.Uuid);
                await writer.WriteAsync(updated[i], NpgsqlTypes.NpgsqlDbType.Bigint);
                await writer.WriteAsync(true, NpgsqlTypes.NpgsqlDbType.Boolean);
                await writer.WriteAsync(Text(documents[i]), NpgsqlTypes.NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        await using var index = new NpgsqlCommand("""
            CREATE INDEX "IX_AiSystems_SearchVector" ON "AiSystems" USING GIN (to_tsvector('simple'::regconfig, "SearchText"));
            CREATE INDEX "IX_AiSystems_UpdatedAt" ON "AiSystems" ("UpdatedAt" DESC, "Id" DESC);
            """, connection);
        index.CommandTimeout = 600;
        await index.ExecuteNonQueryAsync();
        await using var vacuum = new NpgsqlCommand("""VACUUM ANALYZE "AiSystems" """, connection);
        vacuum.CommandTimeout = 600;
        await vacuum.ExecuteNonQueryAsync();
    }

    protected override (string, string, string) Sql(IReadOnlyList<string> terms)
    {
        const string Where = """WHERE to_tsvector('simple'::regconfig, "SearchText") @@ to_tsquery('simple'::regconfig, @q) AND "Listed" """;
        return ($"""SELECT count(*) FROM "AiSystems" {Where}""", $"""SELECT "Id"::text FROM "AiSystems" {Where} ORDER BY "UpdatedAt" DESC, "Id" DESC LIMIT 20""", string.Join(" & ", terms.Select(t => t + ":*")));
    }

    public override async ValueTask DisposeAsync()
    {
        if (benchConnection is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
