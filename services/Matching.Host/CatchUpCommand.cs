using System.Globalization;
using Matching.Platform.Hosting;
using Matching.Platform.Messaging;

namespace Matching.Host;

/// <summary>
/// <c>Matching.Host catch-up --service programs [--since 2026-11-30T00:00:00+09:00]</c>: asks the publishers of the events
/// the service consumes to replay their history to it (after restoring its database from a backup, say). The request
/// is written to the service's outbox; the running service sends it and shows the progress in <c>/health/ready</c>.
/// </summary>
internal static class CatchUpCommand
{
    public const string Verb = "catch-up";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        string? service = null;
        DateTimeOffset? since = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--service" when value is not null:
                    service = value.ToLowerInvariant();
                    i++;
                    break;
                case "--since" when value is not null:
                    if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    {
                        await output.WriteLineAsync($"--since takes a date and time (ISO 8601, e.g. 2026-11-30T00:00:00+09:00), not '{value}'.");
                        return 2;
                    }
                    since = parsed;
                    i++;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal) && value is not null:
                    settings.AddRange([setting, value]);
                    i++;
                    break;
                default:
                    await output.WriteLineAsync($"Unknown argument '{args[i]}'. Usage: catch-up --service <service> [--since <ISO 8601 time>]");
                    return 2;
            }
        }
        if (service is null)
        {
            await output.WriteLineAsync("catch-up --service <service> [--since <ISO 8601 time>]: which service catches up?");
            return 2;
        }
        if (!MatchingHost.AllModules().Any(m => m.Name == service))
        {
            await output.WriteLineAsync($"Unknown service '{service}'; one of: {string.Join(", ", MatchingHost.AllModules().Select(m => m.Name))}.");
            return 2;
        }
        await using var tools = await MatchingHost.BuildAsync(["--services", service, .. settings]);
        var database = tools.Services.GetServices<DatabaseSetup.MigratedDatabase>().Select(d => d.Database).FirstOrDefault(d => d.Service == service);
        var queues = tools.Services.GetServices<ConsumerQueue>().Where(q => q.Service == service).ToList();
        if (database is null || queues.Count == 0)
        {
            await output.WriteLineAsync($"{service} consumes no events of other services: nothing to catch up.");
            return 2;
        }
        var requestId = await CatchUp.RequestAsync(database, queues, since, CatchUp.Operator, ct);
        var publishers = string.Join(", ", queues.SelectMany(q => q.Publishers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Catch-up {requestId} of {service} requested: {queues.Count} consumers, from {publishers}, {(since is { } s ? $"since {s:O}" : "the whole history")}. The running service sends it; /health/ready shows the progress."));
        return 0;
    }
}
