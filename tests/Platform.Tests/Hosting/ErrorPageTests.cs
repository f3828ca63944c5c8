using System.Net;
using Matching.Testing;

namespace Matching.Platform.Tests.Hosting;

/// <summary>A browser gets an HTML error page in its language; an API client keeps RFC 9457 problem details.</summary>
public sealed class ErrorPageTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private static HttpRequestMessage Browser(HttpMethod method, string path, string language = "ja")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    [Theory]
    [InlineData("/p/demo/no-such-page", "ja", "見つかりません")]
    [InlineData("/no-such-page", "en", "Not found")]
    public async Task A_page_that_does_not_exist_is_an_html_page_with_the_way_home(string path, string language, string title)
    {
        var response = await fixture.Product.Client.SendAsync(Browser(HttpMethod.Get, path, language));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{title}", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("traceId", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_a_page_refuses_is_an_html_page_for_a_browser()
    {
        // A form post without its antiforgery token.
        var response = await fixture.Product.Client.SendAsync(Browser(HttpMethod.Delete, "/signin"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_client_keeps_problem_details_even_when_it_accepts_html()
    {
        var response = await fixture.Product.Client.SendAsync(Browser(HttpMethod.Get, "/api/programs/demo/no-such-thing"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_failure_behind_a_page_is_an_html_500_page_for_a_browser_and_problem_details_for_the_api()
    {
        await using var product = await EmbeddedProduct.StartAsync();
        product.BreakTable("companies", "companies");

        var page = await product.Client.SendAsync(Browser(HttpMethod.Get, "/p/demo/companies"));
        var api = await product.Client.GetAsync("/api/programs/demo/companies");

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>エラーが発生しました", html, StringComparison.Ordinal);
        Assert.Contains("システム管理者にお知らせください", html, StringComparison.Ordinal);
        Assert.DoesNotContain("no such table", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("no such table", await api.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
