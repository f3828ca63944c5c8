using Matching.Platform.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Notifications;

public static class NotificationSetup
{
    /// <summary>
    /// Notification options (<c>Matching:Notifications</c>) and the channels configuration asks for. The <c>email</c>
    /// channel exists only when <c>Matching:Mail:Host</c> is set: without it, queued e-mail stays queued (and is counted
    /// in the log at start) instead of being dropped or sent anywhere. The <c>chat</c> channel exists only when a room is
    /// configured under <c>Matching:Chat:Rooms</c> (<see cref="ChatRooms"/>). Other channels register as
    /// <see cref="INotificationChannel"/> singletons; the code that queues does not change.
    /// </summary>
    public static IServiceCollection AddMatchingNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(configuration.GetSection("Matching:Notifications").Get<NotificationOptions>() ?? new NotificationOptions());
        var mail = configuration.GetSection("Matching:Mail");
        if (!string.IsNullOrWhiteSpace(mail["Host"]))
            services.AddSingleton<INotificationChannel>(new EmailChannel(MailOptions.FromConfiguration(mail)));
        var rooms = ChatRooms.FromConfiguration(configuration.GetSection("Matching:Chat:Rooms"));
        services.TryAddSingleton(rooms);
        services.TryAddSingleton<StaffNotices>();
        if (rooms.Any)
        {
            services.AddHttpClient(ChatChannel.ChannelName, client =>
                {
                    client.Timeout = TimeSpan.FromSeconds(20);
                    client.DefaultRequestHeaders.UserAgent.ParseAdd("Matching-Notifications/1");
                })
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(10) });
            services.AddSingleton<INotificationChannel>(sp => new ChatChannel(rooms, sp.GetRequiredService<IHttpClientFactory>().CreateClient(ChatChannel.ChannelName)));
        }
        return services;
    }

    /// <summary>
    /// The dispatcher that sends the notifications queued in <paramref name="database"/> (one per service database, beside
    /// its outbox dispatcher) and its readiness check. Needs <see cref="AddMatchingNotifications"/>.
    /// </summary>
    public static IServiceCollection AddNotificationDispatcher(this IServiceCollection services, ServiceDatabase database)
    {
        services.AddSingleton<IHostedService>(sp => new NotificationDispatcher(
            database,
            sp.GetServices<INotificationChannel>(),
            sp.GetRequiredService<NotificationOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NotificationDispatcher>>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration($"notifications-{database.Service}",
            sp => new NotificationHealthCheck(database, sp.GetRequiredService<NotificationOptions>(), sp.GetRequiredService<TimeProvider>()),
            failureStatus: HealthStatus.Degraded, tags: ["ready"]));
        return services;
    }
}
