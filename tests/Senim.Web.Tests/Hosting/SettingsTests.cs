using Microsoft.Extensions.Configuration;
using Senim.Web.Infrastructure.Hosting;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Hosting;

/// <summary>Settings are bound once and checked at start: a wrong one stops the host with a message that names it.</summary>
public sealed class SettingsTests
{
    private static SenimSettings Read(params (string Key, string Value)[] values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Nothing_set_gives_the_documented_defaults()
    {
        var settings = Read();
        Assert.Equal("kk", settings.DefaultLanguage);
        Assert.Equal("Asia/Almaty", settings.TimeZone);
        Assert.Equal(5, settings.PublicCacheSeconds);
        Assert.Equal(200, settings.RateLimits.PublicPerSecond);
        Assert.Equal(10, settings.RateLimits.SignInPerMinute);
        Assert.Equal((20, 10, 10, 60, 0), (settings.RateLimits.SignUpPerHour, settings.RateLimits.PasswordResetPerHour, settings.RateLimits.TwoFactorPerMinute, settings.RateLimits.HeavyPerMinute, settings.RateLimits.HeavyConcurrent));
        Assert.Null(settings.TrustedProxies);
        Assert.Equal(365, settings.HstsDays);
        Assert.Equal(8 * settings.Labels.MaxUploadBytes, settings.Labels.BytesInFlight);
        Assert.Equal(10, settings.Log.IntegrityMinutes);
        Assert.True(settings.Demo.Seed);
        Assert.Equal("senim.local/log", settings.LogSettings().Origin);
    }

    [Fact]
    public void Keys_present_but_empty_mean_not_set()
    {
        var settings = Read(("Senim:Files", ""), ("Senim:Admin:Email", ""), ("Senim:TimeZone", " "), ("Senim:DefaultLanguage", ""));
        Assert.Equal(Path.Combine("data", "files"), settings.Files);
        Assert.Equal("admin@senim.local", settings.Admin.Email);
        Assert.Equal("Asia/Almaty", settings.TimeZone);
        Assert.Equal("kk", settings.DefaultLanguage);
    }

    [Fact]
    public void The_shipped_appsettings_start_the_host()
    {
        var file = Path.Combine(RepoPaths.Root, "src", "Senim.Web", "appsettings.json");
        var settings = SettingsReader.Read(new ConfigurationBuilder().AddJsonFile(file).Build());
        Assert.Equal(200, settings.RateLimits.PublicPerSecond);
    }

    [Fact]
    public void The_log_origin_follows_the_public_address_unless_set()
    {
        Assert.Equal("register.example.kz/log", Read(("Senim:PublicBaseUrl", "https://register.example.kz/")).LogSettings().Origin);
        Assert.Equal("other/log", Read(("Senim:PublicBaseUrl", "https://register.example.kz/"), ("Senim:Log:Origin", "other/log")).LogSettings().Origin);
    }

    [Theory]
    [InlineData("Senim:RateLimits:PublicPerSecond", "fast", "is not a whole number")]
    [InlineData("Senim:RateLimits:PublicPerSecond", "0", "must be between 1 and")]
    [InlineData("Senim:Log:IntegrityMinutes", "-1", "must be between 0 and")]
    [InlineData("Senim:PublicCacheSeconds", "99999", "must be between 0 and 3600")]
    [InlineData("Senim:Demo:Seed", "perhaps", "is not true or false")]
    [InlineData("Senim:Database:Provider", "oracle", "is not a database provider")]
    [InlineData("Senim:DefaultLanguage", "de", "must be kk, ru or en")]
    [InlineData("Senim:TimeZone", "Mars/Olympus", "is not a time zone")]
    [InlineData("Senim:PublicBaseUrl", "register.example.kz", "absolute http or https")]
    [InlineData("Senim:Pki:KeyIterations", "100", "must be between 10000 and")]
    [InlineData("Senim:Labels:MaxUploadBytes", "10", "must be between 1024 and")]
    [InlineData("Senim:Admin:Password", "short", "at least 12 characters")]
    [InlineData("Senim:TrustedProxies", "10.0.0.1, nginx", "'nginx' is not an IP address or a network")]
    [InlineData("Senim:TrustedProxies", "10.0.0.0/40", "'10.0.0.0/40' is not an IP address or a network")]
    [InlineData("Senim:HstsDays", "-1", "must be between 0 and")]
    [InlineData("Senim:RateLimits:HeavyPerMinute", "0", "must be between 1 and")]
    [InlineData("Senim:RateLimits:SignUpPerHour", "0", "must be between 1 and")]
    [InlineData("Senim:Labels:MaxBytesInFlight", "2048", "must be between 52428800 and")]
    [InlineData("Senim:DataProtection:Certificate", "/nonexistent/keys.pfx", "is not a file")]
    public void A_wrong_setting_stops_start_up_naming_the_key(string key, string value, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => Read((key, value)));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_wrong_setting_is_listed_at_once()
    {
        var error = Assert.Throws<SettingsException>(() => Read(("Senim:RateLimits:SignInPerMinute", "0"), ("Senim:DefaultLanguage", "de"), ("Senim:Database:Provider", "postgres")));
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("Senim:Database:ConnectionString is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_host_does_not_start_with_a_wrong_setting()
    {
        await using var factory = new BadSettingFactory();
        await factory.InitializeAsync();
        var error = Assert.Throws<SettingsException>(() => factory.CreateClient());
        Assert.Contains("Senim:Log:IntegrityMinutes = -5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_program_exits_with_the_message_when_a_setting_is_wrong()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "Senim.Web", "bin", "Debug", "net10.0", "Senim.Web.dll");
        Assert.True(File.Exists(web), $"build the web host first ({web})");
        var (code, output, error) = ExternalProcess.Run("dotnet", web, "--Senim:RateLimits:PublicPerSecond=lots", "--Senim:LawDir=" + RepoPaths.Law, "--urls=http://127.0.0.1:0");
        Assert.NotEqual(0, code);
        Assert.Contains("Senim:RateLimits:PublicPerSecond = 'lots' is not a whole number", output + error, StringComparison.Ordinal);
    }

    private sealed class BadSettingFactory : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:Log:IntegrityMinutes", "-5")];
    }
}
