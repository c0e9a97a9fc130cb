using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Senim.Web.Infrastructure.Hosting;
using Senim.Web.Tests.Review;
using static Senim.Web.Tests.Citizens.CitizenKit;

namespace Senim.Web.Tests.Citizens;

/// <summary>
/// The background job on the host's clock: a request left unanswered past its deadline escalates by itself when the
/// (fake) clock moves, the supervisory body sees it and is notified; the settings are checked at start.
/// </summary>
public sealed class CitizenJobTests(CitizenJobTests.ClockFactory factory) : IClassFixture<CitizenJobTests.ClockFactory>
{
    /// <summary>The host on a fake clock, with the job every five minutes.</summary>
    public sealed class ClockFactory : CitizenFactory
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:Citizens:JobMinutes", "5")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }

    [Fact]
    public async Task An_unanswered_objection_escalates_when_the_clock_passes_its_deadline_and_the_supervisor_sees_it()
    {
        await factory.ReadyAsync();
        var system = await SystemIdAsync(factory, CitizenFactory.BankSystem);
        var filed = await FileAsync(factory, "objection", system);
        using var anonymous = factory.CreateClient();
        async Task<string?> StatusAsync() => (await JsonAsync(await anonymous.GetAsync(new Uri("/api/v1/citizen-requests/track/" + filed.TrackingCode, UriKind.Relative), Cancel)))
            .GetProperty("status").GetString();

        // A day before the deadline nothing moves.
        factory.Clock.SetUtcNow(new DateTimeOffset(filed.DueAt, TimeSpan.Zero).AddDays(-1));
        await factory.Services.GetRequiredService<Senim.Web.Features.Citizens.CitizenJob>().RunOnceAsync(Cancel);
        Assert.Equal("received", await StatusAsync());

        // Past it, the job's own timer (on the fake clock) takes it to the supervisory body.
        factory.Clock.SetUtcNow(new DateTimeOffset(filed.DueAt, TimeSpan.Zero).AddMinutes(1));
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await StatusAsync() != "escalated")
        {
            Assert.True(DateTime.UtcNow < deadline, "the job did not escalate the request within 30 s of the clock passing its deadline");
            await Task.Delay(100, Cancel);
        }

        using var supervisor = await StaffAsync(factory, Demo.Supervisor);
        var list = await JsonAsync(await supervisor.GetAsync(new Uri("/api/v1/citizen-requests", UriKind.Relative), Cancel));
        var item = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == filed.Id);
        Assert.True(item.GetProperty("overdue").GetBoolean() || item.GetProperty("status").GetString() == "escalated");
        var notifications = await JsonAsync(await supervisor.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative), Cancel));
        Assert.Contains(notifications.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "notification.citizen-request-escalated");
        using var owner = await StaffAsync(factory, Demo.BankOwner);
        var ownerNotifications = await JsonAsync(await owner.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative), Cancel));
        Assert.Contains(ownerNotifications.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "notification.citizen-request-received");

        // A second run finds nothing left to move.
        Assert.Equal(0, (await factory.Services.GetRequiredService<Senim.Web.Features.Citizens.CitizenJob>().RunOnceAsync(Cancel)).Escalated);
    }

    [Fact]
    public void Wrong_citizen_settings_stop_the_host_naming_each_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Senim:Citizens:ProofOfWorkBits"] = "40",
            ["Senim:Citizens:JobMinutes"] = "-1",
            ["Senim:Citizens:RetentionDays:complaints"] = "30",
            ["Senim:Citizens:RetentionDays:objection"] = "0",
        }).Build();
        var error = Assert.Throws<SettingsException>(() => SettingsReader.Read(configuration));
        Assert.Contains(error.Problems, p => p.Contains("Citizens:ProofOfWorkBits", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Citizens:JobMinutes", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("RetentionDays:complaints", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("RetentionDays:objection", StringComparison.Ordinal));

        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Senim:Citizens:RetentionDays:objection"] = "30",
        }).Build();
        var settings = SettingsReader.Read(good).Citizens.Register();
        Assert.Equal(30, settings.Retention(Senim.Registry.Model.CitizenRequestKind.Objection));
        Assert.Equal(180, settings.Retention(Senim.Registry.Model.CitizenRequestKind.InteractionRefusal));
    }
}
