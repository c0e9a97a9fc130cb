using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Senim.Registry.Data;

/// <summary>
/// Inserts many new rows of one entity type without the change tracker, for bulk loads (the demo seeder): PostgreSQL
/// binary COPY, one prepared statement on SQLite. Columns and values come from the EF model (names, value converters),
/// so the rows are what SaveChanges would have written. Runs inside the caller's transaction.
/// </summary>
public static class BulkRows
{
    public static async Task InsertAsync<T>(RegistryDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the register's transaction.");
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => Column.Of(p, table)).ToList();
        var names = string.Join(", ", columns.Select(c => "\"" + c.Name + "\""));
        if (db.Database.IsNpgsql())
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    if (column.Value(row) is { } value)
                    {
                        await importer.WriteAsync(value, column.DataType, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
            return;
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }

        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                // EF Core's SQLite provider stores a Guid as upper-case text (RegistryLogStore writes it the same way).
                parameters[i].Value = columns[i].Value(row) switch
                {
                    null => DBNull.Value,
                    Guid id => id.ToString().ToUpperInvariant(),
                    var value => value,
                };
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed record Column(string Name, string DataType, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)
    {
        public object? Value(object row)
        {
            var value = Getter.GetClrValue(row);
            return value is null || Converter is null ? value : Converter.ConvertToProvider(value);
        }

        public static Column Of(IProperty property, StoreObjectIdentifier table)
        {
            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property; bulk inserts write mapped properties only.");
            }

            var mapping = property.GetRelationalTypeMapping();
            // "character varying(300)" → "character varying": COPY names the type, the column keeps its length.
            var storeType = mapping.StoreType;
            var facets = storeType.IndexOf('(', StringComparison.Ordinal);
            return new Column(property.GetColumnName(table)!, facets < 0 ? storeType : storeType[..facets], property.GetGetter(), property.GetValueConverter() ?? mapping.Converter);
        }
    }
}
