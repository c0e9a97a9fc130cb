using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Mail;
using Senim.Registry.Model;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Mail;

/// <summary>The outbox's delivery: once, retried with back-off while the server is down, dead with its error, never twice at once.</summary>
public sealed class OutboxSenderTests
{
    private static Task StageAsync(TestRegistry registry, string address, int count = 1) => registry.RunAsync(async sp =>
    {
        var outbox = sp.GetRequiredService<MailOutbox>();
        for (var i = 0; i < count; i++)
        {
            outbox.Stage(MailTemplates.ConfirmEmail, null, address, "Test", "ru", new Dictionary<string, string> { ["user"] = Guid.NewGuid().ToString(), ["code"] = "c" + i });
        }

        await sp.GetRequiredService<RegistryDb>().SaveChangesAsync();
    });

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_staged_message_is_sent_once_with_a_message_id_made_from_its_id(DatabaseKind kind)
    {
        var server = new FakeTransport();
        await using var registry = await MailRegistry.CreateAsync(kind, server);
        await StageAsync(registry, "dana@example.kz");

        var round = await registry.SendAsync();
        await registry.DrainAsync();

        Assert.Equal(new SendRound(1, 1, 0, 0), round);
        var mail = Assert.Single(server.Accepted);
        var stored = Assert.Single(await registry.OutboxAsync());
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal($"{stored.Id:N}@senim.test", mail.MessageId);
        Assert.Equal("ru", mail.Language);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal("{}", stored.ValuesJson);
        Assert.Null(stored.LeaseOwner);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task While_the_server_is_down_messages_wait_with_growing_delays_and_go_out_once_when_it_is_back(DatabaseKind kind)
    {
        var server = new FakeTransport { Down = true };
        await using var registry = await MailRegistry.CreateAsync(kind, server);
        await StageAsync(registry, "dana@example.kz", 3);

        Assert.Equal(new SendRound(3, 0, 3, 0), await registry.SendAsync());
        var waiting = await registry.OutboxAsync();
        Assert.All(waiting, m => Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts)));
        Assert.All(waiting, m => Assert.Equal(registry.Time.GetUtcNow().UtcDateTime.AddSeconds(10), m.NextAttemptAt));
        Assert.Contains("connection refused", waiting[0].LastError, StringComparison.Ordinal);

        // Not due yet: nothing is tried.
        Assert.Equal(0, (await registry.SendAsync()).Claimed);
        registry.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, (await registry.SendAsync()).Failed);
        Assert.All(await registry.OutboxAsync(), m => Assert.Equal(registry.Time.GetUtcNow().UtcDateTime.AddSeconds(20), m.NextAttemptAt));

        server.Down = false;
        registry.Time.Advance(TimeSpan.FromSeconds(20));
        await registry.DrainAsync();
        registry.Time.Advance(TimeSpan.FromHours(1));
        await registry.DrainAsync();

        Assert.Equal(3, server.Accepted.Count);
        Assert.Equal(3, server.Accepted.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await registry.OutboxAsync(), m => Assert.Equal((OutboxStatus.Sent, 3, (string?)null), (m.Status, m.Attempts, m.LastError)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_permanent_refusal_is_dead_at_once_and_the_last_failed_try_is_dead_too(DatabaseKind kind)
    {
        var server = new FakeTransport();
        server.Refused.Add("nobody@example.kz");
        await using var registry = await MailRegistry.CreateAsync(kind, server);
        await StageAsync(registry, "nobody@example.kz");
        await StageAsync(registry, "dana@example.kz");

        var round = await registry.SendAsync();

        Assert.Equal(new SendRound(2, 1, 1, 1), round);
        var dead = (await registry.OutboxAsync()).Single(m => m.ToAddress == "nobody@example.kz");
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Equal("550 5.1.1 mailbox unavailable", dead.LastError);
        Assert.Equal("{}", dead.ValuesJson);

        // Three tries (the settings' maximum) while the server is down, then dead.
        server.Down = true;
        await StageAsync(registry, "later@example.kz");
        for (var i = 0; i < 3; i++)
        {
            await registry.SendAsync();
            registry.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var given = (await registry.OutboxAsync()).Single(m => m.ToAddress == "later@example.kz");
        Assert.Equal((OutboxStatus.Dead, 3), (given.Status, given.Attempts));
        server.Down = false;
        registry.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await registry.SendAsync()).Claimed);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Two_senders_at_once_send_every_message_exactly_once(DatabaseKind kind)
    {
        var server = new FakeTransport { BeforeAccept = _ => Task.Delay(2) };
        await using var registry = await MailRegistry.CreateAsync(kind, server);
        await StageAsync(registry, "many@example.kz", 40);

        async Task Sender()
        {
            for (var i = 0; i < 20; i++)
            {
                await registry.SendAsync();
            }
        }

        await Task.WhenAll(Sender(), Sender(), Sender());

        Assert.Equal(40, server.Accepted.Count);
        Assert.Equal(40, server.Accepted.Select(m => m.Id).Distinct().Count());
        Assert.All(await registry.OutboxAsync(), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_sender_that_stopped_mid_batch_leaves_its_lease_and_the_next_sends_with_the_same_message_id(DatabaseKind kind)
    {
        var server = new FakeTransport();
        await using var registry = await MailRegistry.CreateAsync(kind, server);
        await StageAsync(registry, "dana@example.kz");
        using var stop = new CancellationTokenSource();
        server.BeforeAccept = async _ =>
        {
            // The process dies after the server took the message and before the outbox recorded it.
            server.BeforeAccept = null;
            await stop.CancelAsync();
            stop.Token.ThrowIfCancellationRequested();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => registry.RunAsync(sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(stop.Token)));
        var held = Assert.Single(await registry.OutboxAsync());
        Assert.Equal(OutboxStatus.Pending, held.Status);
        Assert.NotNull(held.LeaseOwner);

        // Another sender does not take it while the lease holds, and does after.
        Assert.Equal(0, (await registry.SendAsync()).Claimed);
        registry.Time.Advance(MailRegistry.Settings.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await registry.SendAsync()).Sent);
        Assert.Equal($"{held.Id:N}@senim.test", Assert.Single(server.Accepted).MessageId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_change_that_rolls_back_takes_its_mail_with_it_and_old_mail_is_purged(DatabaseKind kind)
    {
        var server = new FakeTransport();
        await using var registry = await MailRegistry.CreateAsync(kind, server);
        await registry.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<RegistryDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            sp.GetRequiredService<MailOutbox>().Stage(MailTemplates.ConfirmEmail, null, "gone@example.kz", "", "en", new Dictionary<string, string>());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        Assert.Empty(await registry.OutboxAsync());

        await StageAsync(registry, "dana@example.kz");
        await registry.DrainAsync();
        registry.Time.Advance(TimeSpan.FromDays(31));
        await StageAsync(registry, "fresh@example.kz");
        Assert.Equal(1, await registry.RunAsync(sp => sp.GetRequiredService<OutboxSender>().PurgeAsync()));
        Assert.Equal("fresh@example.kz", Assert.Single(await registry.OutboxAsync()).ToAddress);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_message_that_cannot_be_written_is_dead_with_the_reason(DatabaseKind kind)
    {
        var server = new FakeTransport();
        await using var registry = await MailRegistry.CreateAsync(kind, server);
        await registry.RunAsync(async sp =>
        {
            sp.GetRequiredService<MailOutbox>().Stage("no-such-template", null, "dana@example.kz", "", "en", new Dictionary<string, string>());
            await sp.GetRequiredService<RegistryDb>().SaveChangesAsync();
        });

        Assert.Equal(1, (await registry.SendAsync()).Dead);
        Assert.StartsWith("cannot be written", Assert.Single(await registry.OutboxAsync()).LastError, StringComparison.Ordinal);
        Assert.Empty(server.Accepted);
    }

    [Fact]
    public void Back_off_doubles_from_the_first_delay_up_to_the_cap()
    {
        var settings = new MailSettings { RetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(10) };
        Assert.Equal([30, 60, 120, 240, 480, 600, 600], Enumerable.Range(1, 7).Select(a => settings.Backoff(a).TotalSeconds));
        Assert.Equal(600, settings.Backoff(1000).TotalSeconds);
    }

    [Fact]
    public async Task The_sender_query_finds_due_mail_by_its_index()
    {
        await using var registry = await TestRegistry.CreateAsync(DatabaseKind.Sqlite);
        var plan = await registry.Db(async db =>
        {
            var now = DateTime.UtcNow;
            var query = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now).Select(m => m.Id).ToQueryString();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync();
            // ToQueryString starts with ".param set" lines for the sqlite3 shell; the plan does not need the values.
            command.CommandText = "EXPLAIN QUERY PLAN " + string.Join("\n", query.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(3));
            }

            return string.Join("\n", lines);
        });
        Assert.Contains("IX_OutboxMessages_Status_NextAttemptAt", plan, StringComparison.Ordinal);
    }
}
