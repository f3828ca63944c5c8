using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Matching.Testing;

namespace Matching.Platform.Tests.Hosting;

/// <summary>The headers of every response, and what the product believes of a proxy's forwarded headers.</summary>
public sealed partial class SecurityHeadersTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Theory]
    [InlineData("/signin")]
    [InlineData("/p/demo")]
    [InlineData("/api/me")]
    [InlineData("/api/nothing-here")]
    public async Task Every_response_forbids_framing_sniffing_inline_script_and_outside_referrers(string path)
    {
        // The second request: the first one sets the antiforgery cookie, which used to be the only one with X-Frame-Options.
        await fixture.Product.Client.GetAsync(path);

        var response = await fixture.Product.Client.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http");
    }

    [Fact]
    public void No_page_has_inline_script_style_or_event_handlers()
    {
        var pages = Directory.GetFiles(Path.Combine(Repository.Root, "services", "Web", "Pages"), "*.cshtml", SearchOption.AllDirectories);

        var inline = pages.SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => InlineScriptOrStyle().IsMatch(l.line))
            .Select(l => $"{Path.GetFileName(l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.NotEmpty(pages);
        Assert.True(inline.Count == 0, "Refused by the Content-Security-Policy:\n" + string.Join("\n", inline));
    }

    [Fact]
    public async Task Forwarded_headers_of_an_unknown_proxy_are_ignored()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = fixture.Product.Address };
        using var request = SignInRequest();

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("secure", SessionCookie(response), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Behind_a_known_tls_proxy_the_session_cookie_is_secure_and_HSTS_is_sent_from_the_API_and_the_web_UI()
    {
        await using var product = await EmbeddedProduct.StartAsync("--Matching:Http:KnownProxies", "127.0.0.1, 10.0.0.0/8");
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = product.Address };
        using var apiSignIn = SignInRequest();

        var api = await client.SendAsync(apiSignIn);
        var web = await WebSignInAsync(client);

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains("secure", SessionCookie(api), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", Header(api, "Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, web.StatusCode);
        Assert.Contains("secure", SessionCookie(web), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", Header(web, "Strict-Transport-Security"));
        Assert.Equal(1, product.Count("programs", "audit_log WHERE action = 'signed-in' AND user_name = 'office' AND remote_address = '198.51.100.7'"));
    }

    /// <summary>Signs in on the sign-in page as a browser behind the proxy would: the form, its antiforgery token, the post.</summary>
    private static async Task<HttpResponseMessage> WebSignInAsync(HttpClient client)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/signin");
        Forwarded(get, "198.51.100.8");
        using var form = await client.SendAsync(get);
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var cookies = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = "coordinator", ["password"] = "matching-demo", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        Forwarded(post, "198.51.100.8");
        return await client.SendAsync(post);
    }

    private static HttpRequestMessage SignInRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/session")
        {
            Content = JsonContent.Create(new { userName = "office", password = "matching-demo" }),
        };
        Forwarded(request, "198.51.100.7");
        return request;
    }

    private static void Forwarded(HttpRequestMessage request, string client)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", client);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("matching.session=", StringComparison.Ordinal));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri}");

    [GeneratedRegex("""<script(?![^>]*\bsrc=)|<style\b|\sstyle=|\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScriptOrStyle();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
