using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching.Testing;

/// <summary>
/// A plain HTTP endpoint that takes any POST (a chat room's incoming webhook, say): a real Kestrel server on 127.0.0.1
/// recording the path and body of each request and answering 200.
/// </summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private WebApplication? app;

    public sealed record Received(string Path, string ContentType, string Body);

    public int Port { get; private set; }

    public string UrlOf(string path) => $"http://127.0.0.1:{Port}{path}";

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status every request is answered with (200 unless a test makes the receiver refuse).</summary>
    public int AnswerStatus { get; set; } = StatusCodes.Status200OK;

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        var receiver = new HttpReceiver { app = web };
        web.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver.Requests.Enqueue(new Received(request.Path, request.ContentType ?? "", await reader.ReadToEndAsync()));
            return Results.StatusCode(receiver.AnswerStatus);
        });
        await web.StartAsync();
        receiver.Port = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is null)
            return;
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }
}
