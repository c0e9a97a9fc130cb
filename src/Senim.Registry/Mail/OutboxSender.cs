using Microsoft.Extensions.Logging;

namespace Senim.Registry.Mail;

/// <summary>What one round of the sender did.</summary>
public sealed record SendRound(int Claimed, int Sent, int Failed, int Dead);

/// <summary>
/// Delivers the outbox. A round leases a batch of due messages (a conditional UPDATE: a message another sender holds,
/// or that is not due, is not taken), opens one connection, and sends them one by one; each message is recorded as
/// sent the moment the server accepts it, only while this round still holds its lease. A failure waits
/// (<see cref="MailSettings.Backoff"/>) and counts a try; a permanent refusal, or the last try, makes it dead with
/// the error kept. A sender that stops mid-round leaves its lease to expire: what it had not recorded is sent
/// again by the next round, with the same Message-ID (at most one message per crash, ADR 0021).
/// </summary>
public sealed class OutboxSender(RegistryDb db, TimeProvider time, MailSettings settings, IMailComposer composer, IMailTransport transport, ILogger<OutboxSender> logger)
{
    private const int MaxError = 1000;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Sends one batch of due messages; <see cref="SendRound.Claimed"/> is 0 when nothing was due.</summary>
    public async Task<SendRound> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var claim = Guid.NewGuid();
        var now = Now;
        var until = now + settings.Lease;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new SendRound(0, 0, 0, 0);
        }

        // Two senders may have read the same ids: the condition is checked again row by row as the UPDATE runs, so each row goes to one of them.
        await db.OutboxMessages
            .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, claim).SetProperty(m => m.LeaseUntil, until), cancellationToken);
        var mine = await db.OutboxMessages.AsNoTracking().Where(m => due.Contains(m.Id) && m.LeaseOwner == claim)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        if (mine.Count == 0)
        {
            return new SendRound(0, 0, 0, 0);
        }

        int sent = 0, failed = 0, dead = 0;
        var tried = 0;
        try
        {
            IMailSession session;
            try
            {
                session = await transport.OpenAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("The mail server cannot be reached ({Error}); {Count} message(s) wait and try again", ex.Message, mine.Count);
                foreach (var message in mine)
                {
                    dead += await FailedAsync(message, claim, ex.Message, permanent: false) ? 1 : 0;
                    failed++;
                    tried++;
                }

                return new SendRound(mine.Count, sent, failed, dead);
            }

            await using (session)
            {
                foreach (var message in mine)
                {
                    // A lease about to run out is not used for another message: the next round takes it.
                    if (Now >= until - TimeSpan.FromSeconds(30))
                    {
                        break;
                    }

                    tried++;
                    OutgoingMail mail;
                    try
                    {
                        var content = composer.Compose(message, Json.Read<Dictionary<string, string>>(message.ValuesJson));
                        mail = new OutgoingMail(message.Id, settings.MessageId(message.Id), settings.From, settings.FromName, message.ToAddress, message.ToName, message.Language, content);
                    }
                    catch (ArgumentException ex)
                    {
                        dead += await FailedAsync(message, claim, "cannot be written: " + ex.Message, permanent: true) ? 1 : 0;
                        failed++;
                        continue;
                    }

                    try
                    {
                        await session.SendAsync(mail, cancellationToken);
                    }
                    catch (MailDeliveryException ex)
                    {
                        dead += await FailedAsync(message, claim, ex.Message, ex.Permanent) ? 1 : 0;
                        failed++;
                        if (ex.ConnectionLost)
                        {
                            break;
                        }

                        continue;
                    }

                    await SentAsync(message, claim);
                    sent++;
                }
            }
        }
        finally
        {
            // What this round did not try goes back to the outbox at once (not after the lease), unless it was cancelled.
            var untried = mine.Skip(tried).Select(m => m.Id).ToList();
            if (untried.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                await db.OutboxMessages.Where(m => untried.Contains(m.Id) && m.LeaseOwner == claim)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, (Guid?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
            }
        }

        return new SendRound(mine.Count, sent, failed, dead);
    }

    /// <summary>Deletes sent and dead messages older than <see cref="MailSettings.Keep"/>; returns how many.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var before = Now - settings.Keep;
        return db.OutboxMessages.Where(m => m.Status != OutboxStatus.Pending && m.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task SentAsync(OutboxMessage message, Guid claim)
    {
        var now = Now;
        var attempts = message.Attempts + 1;
        // Recorded even if the round is being cancelled: the server has the message, and sending it again would duplicate it.
        var recorded = await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.ValuesJson, "{}")
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        if (recorded == 0)
        {
            logger.LogWarning("Mail {MessageId} was sent after this sender's lease ended; another sender may send it again with the same Message-ID", settings.MessageId(message.Id));
        }

    }

    /// <summary>Records a failed try; true when the message is now dead.</summary>
    private async Task<bool> FailedAsync(OutboxMessage message, Guid claim, string error, bool permanent)
    {
        var now = Now;
        var attempts = message.Attempts + 1;
        var dead = permanent || attempts >= settings.MaxAttempts;
        var next = now + settings.Backoff(attempts);
        var text = error.Length > MaxError ? error[..MaxError] : error;
        var status = dead ? OutboxStatus.Dead : OutboxStatus.Pending;
        var values = dead ? "{}" : message.ValuesJson;
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, text)
                .SetProperty(m => m.ValuesJson, values)
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        if (dead)
        {
            logger.LogWarning("Mail {MessageId} ({Template}) is dead after {Attempts} tries: {Error}", settings.MessageId(message.Id), message.Template, attempts, text);
        }

        return dead;
    }
}
