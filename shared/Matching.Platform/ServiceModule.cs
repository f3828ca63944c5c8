using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Platform;

/// <summary>
/// One service of the product (companies, coordinators, …): its wiring on one page. The host runs any subset
/// of modules in one process; each module keeps its own database, consumers, queues and routes.
/// </summary>
public abstract class ServiceModule
{
    /// <summary>Lower-case name used in <c>--services</c>, queue names, database file names and OpenAPI document names.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Route patterns (YARP syntax) that belong to this service, so a gateway in front of separate processes
    /// sends each request where the embedded host would have handled it.
    /// </summary>
    public abstract IReadOnlyList<string> Routes { get; }

    public abstract void AddServices(IServiceCollection services, IConfiguration configuration);

    public virtual void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }

    public abstract void MapEndpoints(IEndpointRouteBuilder routes);

    /// <summary>Runs after migrations, before the host serves requests (e.g. demo data).</summary>
    public virtual Task StartAsync(IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
}
