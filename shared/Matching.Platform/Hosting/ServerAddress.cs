using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Matching.Platform.Hosting;

/// <summary>How a process reaches itself: its first listening address, with wildcard hosts turned into loopback.</summary>
public static class ServerAddress
{
    public static Uri? Loopback(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address
            ? new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://[::1]", StringComparison.Ordinal))
            : null;
}
