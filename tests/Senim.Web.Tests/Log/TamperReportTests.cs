using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Log;

/// <summary>The demo register on a real port with the public output cache off, so a direct database edit is served at once.</summary>
public sealed class TamperHostFixture : IAsyncLifetime
{
    private readonly UncachedFactory _factory = new();

    public string BaseUrl { get; private set; } = "";

    public string VerifierKey { get; private set; } = "";

    public SenimFactory Factory => _factory;

    public async ValueTask InitializeAsync()
    {
        await _factory.InitializeAsync();
        BaseUrl = _factory.StartOnLoopback();
        VerifierKey = _factory.Services.GetRequiredService<LogKey>().VerifierKey;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private sealed class UncachedFactory : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:PublicCacheSeconds", "0")];
    }
}

/// <summary>
/// What an outsider sees when someone edits a published record directly in the database: the log itself still
/// verifies (it was not touched), and `senim log verify URL --records` says in plain words which record no longer
/// matches the hash its latest log entry names — the same finding as the server's integrity check.
/// </summary>
public sealed class TamperReportTests(TamperHostFixture host) : IClassFixture<TamperHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Senim_log_verify_records_names_a_record_edited_in_the_database()
    {
        var cli = Path.Combine(RepoPaths.Root, "src", "Senim.Cli", "bin", "Debug", "net10.0", "senim.dll");
        Assert.True(File.Exists(cli), $"build the CLI first ({cli})");
        var clean = ExternalProcess.Run("dotnet", cli, "log", "verify", host.BaseUrl + "/log/", "--key", host.VerifierKey, "--records");
        Assert.True(clean.Code == 0, clean.Output + clean.Error);
        Assert.Contains("publishes exactly the records", clean.Output, StringComparison.Ordinal);

        Guid edited;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
            edited = await db.Systems.Where(s => s.NameEn == "Claim drafting assistant").Select(s => s.Id).SingleAsync(Ct);
            var changed = await db.Database.ExecuteSqlRawAsync("""UPDATE "AiSystems" SET "PublicJson" = replace("PublicJson", 'Claim drafting assistant', 'Claim drafting assistant (certified)') WHERE "NameEn" = 'Claim drafting assistant'""", Ct);
            Assert.Equal(1, changed);
            var report = await scope.ServiceProvider.GetRequiredService<IntegrityCheck>().RunAsync(Ct);
            Assert.Contains(report.Problems, p => p.Code == "record-altered" && p.SystemId == edited);
        }

        var tampered = ExternalProcess.Run("dotnet", cli, "log", "verify", host.BaseUrl + "/log/", "--key", host.VerifierKey, "--records");
        Assert.Equal(1, tampered.Code);
        Assert.Contains("root matches the checkpoint", tampered.Output, StringComparison.Ordinal);
        Assert.Contains($"the register's record of system {edited} is not the one its last log entry", tampered.Error, StringComparison.Ordinal);
        Assert.Contains("changed outside the register's services", tampered.Error, StringComparison.Ordinal);
        Assert.Contains("1 of", tampered.Output, StringComparison.Ordinal);

        // Without a register to compare with (a folder), --records needs --register.
        Assert.Equal(2, ExternalProcess.Run("dotnet", cli, "log", "verify", Path.GetTempPath(), "--key", host.VerifierKey, "--records").Code);
    }

}
