using Matching.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Testing;

/// <summary>
/// The embedded default in the test process: every service, in-memory bus, one SQLite file per service in a
/// private folder, real Kestrel on a free loopback port.
/// </summary>
public sealed class EmbeddedProduct : IAsyncDisposable
{
    private readonly TempFolder folder = new("matching-embedded");
    private WebApplication? app;

    public HttpClient Client { get; private set; } = null!;

    public string DataDirectory => Path.Combine(folder.Path, "data");

    public IServiceProvider Services => app!.Services;

    public static async Task<EmbeddedProduct> StartAsync(params string[] settings)
    {
        var product = new EmbeddedProduct();
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Matching:Database:DataDirectory", product.DataDirectory };
        args.AddRange(settings);
        product.app = await MatchingHost.BuildAsync([.. args]);
        await product.app.StartAsync();
        var address = product.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        product.Client = new HttpClient { BaseAddress = new Uri(address) };
        return product;
    }

    /// <summary>Opens the SQLite database of one service, to check what was (not) written.</summary>
    public SqliteConnection OpenDatabase(string service)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, service + ".db")};Pooling=False");
        connection.Open();
        return connection;
    }

    public long Count(string service, string table)
    {
        using var connection = OpenDatabase(service);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
