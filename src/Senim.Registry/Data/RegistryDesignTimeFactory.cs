using Microsoft.EntityFrameworkCore.Design;

namespace Senim.Registry.Data;

/// <summary>
/// What each provider's design-time factory does: lets `dotnet ef migrations add` build the model for
/// <paramref name="provider"/> without the web host (and without a server; nothing connects).
/// </summary>
public abstract class RegistryDesignTimeFactory(DatabaseProvider provider, string connectionString) : IDesignTimeDbContextFactory<RegistryDb>
{
    public RegistryDb CreateDbContext(string[] args) =>
        RegistryDb.Create(new DatabaseSettings { Provider = provider, ConnectionString = connectionString });
}
