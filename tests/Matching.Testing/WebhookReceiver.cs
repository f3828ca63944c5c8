using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching.Testing;

/// <summary>
/// A subscriber's system: a real Kestrel server on 127.0.0.1 that records every request and accepts each delivery id
/// once (a repeat is answered 200 and dropped), as a receiver following the Standard Webhooks advice does.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly HashSet<string> acceptedIds = [];
    private readonly List<Received> accepted = [];
    private WebApplication? app;

    public sealed record Received(string Id, string Timestamp, string Signature, string Body, string Key, int Sequence);

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks";

    /// <summary>Every request, repeats and refused ones included.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Answers 503 without accepting while true.</summary>
    public bool Unavailable { get; set; }

    /// <summary>When set, answers 503 to every n-th request: a flapping receiver.</summary>
    public int RefuseEvery { get; set; }

    /// <summary>Runs after a delivery is accepted and before it is answered (to hold the answer back).</summary>
    public Func<Task>? BeforeAnswer { get; set; }

    public IReadOnlyList<Received> Accepted
    {
        get
        {
            lock (gate)
                return accepted.ToList();
        }
    }

    public int Repeats { get; private set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.ListenAsync(0);
        return receiver;
    }

    /// <summary>Listens again on the port it had: the subscriber's system is back.</summary>
    public Task RestartAsync() => ListenAsync(Port);

    /// <summary>Stops listening: connections are refused.</summary>
    public async Task StopAsync()
    {
        if (app is null)
            return;
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var web = builder.Build();
        var count = 0;
        web.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
            var received = new Received(
                request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body,
                data.TryGetProperty("key", out var key) ? key.GetString()! : "",
                data.TryGetProperty("sequence", out var sequence) ? sequence.GetInt32() : 0);
            Requests.Enqueue(received);
            if (Unavailable || RefuseEvery > 0 && Interlocked.Increment(ref count) % RefuseEvery == 0)
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            lock (gate)
            {
                if (acceptedIds.Add(received.Id))
                    accepted.Add(received);
                else
                    Repeats++;
            }
            if (BeforeAnswer is { } hold)
                await hold();
            return Results.Ok();
        });
        await web.StartAsync();
        Port = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        app = web;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
