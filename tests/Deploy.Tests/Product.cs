using Matching.Host;
using Matching.Platform;
using Matching.Platform.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;

namespace Matching.Deploy.Tests;

/// <summary>
/// What the deployment must carry, read from the code rather than from a list kept by hand: every module the host
/// has (<see cref="MatchingHost.AllModules"/>), which of them keep a database, and the gateway.
/// </summary>
internal static class Product
{
    public static IReadOnlyList<ServiceModule> Modules { get; } = MatchingHost.AllModules();

    /// <summary>Every process of the distributed shape: one per module, and the gateway.</summary>
    public static IReadOnlyList<string> Processes { get; } = [.. Modules.Select(m => m.Name), MatchingHost.Gateway];

    /// <summary>Modules with a database of their own (a connection string, the broker, notification e-mail, webhooks).</summary>
    public static IReadOnlyList<string> WithDatabase { get; } = [.. Modules.Where(HasDatabase).Select(m => m.Name)];

    /// <summary>The module that keeps accounts and, with the web UI, shares the data-protection key ring.</summary>
    public const string Accounts = Matching.Programs.ProgramsModule.ServiceName;

    public const string Web = Matching.Web.WebModule.ServiceName;

    private static bool HasDatabase(ServiceModule module)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Matching:Database:Provider"] = "sqlserver",
            [$"ConnectionStrings:{module.Name}"] = "Server=unused",
        }).Build();
        module.AddServices(services, configuration);
        return services.Any(d => d.ServiceType == typeof(DatabaseSetup.MigratedDatabase));
    }

    /// <summary>
    /// Builds the real gateway (not started) from a deployment's settings for it and returns, for every module, the
    /// route patterns it would not send to that module's address: empty when the gateway routes everything.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnroutedAsync(IReadOnlyDictionary<string, string> gatewaySettings, Func<string, string?> addressOf)
    {
        using var keys = new Matching.Testing.TempFolder("matching-gateway-keys");
        var args = new List<string> { "--services", MatchingHost.Gateway };
        foreach (var (key, value) in gatewaySettings)
            args.AddRange([$"--{key.Replace("__", ":", StringComparison.Ordinal)}", value]);
        args.AddRange(["--Matching:KeysDirectory", keys.Path]);
        var problems = new List<string>();
        await using var app = await MatchingHost.BuildAsync([.. args]);
        var config = app.Services.GetRequiredService<IProxyConfigProvider>().GetConfig();
        foreach (var module in Modules)
        {
            var cluster = config.Clusters.SingleOrDefault(c => c.ClusterId == module.Name);
            var expected = addressOf(module.Name);
            var addresses = cluster?.Destinations?.Values.Select(d => d.Address.TrimEnd('/')).ToList() ?? [];
            if (expected is null || !addresses.Contains(expected.TrimEnd('/')))
            {
                problems.Add($"gateway: sends nothing to {module.Name}'s {expected ?? "(no Service)"} (its addresses: {string.Join(", ", addresses)})");
                continue;
            }
            var routed = config.Routes.Where(r => r.ClusterId == module.Name).Select(r => r.Match.Path).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(module.Routes.Where(r => !routed.Contains(r)).Select(r => $"gateway: route {r} of {module.Name} is not proxied"));
        }
        return problems;
    }
}
