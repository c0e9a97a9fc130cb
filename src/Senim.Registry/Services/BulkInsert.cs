using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Senim.Registry.Services;

/// <summary>
/// Inserts many new rows of one entity type with multi-row <c>INSERT … VALUES (…), (…)</c> statements, past the change
/// tracker: the load-test seeders' way to write a million rows in seconds rather than minutes. The columns, and each value's
/// conversion and parameter type, come from the EF model (the provider's own type mappings), so the rows read back exactly
/// as rows EF saved would; the same code runs on SQLite and PostgreSQL. Runs in the caller's transaction, or its own.
/// </summary>
internal static class BulkInsert
{
    // Binding a parameter by name costs a scan of the statement's names on SQLite, so a statement with thousands of
    // parameters costs their square; about a thousand per statement (a few dozen rows) is fast on both databases.
    private const int MaxParameters = 1000;
    private const int MaxRows = 100;

    public static async Task InsertAsync<T>(RegistryDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the register's model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.PropertyInfo is not null && p.GetColumnName(table) is not null)
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping())).ToList();
        var perStatement = Math.Clamp(MaxParameters / columns.Count, 1, MaxRows);
        var statements = new Dictionary<int, string>();
        var head = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) VALUES ";

        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            if (!statements.TryGetValue(count, out var text))
            {
                statements[count] = text = Statement(head, columns.Count, count);
            }

            command.CommandText = text;
            for (var r = 0; r < count; r++)
            {
                var row = rows[start + r];
                for (var c = 0; c < columns.Count; c++)
                {
                    var (property, _, mapping) = columns[c];
                    command.Parameters.Add(mapping.CreateParameter(command, Name(r, c, columns.Count), property.PropertyInfo!.GetValue(row), property.IsNullable));
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    private static string Name(int row, int column, int columns) => "@p" + (row * columns + column).ToString(CultureInfo.InvariantCulture);

    private static string Statement(string head, int columns, int rows)
    {
        var text = new System.Text.StringBuilder(head, head.Length + rows * columns * 8);
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                text.Append(c == 0 ? "" : ", ").Append(Name(r, c, columns));
            }

            text.Append(')');
        }

        return text.ToString();
    }
}
