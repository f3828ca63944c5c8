using System.Net;

namespace Matching.Testing;

/// <summary>One embedded product per test class, ready when every service knows the demo program.</summary>
public sealed class EmbeddedProductFixture : IAsyncLifetime
{
    public EmbeddedProduct Product { get; private set; } = null!;

    public Slice Slice => Product.Slice;

    public async ValueTask InitializeAsync()
    {
        Product = await EmbeddedProduct.StartAsync();
        // Services learn programs from ProgramCreated, a moment after start: wait, so tests meet a settled product.
        foreach (var route in new[] { "/api/programs/demo/companies?pageSize=1", "/api/programs/demo/consultations?pageSize=1", "/api/programs/demo/kpis/consultations?fiscalYear=2025" })
            await Poll.UntilAsync(async () => (await Product.Client.GetAsync(route)).StatusCode == HttpStatusCode.OK, Slice.Eventually, $"{route} to know the demo program");
    }

    public async ValueTask DisposeAsync() => await Product.DisposeAsync();
}
