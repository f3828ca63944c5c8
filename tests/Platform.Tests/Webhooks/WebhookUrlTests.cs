using Matching.Testing;
using Matching.Platform.Webhooks;

namespace Matching.Platform.Tests.Webhooks;

public sealed class WebhookUrlTests
{
    [Theory]
    [InlineData("https://hooks.example.jp/matching", WebhookHttp.Never)]
    [InlineData("http://127.0.0.1:5080/hooks", WebhookHttp.Loopback)]
    [InlineData("http://localhost/hooks", WebhookHttp.Loopback)]
    [InlineData("http://[::1]/hooks", WebhookHttp.Loopback)]
    [InlineData("http://hooks.example.jp/matching", WebhookHttp.Always)]
    public void An_endpoint_url_is_accepted(string url, WebhookHttp allowHttp) =>
        Assert.Null(WebhookUrl.Problem(url, allowHttp));

    [Theory]
    [InlineData("", WebhookHttp.Always)]
    [InlineData("/hooks", WebhookHttp.Always)]
    [InlineData("ftp://hooks.example.jp/", WebhookHttp.Always)]
    [InlineData("https://firm:secret@hooks.example.jp/", WebhookHttp.Always)]
    [InlineData("https://hooks.example.jp/#part", WebhookHttp.Always)]
    [InlineData("http://hooks.example.jp/matching", WebhookHttp.Loopback)]
    [InlineData("http://127.0.0.1/hooks", WebhookHttp.Never)]
    public void An_endpoint_url_is_refused(string url, WebhookHttp allowHttp) =>
        Assert.NotNull(WebhookUrl.Problem(url, allowHttp));

    [Fact]
    public void An_endpoint_url_longer_than_the_limit_is_refused() =>
        Assert.NotNull(WebhookUrl.Problem("https://hooks.example.jp/" + new string('a', WebhookUrl.MaxLength), WebhookHttp.Never));
}
