using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Senim.Tests.Shared;

/// <summary>
/// Records every command the register's contexts send (registered as an <see cref="IInterceptor"/> singleton, it joins every
/// pooled context), so a test can count how often one row was read: a command that selects from a table with the row's
/// id among its parameters. With <see cref="FailWhen"/> it fails the commands a test chooses, to break a change part way.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<(string Sql, IReadOnlyList<string> Parameters)> _commands = new();

    /// <summary>Commands for which this returns true fail with an <see cref="InvalidOperationException"/> before they are sent.</summary>
    public Func<DbCommand, bool>? FailWhen { get; set; }

    /// <summary>Every query recorded since the last <see cref="Clear"/>.</summary>
    public IReadOnlyList<string> Commands => [.. _commands.Select(c => c.Sql)];

    public void Clear() => _commands.Clear();

    /// <summary>How many recorded queries read from <paramref name="table"/> with <paramref name="id"/> as a parameter.</summary>
    public int Reads(string table, Guid id) => _commands.Count(c =>
        c.Sql.Contains($"FROM \"{table}\"", StringComparison.Ordinal) && c.Parameters.Any(p => Guid.TryParse(p, out var value) && value == id));

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (FailWhen?.Invoke(command) == true)
        {
            throw new InvalidOperationException("the test fails this command: " + command.CommandText);
        }

        _commands.Enqueue((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")]));
    }
}
