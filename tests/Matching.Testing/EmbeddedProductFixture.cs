namespace Matching.Testing;

/// <summary>One embedded product per test class.</summary>
public sealed class EmbeddedProductFixture : IAsyncLifetime
{
    public EmbeddedProduct Product { get; private set; } = null!;

    public Slice Slice => new(Product.Client);

    public async ValueTask InitializeAsync() => Product = await EmbeddedProduct.StartAsync();

    public async ValueTask DisposeAsync() => await Product.DisposeAsync();
}
