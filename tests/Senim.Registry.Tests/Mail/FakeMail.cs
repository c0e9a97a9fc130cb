using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Mail;
using Senim.Registry.Model;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Mail;

/// <summary>A mail server in memory: it can be down, refuse some addresses for good, or lose the connection; it keeps what it accepted.</summary>
public sealed class FakeTransport : IMailTransport
{
    public ConcurrentQueue<OutgoingMail> Accepted { get; } = new();

    public bool Down { get; set; }

    /// <summary>Addresses refused with 550 (permanent).</summary>
    public HashSet<string> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Called before each message is accepted (a test may make the sender wait here).</summary>
    public Func<OutgoingMail, Task>? BeforeAccept { get; set; }

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) =>
        Down ? throw new MailDeliveryException("connection refused (test server down)", permanent: false) : Task.FromResult<IMailSession>(new Session(this));

    private sealed class Session(FakeTransport server) : IMailSession
    {
        public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            if (server.Refused.Contains(mail.ToAddress))
            {
                throw new MailDeliveryException("550 5.1.1 mailbox unavailable", permanent: true);
            }

            if (server.BeforeAccept is { } before)
            {
                await before(mail);
            }

            server.Accepted.Enqueue(mail);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Writes every template as "template:value=...;..." so tests can read what a mail would say.</summary>
public sealed class PlainComposer : IMailComposer
{
    public MailContent Compose(OutboxMessage message, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(values);
        if (!MailTemplates.All.Contains(message.Template))
        {
            throw new ArgumentException("unknown template " + message.Template, nameof(message));
        }

        var text = message.Template + ":" + string.Join(";", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value));
        return new MailContent(message.Template, text, "<p>" + text + "</p>");
    }
}

/// <summary>A test register with the outbox's sender on a <see cref="FakeTransport"/>.</summary>
public static class MailRegistry
{
    public static readonly MailSettings Settings = new()
    {
        From = "no-reply@senim.test",
        MaxAttempts = 3,
        RetryDelay = TimeSpan.FromSeconds(10),
        MaxRetryDelay = TimeSpan.FromMinutes(1),
        BatchSize = 10,
        Lease = TimeSpan.FromMinutes(2),
    };

    public static Task<TestRegistry> CreateAsync(DatabaseKind kind, FakeTransport transport) =>
        TestRegistry.CreateAsync(kind, s => s.AddMailSender(Settings, _ => new PlainComposer(), _ => transport));

    public static Task<SendRound> SendAsync(this TestRegistry registry) => registry.RunAsync(sp => sp.GetRequiredService<OutboxSender>().SendDueAsync());

    /// <summary>Rounds until nothing is due now.</summary>
    public static async Task DrainAsync(this TestRegistry registry)
    {
        for (var i = 0; i < 100 && (await registry.SendAsync()).Claimed > 0; i++)
        {
        }
    }

    public static Task<List<OutboxMessage>> OutboxAsync(this TestRegistry registry) =>
        registry.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.OutboxMessages.OrderBy(m => m.CreatedAt)));
}
