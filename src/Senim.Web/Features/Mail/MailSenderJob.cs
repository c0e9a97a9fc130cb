using Senim.Registry.Mail;

namespace Senim.Web.Features.Mail;

/// <summary>
/// Sends the outbox: round after round while there is mail due, then a short wait (Senim:Mail:PollMilliseconds).
/// Every node may run it: leases keep two nodes from sending one message. Sent and dead mail is purged once an hour.
/// </summary>
public sealed class MailSenderJob(IServiceScopeFactory scopes, SenimSettings settings, MailSettings delivery, TimeProvider time, ILogger<MailSenderJob> logger) : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(settings.Mail.PollMilliseconds);
        var purged = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetRequiredService<OutboxSender>();
                if (time.GetUtcNow() - purged >= PurgeEvery)
                {
                    purged = time.GetUtcNow();
                    await sender.PurgeAsync(stoppingToken);
                }

                var round = await sender.SendDueAsync(stoppingToken);
                full = round.Claimed >= delivery.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The database may be away for a moment; the outbox keeps the mail.
                logger.LogError(ex, "Sending the outbox failed; trying again shortly");
            }

            if (!full)
            {
                try
                {
                    await Task.Delay(poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
