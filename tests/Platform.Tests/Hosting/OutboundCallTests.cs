using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Matching.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Platform.Tests.Hosting;

/// <summary>A public office's system makes no outbound call it was not configured to make.</summary>
public sealed class OutboundCallTests
{
    [Fact]
    public async Task The_embedded_product_calls_no_host_but_its_own_while_it_starts_and_runs()
    {
        var calls = new ConcurrentQueue<Uri>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new HttpRequests(calls));

        var product = await EmbeddedProduct.StartAsync();
        await product.Slice.CreateProgramAsync("outbound", "外部通信なし");
        await product.Slice.RegisterCompanyAsync("outbound");
        // MassTransit reports usage to its authors 30 s to 5 min after start, or when the bus stops: switched off.
        var usageReported = product.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MassTransit.UsageTelemetryOptions>>().Value.Enabled;
        await product.DisposeAsync();

        Assert.False(usageReported);
        Assert.NotEmpty(calls);   // the listener sees the product's own calls to itself (the web UI and API clients)
        Assert.All(calls, uri => Assert.True(IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip) || uri.IsLoopback, $"outbound call to {uri}"));
    }

    /// <summary>Every request any HttpClient of this process starts (the framework's "HttpHandlerDiagnosticListener").</summary>
    private sealed class HttpRequests(ConcurrentQueue<Uri> calls) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "HttpHandlerDiagnosticListener")
                listener.Subscribe(this);
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "System.Net.Http.HttpRequestOut.Start" && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage { RequestUri: { } uri })
                calls.Enqueue(uri);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
