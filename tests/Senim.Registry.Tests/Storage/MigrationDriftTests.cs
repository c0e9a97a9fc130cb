using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Senim.Registry.Data;

namespace Senim.Registry.Tests.Storage;

/// <summary>
/// The model and each provider's migrations agree: a model change without a migration for both
/// SQLite and PostgreSQL fails here (no database is needed to compare them).
/// </summary>
public sealed class MigrationDriftTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_model_change_has_a_migration(DatabaseProvider provider)
    {
        using var db = Create(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration covers: add a migration to Senim.Registry.{provider} (docs/web.md says how).");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_provider_has_its_own_migrations_in_the_same_order(DatabaseProvider provider)
    {
        using var db = Create(provider);
        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys.ToList();

        Assert.NotEmpty(migrations);
        Assert.Equal(migrations.Order(StringComparer.Ordinal), migrations);
        Assert.Equal(["Initial", "SearchIndex", "PublicRecord"], migrations.Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]).Take(3));
        Assert.Equal($"Senim.Registry.{provider}", db.GetService<IMigrationsAssembly>().Assembly.GetName().Name);
    }

    private static RegistryDb Create(DatabaseProvider provider)
    {
        var settings = new DatabaseSettings
        {
            Provider = provider,
            ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=unused",
        };
        return RegistryDb.Create(settings);
    }
}
