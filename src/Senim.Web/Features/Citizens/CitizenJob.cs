using Senim.Registry.Citizens;

namespace Senim.Web.Features.Citizens;

/// <summary>
/// Keeps citizens' requests to their rules on a timer (Senim:Citizens:JobMinutes): escalates every request whose deadline
/// passed unanswered, erases the personal data whose retention ended (<see cref="CitizenJobs"/>), and tells the people an
/// overdue registration step waits on (<see cref="RegistrationDeadlines"/>); all are safe on several nodes at once. The clock is the host's <see cref="TimeProvider"/>, so a test moves it and the job follows.
/// </summary>
public sealed partial class CitizenJob(IServiceProvider services, CitizenOptions options, TimeProvider time, ILogger<CitizenJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.JobMinutes <= 0)
        {
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.JobMinutes), time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One run at the clock's time: how many requests moved to the supervisory body and how many had their data erased.</summary>
    public async Task<(int Escalated, int Erased)> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var jobs = scope.ServiceProvider.GetRequiredService<CitizenJobs>();
            var now = time.GetUtcNow().UtcDateTime;
            var escalated = await jobs.EscalateOverdueAsync(now, cancellationToken);
            var erased = await jobs.EraseExpiredAsync(now, cancellationToken);
            var reminded = await scope.ServiceProvider.GetRequiredService<RegistrationDeadlines>().NotifyOverdueAsync(now, cancellationToken);
            if (escalated + erased + reminded > 0)
            {
                LogRun(logger, escalated, erased, reminded);
            }

            return (escalated, erased);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A failed run (the database away) is tried again at the next tick; nothing half-done stays (one transaction per step).
            LogFailed(logger, ex);
            return (0, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadlines: {Escalated} citizens' requests escalated to the supervisory body, {Erased} erased after retention, {Reminded} overdue registration steps told")]
    private static partial void LogRun(ILogger logger, int escalated, int erased, int reminded);

    [LoggerMessage(Level = LogLevel.Error, Message = "The citizens' requests job could not run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
