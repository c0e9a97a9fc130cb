using Microsoft.Data.Sqlite;
using Npgsql;

namespace Senim.Registry.Data;

/// <summary>Reads what a database refused from the provider's error code, never from its message (which is localised and may change).</summary>
public static class DatabaseErrors
{
    // SQLite: SQLITE_CONSTRAINT (19), extended SQLITE_CONSTRAINT_UNIQUE (2067) or SQLITE_CONSTRAINT_PRIMARYKEY (1555).
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>True when the save broke a unique index or a primary key (PostgreSQL SQLSTATE 23505; SQLite 19/2067 or 19/1555).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            _ => false,
        };
    }
}
