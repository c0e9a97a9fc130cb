using Microsoft.EntityFrameworkCore.Design;
using Senim.Registry.Data;

namespace Senim.Registry.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RegistryDb>
{
    public RegistryDb CreateDbContext(string[] args) =>
        RegistryDb.Create(new DatabaseSettings { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" });
}
