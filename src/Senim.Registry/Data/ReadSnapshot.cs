using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Senim.Registry.Data;

/// <summary>
/// A read-only transaction that sees one state of the database for as long as it lasts, so a long reader (the
/// integrity check) never half-sees a change committed meanwhile. PostgreSQL: REPEATABLE READ. SQLite: a deferred
/// transaction, which in WAL mode reads one snapshot and never takes the write lock (EF's own BeginTransaction
/// would issue BEGIN IMMEDIATE and stop every writer). Rolled back when disposed; inside a caller's transaction
/// it does nothing.
/// </summary>
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly RegistryDb? _db;
    private readonly IDbContextTransaction? _postgres;
    private readonly SqliteTransaction? _sqlite;

    private ReadSnapshot(RegistryDb? db, IDbContextTransaction? postgres, SqliteTransaction? sqlite)
    {
        _db = db;
        _postgres = postgres;
        _sqlite = sqlite;
    }

    public static async Task<ReadSnapshot> BeginAsync(RegistryDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null)
        {
            return new ReadSnapshot(null, null, null);
        }

        if (!db.Database.IsSqlite())
        {
            return new ReadSnapshot(db, await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken), null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return new ReadSnapshot(db, null, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_sqlite is not null)
        {
            await _db!.Database.UseTransactionAsync(null);
            await _sqlite.DisposeAsync();
            await _db.Database.CloseConnectionAsync();
        }
    }
}
