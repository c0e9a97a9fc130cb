using Senim.Registry.Data;

namespace Senim.Registry.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without the web host.</summary>
public sealed class DesignTimeFactory() : RegistryDesignTimeFactory(DatabaseProvider.Sqlite, "Data Source=design-time.db");
