using Senim.Registry.Data;

namespace Senim.Registry.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without a server.</summary>
public sealed class DesignTimeFactory() : RegistryDesignTimeFactory(DatabaseProvider.Postgres, "Host=localhost;Database=senim_design");
