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
    public static bool Configure(WebApplicationBuilder builder, IEnumerable<ServiceModule> remoteModules)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var module in remoteModules)
        {
            var addresses = (builder.Configuration[$"Matching:Gateway:Services:{module.Name}"] ?? "")
                .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
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
        return true;
    }
}
