using System.Net.Http.Json;
using Matching.Host;
using Matching.Programs.Accounts;
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

    /// <summary>Signed in as <see cref="TestUsers.Staff"/>: a coordinator of the demo program and of programs tests create.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Signed in as <see cref="TestUsers.Admin"/>, an operator.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Not signed in.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public Slice Slice => new(Admin, Client);

    public string DataDirectory => Path.Combine(folder.Path, "data");

    public IServiceProvider Services => app!.Services;

    public static Task<EmbeddedProduct> StartAsync(params string[] settings) => StartAsync(null, settings);

    /// <summary>The product on <paramref name="clock"/> instead of the system's (null: the system's).</summary>
    public static async Task<EmbeddedProduct> StartAsync(TimeProvider? clock, params string[] settings)
    {
        var product = new EmbeddedProduct();
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Matching:Database:DataDirectory", product.DataDirectory, "--Matching:Demo:SampleData", "false" };
        args.AddRange(settings);
        product.app = await MatchingHost.BuildAsync([.. args], builder =>
        {
            if (clock is not null)
                builder.Services.AddSingleton(clock);
        });
        foreach (var command in TestUsers.BootstrapCommands())
        {
            using var output = new StringWriter();
            if (await AccountCommands.RunAsync(product.app.Services, command, output, CancellationToken.None) != 0)
                throw new InvalidOperationException(output.ToString());
        }
        await product.app.StartAsync();
        product.Address = new Uri(product.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        product.Anonymous = new HttpClient { BaseAddress = product.Address };
        product.Admin = await TestUsers.SignInAsync(product.Address, TestUsers.Admin);
        product.Client = await TestUsers.SignInAsync(product.Address, TestUsers.Staff);
        // Tests begin once the first start's catch-ups are done, so their traffic is not mistaken for a test's own
        // (unless events are kept from leaving, when they cannot finish).
        if (!string.Join(' ', settings).Contains("Matching:Outbox:Enabled false", StringComparison.OrdinalIgnoreCase))
        {
            await Poll.UntilAsync(async () =>
            {
                var ready = await product.Anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/health/ready");
                return ready.GetProperty("checks").EnumerateObject()
                    .Where(c => c.Name.StartsWith("catch-up-", StringComparison.Ordinal))
                    .All(c => c.Value.GetProperty("status").GetString() == "Healthy");
            }, TimeSpan.FromSeconds(60), "the first start's catch-ups to finish");
        }
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

    /// <summary>
    /// A real fault for error-page tests, from outside the product: the service's table is renamed away, so every query
    /// of it fails as a lost table would (a 500), with no switch in the product to throw on purpose.
    /// </summary>
    public void BreakTable(string service, string table)
    {
        using var connection = OpenDatabase(service);
        using var command = connection.CreateCommand();
        command.CommandText = $"ALTER TABLE {table} RENAME TO {table}_broken";
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Admin?.Dispose();
        Anonymous?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
