using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Hosting;

/// <summary>
/// A background job that looks for what has come due in the database every <see cref="Interval"/>: long delays are due
/// dates swept, never in-memory timers. One sweep at a time; a failure is logged and the next turn tries again, so a
/// sweep must be idempotent (a conditional update first), which also lets replicas sweep at once.
/// </summary>
public abstract class PeriodicSweep(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the sweep does, for the log ("expiring referrals past their deadline").</summary>
    protected abstract string Purpose { get; }

    /// <summary>Does what has come due; returns how many things it did.</summary>
    public abstract Task<int> SweepAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logger.LogError(ex, "Sweeping failed ({Purpose}); retrying", Purpose);
            }
            await Task.Delay(Interval, Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
