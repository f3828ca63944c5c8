using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Matching.Testing;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package), keeping what it receives. It can be started late, stopped
/// and started again on the same port (an outage), or refuse every message with 554 (a permanent refusal).
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly Store store = new();
    private SmtpServer.SmtpServer? server;
    private CancellationTokenSource? running;

    public SmtpListener()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => store.Messages;

    /// <summary>Answers every message with 554 Transaction failed.</summary>
    public bool Refuse
    {
        get => store.Refuse;
        set => store.Refuse = value;
    }

    public static async Task<SmtpListener> StartedAsync()
    {
        var listener = new SmtpListener();
        await listener.StartAsync();
        return listener;
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        running = new CancellationTokenSource();
        _ = server.StartAsync(running.Token);
        await Testing.Poll.UntilAsync(AcceptsConnectionsAsync, TimeSpan.FromSeconds(10), $"the SMTP listener on port {Port}");
    }

    public async Task StopAsync()
    {
        if (server is null)
            return;
        server.Shutdown();
        await running!.CancelAsync();
        await server.ShutdownTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        running.Dispose();
        server = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private sealed class Store : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> messages = new();

        public IReadOnlyCollection<MimeMessage> Messages => messages;

        public bool Refuse { get; set; }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Refuse)
                return SmtpResponse.TransactionFailed;
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
