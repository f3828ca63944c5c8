using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Imports;

/// <summary>
/// Runs committed imports one after another, off the request that asked for them, and tells how far each has come
/// (rows written of rows in the file) so a page can show a progress bar. Progress lives in this process only.
/// </summary>
public sealed class ImportRunner(ILogger<ImportRunner> logger) : BackgroundService
{
    private readonly Channel<(Guid Id, Func<CancellationToken, Task> Work)> queue =
        Channel.CreateUnbounded<(Guid, Func<CancellationToken, Task>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ConcurrentDictionary<Guid, (int Done, int Total)> progress = new();

    public void Enqueue(Guid id, int total, Func<IProgress<int>, CancellationToken, Task> work)
    {
        progress[id] = (0, total);
        var reporter = new Progress(this, id, total);
        if (!queue.Writer.TryWrite((id, ct => work(reporter, ct))))
            throw new InvalidOperationException("The import queue is closed.");
    }

    public (int Done, int Total)? ProgressOf(Guid id) => progress.TryGetValue(id, out var p) ? p : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (id, work) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Import {ImportId} failed", id);
            }
            finally
            {
                progress.TryRemove(id, out _);
            }
        }
    }

    private sealed class Progress(ImportRunner runner, Guid id, int total) : IProgress<int>
    {
        public void Report(int value) => runner.progress[id] = (value, total);
    }
}
