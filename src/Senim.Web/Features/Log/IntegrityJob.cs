using Senim.Registry.Log;

namespace Senim.Web.Features.Log;

/// <summary>The latest integrity report of this node (supervisors and admins see it on /supervision and /log).</summary>
public sealed class IntegrityState
{
    private IntegrityReport? _latest;

    public IntegrityReport? Latest => Volatile.Read(ref _latest);

    public void Record(IntegrityReport report) => Volatile.Write(ref _latest, report);
}

/// <summary>Runs the log's integrity check every Senim:Log:IntegrityMinutes (first run shortly after start) and keeps the report.</summary>
public sealed partial class IntegrityJob(IServiceProvider services, IntegrityState state, LogSettings settings, TimeProvider time, ILogger<IntegrityJob> logger) : BackgroundService
{
    /// <summary>After each chunk of systems the job rests as long as the chunk took: at most half of one core goes to the check, the rest to requests.</summary>
    private const double BackgroundPause = 1.0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.IntegrityMinutes <= 0)
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(20), time, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.IntegrityMinutes), time);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<IntegrityCheck>().RunAsync(BackgroundPause, cancellationToken);
            state.Record(report);
            if (!report.Ok)
            {
                LogProblems(logger, report.Problems.Count, string.Join("; ", report.Problems.Take(5).Select(p => p.Detail)));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Transparency log integrity check found {Count} problem(s): {Problems}")]
    private static partial void LogProblems(ILogger logger, int count, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "The transparency log integrity check could not run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
