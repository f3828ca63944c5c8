using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Platform.Hosting;

/// <summary>Configuration section <c>Matching:Bus</c>.</summary>
public sealed class BusOptions
{
    /// <summary><c>InMemory</c> (one process) or <c>RabbitMq</c>.</summary>
    public string Transport { get; set; } = "InMemory";

    /// <summary>amqp://user:password@host:port/vhost of one node.</summary>
    public Uri RabbitMq { get; set; } = new("amqp://guest:guest@localhost:5672/");

    /// <summary>Further cluster nodes (host or host:port), comma-separated; the client fails over between them.</summary>
    public string? ClusterNodes { get; set; }

    public int PrefetchCount { get; set; } = 32;

    public bool IsRabbitMq => Transport.Equals("RabbitMq", StringComparison.OrdinalIgnoreCase);
}

public static class BusSetup
{
    /// <summary>
    /// MassTransit on the transport chosen by configuration. RabbitMQ: quorum queues (replicated, durable),
    /// publisher confirms, retries, then the <c>_error</c> queue where an operator can see and move faults.
    /// </summary>
    public static bool IsInMemory(IConfiguration configuration) =>
        !(configuration.GetSection("Matching:Bus").Get<BusOptions>() ?? new BusOptions()).IsRabbitMq;

    public static IServiceCollection AddMatchingBus(this IServiceCollection services, IConfiguration configuration, IEnumerable<ServiceModule> modules)
    {
        var options = configuration.GetSection("Matching:Bus").Get<BusOptions>() ?? new BusOptions();
        services.AddSingleton(options);
        services.Configure<MassTransitHostOptions>(o =>
        {
            // A broker that is down at start-up must not stop the service: the outbox keeps events until it is back.
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        services.AddMassTransit(bus =>
        {
            // MassTransit would report usage to its authors' host at start: a public office's system calls nobody it
            // was not configured to call.
            bus.DisableUsageTelemetry();
            foreach (var module in modules)
                module.AddConsumers(bus);

            if (options.IsRabbitMq)
            {
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                        rabbit.SetQuorumQueue();
                });
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(options.RabbitMq, h =>
                    {
                        h.PublisherConfirmation = true;
                        if (!string.IsNullOrWhiteSpace(options.ClusterNodes))
                        {
                            h.UseCluster(c =>
                            {
                                c.Node(options.RabbitMq.Port > 0 ? $"{options.RabbitMq.Host}:{options.RabbitMq.Port}" : options.RabbitMq.Host);
                                foreach (var node in options.ClusterNodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                                    c.Node(node);
                            });
                        }
                    });
                    cfg.PrefetchCount = options.PrefetchCount;
                    Retry(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    Retry(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        // MassTransit registers each consumer as a service of its own type: the receipts count them per event type.
        if (Messaging.DeliveryReceipts.Registered(services) is { } receipts)
            receipts.CountConsumers(services.Select(d => d.ServiceType).Where(t => typeof(IConsumer).IsAssignableFrom(t)));
        return services;
    }

    /// <summary>
    /// Registers a consumer on a queue named after its service (<c>programs-consultation-logged</c>), so two services
    /// consuming one event never share a queue, and replicas of one service compete on theirs.
    /// </summary>
    public static void AddServiceConsumer<TConsumer>(this IBusRegistrationConfigurator bus, string service)
        where TConsumer : class, IConsumer
    {
        bus.AddConsumer<TConsumer>().Endpoint(e => e.Name = QueueName<TConsumer>(service));
        Catalogue<TConsumer>(bus, service);
    }

    /// <summary>
    /// The consumers of the event history (<see cref="Messaging.HistoryRelay"/>): a replay asked of this service, and
    /// the answers to its own catch-ups. Every service with a database registers them.
    /// </summary>
    public static void AddServiceHistory<TService>(this IBusRegistrationConfigurator bus, string service)
        where TService : ServiceModule
    {
        bus.AddConsumer<Messaging.HistoryRequestedConsumer<TService>>().Endpoint(e => e.Name = $"{service}-history-requested");
        bus.AddConsumer<Messaging.HistoryReplayedConsumer<TService>>().Endpoint(e => e.Name = $"{service}-history-replayed");
    }

    /// <summary>Records an inbox consumer's queue and event type, what a catch-up of the service asks to be replayed.</summary>
    private static void Catalogue<TConsumer>(IBusRegistrationConfigurator bus, string service)
    {
        foreach (var eventType in Messaging.DeliveryReceipts.InboxEventTypes(typeof(TConsumer)))
            bus.AddSingleton(new Messaging.ConsumerQueue(service, QueueName<TConsumer>(service), typeof(TConsumer).Name, eventType));
    }

    /// <summary>
    /// Registers an <see cref="Messaging.InboxBatchConsumer{TEvent}"/>: deliveries are gathered for up to
    /// <paramref name="messageLimit"/> events or 10 ms after the first, then committed together.
    /// </summary>
    public static void AddServiceBatchConsumer<TConsumer>(this IBusRegistrationConfigurator bus, string service, int messageLimit = 100)
        where TConsumer : class, IConsumer
    {
        bus.AddConsumer<TConsumer>((_, c) => c.Options<BatchOptions>(o => o
                .SetMessageLimit(messageLimit)
                .SetTimeLimit(TimeSpan.FromMilliseconds(10))
                .SetConcurrencyLimit(1)))
            .Endpoint(e => e.Name = QueueName<TConsumer>(service));
        Catalogue<TConsumer>(bus, service);
    }

    private static string QueueName<TConsumer>(string service)
    {
        var name = typeof(TConsumer).Name.Split('`')[0];
        if (name.EndsWith("Consumer", StringComparison.Ordinal))
            name = name[..^"Consumer".Length];
        var kebab = System.Text.RegularExpressions.Regex.Replace(name, "([a-z0-9])([A-Z])", "$1-$2").ToLowerInvariant();
        return $"{service}-{kebab}";
    }

    private static void Retry(IBusFactoryConfigurator cfg) =>
        cfg.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000, 5000));
}
