using Matching.Platform.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Webhooks;

public static class WebhookSetup
{
    /// <summary>
    /// Webhook options (<c>Matching:Webhooks</c>) and the HTTP client deliveries are sent with. Once per process;
    /// each database whose service queues deliveries adds <see cref="AddWebhookDispatcher"/>.
    /// </summary>
    public static IServiceCollection AddMatchingWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Matching:Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client =>
            {
                // Each attempt has its own deadline (RequestTimeout); the client's would only cut it shorter.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Matching-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would lead the signed request to a URL nobody validated: a 3xx counts as a failed attempt.
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            });
        return services;
    }

    /// <summary>Sends the webhook deliveries queued in <paramref name="database"/> (a hosted <see cref="WebhookDispatcher"/>).</summary>
    public static IServiceCollection AddWebhookDispatcher(this IServiceCollection services, ServiceDatabase database)
    {
        services.AddSingleton<IHostedService>(sp => new WebhookDispatcher(
            database,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<WebhookOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebhookDispatcher>>()));
        return services;
    }
}
