using Matching.Platform;
using Yarp.ReverseProxy.Configuration;

namespace Matching.Host;

/// <summary>
/// The gateway of the distributed shape: the same routes the embedded host serves, proxied to the processes
/// of each service (<c>Matching:Gateway:Services:&lt;service&gt;</c> = one or more addresses, separated by ';'),
/// round-robin over replicas, skipping those whose liveness check fails.
/// </summary>
internal static class GatewayRoutes
{
    /// <summary>Adds the proxy; true when the gateway must ask a remote accounts service who each user is.</summary>
    public static bool Configure(WebApplicationBuilder builder, IEnumerable<ServiceModule> remoteModules)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var module in remoteModules)
        {
            var addresses = Addresses(builder.Configuration, module.Name);
            if (addresses.Length == 0)
                continue;
            clusters.Add(new ClusterConfig
            {
                ClusterId = module.Name,
                LoadBalancingPolicy = "RoundRobin",
                Destinations = addresses.Select((a, i) => (a, i))
                    .ToDictionary(x => $"{module.Name}-{x.i}", x => new DestinationConfig { Address = x.a }),
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = TimeSpan.FromSeconds(5),
                        Timeout = TimeSpan.FromSeconds(2),
                        Path = "/health/live",
                    },
                },
            });
            routes.AddRange(module.Routes.Select((pattern, i) => new RouteConfig
            {
                RouteId = $"{module.Name}-{i}",
                ClusterId = module.Name,
                Match = new RouteMatch { Path = pattern },
            }));
        }
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

        // Where the accounts live in another process, the gateway asks them who each request's user is.
        if (remoteModules.Any(m => m.Name == Programs.ProgramsModule.ServiceName))
        {
            var accounts = Addresses(builder.Configuration, Programs.ProgramsModule.ServiceName);
            if (accounts.Length == 0)
                throw new InvalidOperationException("The gateway needs Matching:Gateway:Services:programs: the accounts live there.");
            if (string.IsNullOrEmpty(builder.Configuration["Matching:Auth:EdgeSecret"]))
                throw new InvalidOperationException("The gateway needs Matching:Auth:EdgeSecret, shared with every service process, to pass the signed-in user on.");
            var next = 0;
            builder.Services.AddHttpClient(GatewayIdentity.AccountsClient, c => c.Timeout = TimeSpan.FromSeconds(10))
                .ConfigureHttpClient(c => c.BaseAddress = new Uri(accounts[Interlocked.Increment(ref next) % accounts.Length]));
            return true;
        }
        return false;
    }

    /// <summary>The addresses of a service's processes: <c>Matching:Gateway:Services:&lt;service&gt;</c>, separated by ';' or ','.</summary>
    private static string[] Addresses(ConfigurationManager configuration, string service) =>
        (configuration[$"Matching:Gateway:Services:{service}"] ?? "")
            .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
