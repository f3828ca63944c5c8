using System.Diagnostics;
using Matching.Platform.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Candidates.Matches;

/// <summary>
/// Reads every program's pool once the process has started, so that the first ranking after a start does not wait for a
/// million profiles to be read (one that comes sooner waits for the same load, never for a second one).
/// </summary>
internal sealed class CandidatePoolWarmer(CandidatePool pool, ServiceDatabase<CandidatesModule> database, ILogger<CandidatePoolWarmer> logger) : BackgroundService
{
    internal const string ProgramsSql = "SELECT slug FROM programs ORDER BY slug";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            foreach (var program in await database.QueryAsync<string>(ProgramsSql, null, stoppingToken))
            {
                var clock = Stopwatch.StartNew();
                var candidates = await pool.CurrentAsync(program, stoppingToken);
                if (clock.Elapsed > TimeSpan.FromSeconds(1))
                    logger.LogInformation("Matching pool of {Program}: {Count} candidates read in {Seconds:0.0} s", program, candidates.Count, clock.Elapsed.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The first ranking of each program reads its pool instead.
            logger.LogWarning(e, "The matching pools were not read at start");
        }
    }
}
