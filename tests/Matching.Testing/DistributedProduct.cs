using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace Matching.Testing;

/// <summary>
/// The distributed shape on one machine: a private RabbitMQ broker, and Programs, Companies, Coordinators and the
/// gateway as separate processes, each service with its own SQLite database. Clients use the gateway only.
/// </summary>
public sealed class DistributedProduct : IAsyncDisposable
{
    private readonly TempFolder folder = new("matching-distributed");
    private readonly List<HostProcess> processes = [];

    private DistributedProduct()
    {
    }

    public RabbitMqBroker Broker { get; private set; } = null!;

    public HostProcess Programs { get; private set; } = null!;

    public HostProcess Companies { get; private set; } = null!;

    /// <summary>Replicas of Coordinators: they share one database and one set of queues.</summary>
    public List<HostProcess> Coordinators { get; } = [];

    public HostProcess Gateway { get; private set; } = null!;

    /// <summary>The web UI in its own process, behind the gateway (only when asked for).</summary>
    public HostProcess? Web => WebReplicas.FirstOrDefault();

    /// <summary>Replicas of the web UI: they share the data-protection key ring with Programs (one data folder).</summary>
    public List<HostProcess> WebReplicas { get; } = [];

    /// <summary>Through the gateway, signed in as <see cref="TestUsers.Staff"/> (a coordinator of programs tests create).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Through the gateway, signed in as <see cref="TestUsers.Admin"/>.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public Slice Slice => new(Admin, Client);

    /// <summary>The secret the gateway signs users with, shared by every process of this product.</summary>
    public string EdgeSecret { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string Folder => folder.Path;

    /// <summary>Settings that make fault recovery quick enough to test (short leases and publish timeouts).</summary>
    public static readonly string[] QuickRecovery =
    [
        "--Matching:Outbox:Lease", "00:00:05",
        "--Matching:Outbox:PublishTimeout", "00:00:05",
        "--Matching:Outbox:PollInterval", "00:00:00.200",
        "--Matching:Outbox:MaxRetryDelay", "00:00:02",
    ];

    /// <summary>Services started besides Programs, Companies and Coordinators (candidates, placements), by name; the gateway routes to them.</summary>
    public Dictionary<string, HostProcess> Others { get; } = [];

    public static async Task<DistributedProduct> StartAsync(int coordinatorReplicas = 1, bool web = false, int webReplicas = 1, IReadOnlyList<string>? more = null)
    {
        var product = new DistributedProduct();
        try
        {
            product.Broker = await RabbitMqBroker.StartAsync();
            await TestUsers.BootstrapAsync(product.folder.Path, Path.Combine(product.folder.Path, "data"));
            var started = await Task.WhenAll(
                product.StartServiceAsync("programs"),
                product.StartServiceAsync("companies"),
                product.StartServiceAsync("coordinators"));
            (product.Programs, product.Companies) = (started[0], started[1]);
            product.Coordinators.Add(started[2]);
            for (var i = 1; i < coordinatorReplicas; i++)
                product.Coordinators.Add(await product.StartServiceAsync("coordinators", $"coordinators-{i + 1}"));
            foreach (var service in more ?? [])
                product.Others[service] = await product.StartServiceAsync(service);

            // The web UI calls the API through the gateway, and the gateway routes pages to the web UI.
            var gatewayPort = HostProcess.FreePort();
            for (var i = 0; web && i < webReplicas; i++)
                product.WebReplicas.Add(await product.StartWebAsync(i == 0 ? "web" : $"web-{i + 1}", gatewayPort));
            product.Gateway = await HostProcess.StartAsync("gateway",
            [
                "--services", "gateway",
                .. web ? new[] { "--Matching:Gateway:Services:web", string.Join(';', product.WebReplicas.Select(w => w.Address.ToString())) } : [],
                "--Matching:Gateway:Services:programs", product.Programs.Address.ToString(),
                "--Matching:Gateway:Services:companies", product.Companies.Address.ToString(),
                "--Matching:Gateway:Services:coordinators", string.Join(';', product.Coordinators.Select(c => c.Address.ToString())),
                .. product.Others.SelectMany(o => new[] { $"--Matching:Gateway:Services:{o.Key}", o.Value.Address.ToString() }),
                "--Matching:Auth:EdgeSecret", product.EdgeSecret,
            ], product.folder.Path, waitUntilReady: false, port: gatewayPort);
            product.processes.Add(product.Gateway);
            product.Admin = await TestUsers.SignInAsync(product.Gateway.Address, TestUsers.Admin);
            product.Client = await TestUsers.SignInAsync(product.Gateway.Address, TestUsers.Staff);
            return product;
        }
        catch
        {
            await product.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A web UI process that calls the API through the gateway on <paramref name="gatewayPort"/>. Its data folder, and
    /// so its data-protection keys (<c>data/keys</c>), is the one Programs uses, unless <paramref name="extra"/> says otherwise.
    /// </summary>
    public async Task<HostProcess> StartWebAsync(string name, int gatewayPort, params string[] extra)
    {
        var process = await HostProcess.StartAsync(name,
        [
            "--services", "web",
            "--Matching:Web:ApiAddress", $"http://127.0.0.1:{gatewayPort}",
            "--Matching:Auth:EdgeSecret", EdgeSecret,
            "--Matching:Database:DataDirectory", Path.Combine(folder.Path, "data"),
            .. extra,
        ], folder.Path, waitUntilReady: false);
        lock (processes)
            processes.Add(process);
        return process;
    }

    /// <summary>
    /// Only a broker and the users' bootstrap (Programs' database, written by the operator's commands): no service runs yet,
    /// and no gateway. The test starts the services it wants, in the order it wants, and talks to each directly
    /// (<see cref="DirectClient"/>).
    /// </summary>
    public static async Task<DistributedProduct> PrepareAsync()
    {
        var product = new DistributedProduct();
        try
        {
            product.Broker = await RabbitMqBroker.StartAsync();
            await TestUsers.BootstrapAsync(product.folder.Path, Path.Combine(product.folder.Path, "data"));
            return product;
        }
        catch
        {
            await product.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of one service process, past any gateway, as <paramref name="user"/> (signed as the gateway signs).</summary>
    public HttpClient DirectClient(HostProcess service, Matching.Platform.Auth.MatchingUser user) =>
        new(new SignedIdentityHandler(new Matching.Platform.Auth.EdgeIdentity(EdgeSecret, TimeProvider.System), user))
        {
            BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>The settings a service process runs with: its service, RabbitMQ, and its database folder.</summary>
    public IReadOnlyList<string> ServiceSettings(string service, params string[] extra) =>
    [
        "--services", service,
        "--Matching:Bus:Transport", "RabbitMq",
        "--Matching:Bus:RabbitMq", Broker.AmqpUri.ToString(),
        "--Matching:Database:DataDirectory", Path.Combine(folder.Path, "data"),
        "--Matching:Auth:EdgeSecret", EdgeSecret,
        .. QuickRecovery,
        .. extra,
    ];

    public async Task<HostProcess> StartServiceAsync(string service, string? name = null, params string[] extra)
    {
        var process = await HostProcess.StartAsync(name ?? service, ServiceSettings(service, extra), folder.Path);
        lock (processes)
            processes.Add(process);
        return process;
    }

    /// <summary>
    /// A client that talks to one service process directly, past the gateway, as <see cref="TestUsers.Staff"/>:
    /// it signs the user into each request the way the gateway does.
    /// </summary>
    public async Task<HttpClient> DirectClientAsync(HostProcess service)
    {
        var me = await Client.GetFromJsonAsync<Matching.Platform.Auth.MatchingUser>("/api/me", Matching.Platform.Http.MatchingJson.Options)
                 ?? throw new InvalidOperationException("no user");
        var edge = new Matching.Platform.Auth.EdgeIdentity(EdgeSecret, TimeProvider.System);
        return new HttpClient(new SignedIdentityHandler(edge, me)) { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    private sealed class SignedIdentityHandler(Matching.Platform.Auth.EdgeIdentity edge, Matching.Platform.Auth.MatchingUser user)
        : DelegatingHandler(new HttpClientHandler())
    {
        // Signed afresh every 20 s, as a gateway would reuse a user's header within its one-minute validity.
        private (string Value, DateTime SignedAt) signed = (edge.Sign(user), DateTime.UtcNow);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var current = signed;
            if (DateTime.UtcNow - current.SignedAt > TimeSpan.FromSeconds(20))
                signed = current = (edge.Sign(user), DateTime.UtcNow);
            request.Headers.Remove(Matching.Platform.Auth.EdgeIdentity.Header);
            request.Headers.Add(Matching.Platform.Auth.EdgeIdentity.Header, current.Value);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Opens one service's SQLite database (shared by its replicas) to look at what was written.</summary>
    public SqliteConnection OpenDatabase(string service)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "data", service + ".db")};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    public long Scalar(string service, string sql)
    {
        using var connection = OpenDatabase(service);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What every process logged, for a failing test's message.</summary>
    public string Logs() =>
        string.Join("\n", processes.Select(p => $"----- {p.Name}\n{p.LogTail(30)}")) + $"\n----- broker\n{Broker?.LogTail(15)}";

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Admin?.Dispose();
        await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
        if (Broker is not null)
            await Broker.DisposeAsync();
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
