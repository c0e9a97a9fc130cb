using Npgsql;
using Senim.Registry.Data;

namespace Senim.Registry.Tests.Storage;

/// <summary>Senim's PostgreSQL connection defaults apply only where the operator's connection string is silent.</summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void A_plain_connection_string_gets_prepared_statements_and_no_reset()
    {
        var prepared = new NpgsqlConnectionStringBuilder(RegistryDatabase.PreparePostgres("Host=db;Database=senim;Username=senim"));

        Assert.Equal(64, prepared.MaxAutoPrepare);
        Assert.True(prepared.NoResetOnClose);
        Assert.Equal("db", prepared.Host);
        Assert.Equal("senim", prepared.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false", 0, false)]
    [InlineData("Host=db;MaxAutoPrepare=10;NoResetOnClose=false", 10, false)]
    [InlineData("Host=db;max auto prepare=5", 5, true)]
    public void What_the_operator_wrote_is_kept(string connectionString, int maxAutoPrepare, bool noReset)
    {
        var prepared = new NpgsqlConnectionStringBuilder(RegistryDatabase.PreparePostgres(connectionString));

        Assert.Equal(maxAutoPrepare, prepared.MaxAutoPrepare);
        Assert.Equal(noReset, prepared.NoResetOnClose);
    }

    [Fact]
    public void The_pool_size_and_password_pass_through()
    {
        var prepared = new NpgsqlConnectionStringBuilder(RegistryDatabase.PreparePostgres("Host=db;Password=s3cret;Maximum Pool Size=8"));

        Assert.Equal(8, prepared.MaxPoolSize);
        Assert.Equal("s3cret", prepared.Password);
    }
}
