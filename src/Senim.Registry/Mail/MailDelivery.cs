namespace Senim.Registry.Mail;

/// <summary>How the outbox is sent: retries, leases, batches and how long sent mail is kept (docs/email.md).</summary>
public sealed class MailSettings
{
    /// <summary>The sender's address (From), and the domain of every Message-ID.</summary>
    public string From { get; init; } = "no-reply@senim.local";

    public string FromName { get; init; } = "Senim";

    /// <summary>Tries before a message is given up (dead); a permanent refusal (5xx) is dead at once.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>The wait after the first failure; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Messages one sender takes at a time.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>How long a sender holds its batch; after it another sender (or the same one after a restart) may take what was not sent.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Sent and dead messages are deleted after this long.</summary>
    public TimeSpan Keep { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The domain part of <see cref="From"/>: every Message-ID ends with it.</summary>
    public string Domain => From.Contains('@', StringComparison.Ordinal) ? From[(From.LastIndexOf('@') + 1)..] : "senim.local";

    /// <summary>The wait before try number <paramref name="attempts"/> + 1: <see cref="RetryDelay"/> doubled per failure, at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = RetryDelay.TotalSeconds * Math.Pow(2, doublings);
        return TimeSpan.FromSeconds(Math.Min(delay, MaxRetryDelay.TotalSeconds));
    }

    /// <summary>The Message-ID of a message: made from its id, so a message sent twice (a crash between sending and recording it) carries the same one.</summary>
    public string MessageId(Guid id) => $"{id:N}@{Domain}";
}

/// <summary>What a message says, in its language: the web host writes it from its texts (<see cref="IMailComposer"/>).</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>A message ready for a transport: addresses, Message-ID, subject and bodies.</summary>
public sealed record OutgoingMail(Guid Id, string MessageId, string FromAddress, string FromName, string ToAddress, string ToName, string Language, MailContent Content);

/// <summary>Puts an outbox message into words (subject, text and HTML bodies) in its language.</summary>
public interface IMailComposer
{
    /// <exception cref="ArgumentException">The template or a value it needs is unknown: the message can never be sent.</exception>
    MailContent Compose(OutboxMessage message, IReadOnlyDictionary<string, string> values);
}

/// <summary>Where mail goes: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    /// <summary>Opens a connection for a batch.</summary>
    /// <exception cref="MailDeliveryException">The server cannot be reached now (transient).</exception>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>One connection: sends messages one after another.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <exception cref="MailDeliveryException">The message was not accepted: permanently (a 5xx reply) or for now.</exception>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>A message the transport could not deliver, and whether trying again can help.</summary>
public sealed class MailDeliveryException(string message, bool permanent, bool connectionLost = false, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The server refused it for good (5xx): the message is dead without further tries.</summary>
    public bool Permanent { get; } = permanent;

    /// <summary>The connection is gone: the rest of the batch was not tried and goes back to the outbox.</summary>
    public bool ConnectionLost { get; } = connectionLost;
}
