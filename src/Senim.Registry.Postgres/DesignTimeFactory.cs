using Microsoft.EntityFrameworkCore.Design;
using Senim.Registry.Data;

namespace Senim.Registry.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RegistryDb>
{
    public RegistryDb CreateDbContext(string[] args) =>
        RegistryDb.Create(new DatabaseSettings { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=senim_design" });
}
