using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Register;

/// <summary>The public register's list and search queries must be served by indexes, not by scanning and sorting every system.</summary>
public class QueryPlanTests
{
    [Theory]
    [InlineData(RegisterSort.Updated, null, null)]
    [InlineData(RegisterSort.Name, null, null)]
    [InlineData(RegisterSort.Registered, null, null)]
    [InlineData(RegisterSort.Updated, "finance", null)]
    [InlineData(RegisterSort.Updated, null, "high")]
    public async Task The_first_page_of_the_list_reads_an_index_in_order_on_sqlite(RegisterSort sort, string? sector, string? tier)
    {
        await using var registry = await TestRegistry.CreateAsync(DatabaseKind.Sqlite);
        var sql = await registry.Db(db => Task.FromResult(RegisterService.ListQuery(db, new RegisterQuery(Sector: sector, Tier: tier, Sort: sort)).ToQueryString()));
        var plan = await PlanAsync(registry, sql);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.Contains("USING INDEX", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_statistics_read_their_all_time_rows_from_one_index_range_on_sqlite()
    {
        await using var registry = await TestRegistry.CreateAsync(DatabaseKind.Sqlite);
        var sql = await registry.Db(db => Task.FromResult(StatisticsService.TotalsQuery(db, StatMeasures.All).ToQueryString()));
        var plan = await PlanAsync(registry, sql);
        Assert.Contains("USING INDEX IX_StatDays_Day_Measure (Day=? AND Measure=?)", plan, StringComparison.Ordinal);
    }

    private static Task<string> PlanAsync(TestRegistry registry, string sql) => registry.Db(async db =>
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        // ToQueryString starts with ".param set" lines for the sqlite3 shell; the plan does not need the values.
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join("\n", sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var lines = new List<string>();
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join("\n", lines);
    });
}
