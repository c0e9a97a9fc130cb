using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Senim.Tests.Shared;

namespace Senim.Web.Tests.Support;

/// <summary>
/// The real web host, in memory, on the repository's law packs and a fresh database of its own
/// (seeded with the demo data), so test classes never share state.
/// </summary>
public class SenimFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DatabaseKind _kind;
    private TestDatabase? _database;

    public SenimFactory()
        : this(DatabaseKind.Sqlite)
    {
    }

    protected SenimFactory(DatabaseKind kind) => _kind = kind;

    public DatabaseKind Kind => _kind;

    /// <summary>The factory's database (its settings, its folder: the log's key is at log/signing.key in it).</summary>
    public TestDatabase Database => _database ?? throw new InvalidOperationException("the factory is used before InitializeAsync");

    /// <summary>Where the host drops its mail (.eml files): mail beside the files folder, the default of Senim:Mail:Folder.</summary>
    public string MailFolder => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Database.FilesRoot))!, "mail");

    /// <summary>Extra settings a derived factory adds (rate limits, demo data off, ...).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public virtual async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(_kind);

    /// <summary>Starts the host on a free loopback port (real Kestrel, for browsers and other processes) and returns its base URL.</summary>
    public string StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var database = _database ?? throw new InvalidOperationException("the factory is used before InitializeAsync");
        builder.UseEnvironment("Testing");
        builder.UseSetting("Senim:LawDir", RepoPaths.Law);
        builder.UseSetting("Senim:DefaultLanguage", "en");
        builder.UseSetting("Senim:Database:Provider", database.Settings.Provider.ToString());
        builder.UseSetting("Senim:Database:ConnectionString", database.Settings.ConnectionString);
        builder.UseSetting("Senim:Files", database.FilesRoot);
        builder.UseSetting("Senim:Log:KeyFile", Path.Combine(database.Folder, "log", "signing.key"));
        builder.UseSetting("Senim:Log:IntegrityMinutes", "0");
        builder.UseSetting("Senim:RateLimits:PublicPerSecond", "100000");
        builder.UseSetting("Senim:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Senim:Mail:PollMilliseconds", "100");
        builder.UseSetting("Senim:RateLimits:SignUpPerHour", "100000");
        builder.UseSetting("Senim:RateLimits:PasswordResetPerHour", "100000");
        builder.UseSetting("Senim:RateLimits:TwoFactorPerMinute", "100000");
        builder.UseSetting("Senim:RateLimits:HeavyPerMinute", "1000000");
        builder.UseSetting("Senim:RateLimits:HeavyConcurrent", "64");
        // Citizens' forms: no wait before sending, a cheap proof of work, no plain limit, no job on a timer (tests run it).
        builder.UseSetting("Senim:RateLimits:CitizenFilePerHour", "100000");
        builder.UseSetting("Senim:RateLimits:TrackPerMinute", "100000");
        builder.UseSetting("Senim:Citizens:MinFormSeconds", "0");
        builder.UseSetting("Senim:Citizens:ProofOfWorkBits", "4");
        builder.UseSetting("Senim:Citizens:PlainPerHour", "100000");
        builder.UseSetting("Senim:Citizens:JobMinutes", "0");
        // Key files with the fewest PBKDF2 iterations the store allows: the authority is set up at every start.
        builder.UseSetting("Senim:Pki:KeyIterations", "10000");
        // The web host runs on the real clock: an MCI for the year after the pack's last one (a test value, not the law's),
        // so enforcement fines still compute when the tests run in 2027.
        builder.UseSetting("Senim:Enforcement:MciByYear:2027", "4500");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The same host on PostgreSQL (skipped when no cluster is available).</summary>
public sealed class PostgresFactory : SenimFactory
{
    public PostgresFactory()
        : base(DatabaseKind.Postgres)
    {
    }
}

/// <summary>Paths in the repository, found from the test's own folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Law => Path.Combine(Root, "law");

    public static string Docs => Path.Combine(Root, "docs");

    /// <summary>Where tests leave artifacts (screenshots): artifacts/ at the repository root, ignored by git.</summary>
    public static string Artifacts
    {
        get
        {
            var dir = Path.Combine(Root, "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Senim.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Senim.slnx not found above " + AppContext.BaseDirectory);
    }
}
