using Matching.Testing;
using Matching.Platform.Data;
using Matching.Platform.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Matching.Platform.Tests.Webhooks;

/// <summary>
/// What a service process contributes to webhooks: the registration and one running dispatcher for a database, with
/// millisecond retry settings. Stopping it mid-send leaves its lease behind, as a killed process does.
/// </summary>
internal sealed class WebhookProcess : IAsyncDisposable
{
    public static readonly Dictionary<string, string?> FastSettings = new()
    {
        ["Matching:Webhooks:PollInterval"] = "00:00:00.020",
        ["Matching:Webhooks:RetryDelay"] = "00:00:00.010",
        ["Matching:Webhooks:MaxRetryDelay"] = "00:00:00.100",
        ["Matching:Webhooks:RequestTimeout"] = "00:00:01",
        ["Matching:Webhooks:Lease"] = "00:00:01.500",
        ["Matching:Webhooks:MaxAttempts"] = "1000",
        ["Matching:Webhooks:AllowHttp"] = "Loopback",
    };

    private readonly ServiceProvider services;
    private readonly WebhookDispatcher dispatcher;
    private bool stopped;

    private WebhookProcess(ServiceProvider services)
    {
        this.services = services;
        dispatcher = services.GetServices<IHostedService>().OfType<WebhookDispatcher>().Single();
    }

    public WebhookOptions Options => services.GetRequiredService<WebhookOptions>();

    public static WebhookOptions OptionsOf(Dictionary<string, string?>? overrides = null) =>
        new ServiceCollection().AddMatchingWebhooks(Configuration(overrides)).BuildServiceProvider().GetRequiredService<WebhookOptions>();

    public static async Task<WebhookProcess> StartAsync(ServiceDatabase database, Dictionary<string, string?>? overrides = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddMatchingWebhooks(Configuration(overrides))
            .AddWebhookDispatcher(database)
            .BuildServiceProvider();
        var process = new WebhookProcess(services);
        await process.dispatcher.StartAsync(CancellationToken.None);
        return process;
    }

    public async Task StopAsync()
    {
        if (stopped)
            return;
        stopped = true;
        await dispatcher.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await services.DisposeAsync();
    }

    private static IConfiguration Configuration(Dictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>(FastSettings);
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
