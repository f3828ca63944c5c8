using System.Net;
using System.Text.RegularExpressions;
using Matching.Testing;

namespace Matching.Programs.Tests.Web;

/// <summary>Where the web UI sends a visitor after a language switch or a sign-in: only to a path of this site.</summary>
public sealed partial class ReturnUrlTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    public static TheoryData<string> OffSite() =>
    [
        "/%5Cevil.example",       // "/\evil.example": browsers read "\" as "/"
        "/%09/evil.example",      // browsers drop tabs and line breaks: "//evil.example"
        "/%0A/evil.example",
        "/%0D%0A/evil.example",
        "//evil.example",
        "https://evil.example/",
        "/%E3%80%80",             // U+3000: cannot be written in a Location header at all
    ];

    [Theory]
    [MemberData(nameof(OffSite))]
    public async Task A_language_switch_sends_an_off_site_return_url_home(string returnUrl)
    {
        using var browser = Browser();

        using var response = await browser.GetAsync($"/culture?lang=en&returnUrl={returnUrl}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_language_switch_returns_to_a_page_of_the_site()
    {
        using var browser = Browser();

        using var response = await browser.GetAsync("/culture?lang=en&returnUrl=%2Fp%2Fdemo%2Fcompanies%3Fq%3D%25E5%258C%2597");

        Assert.Equal("/p/demo/companies?q=%E5%8C%97", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(OffSite))]
    public async Task A_sign_in_sends_an_off_site_return_url_home(string returnUrl)
    {
        using var browser = Browser();
        var form = await browser.GetStringAsync($"/signin?returnUrl={returnUrl}");
        var token = TokenPattern().Match(form).Groups[1].Value;

        using var response = await browser.PostAsync($"/signin?returnUrl={returnUrl}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = TestUsers.Staff, ["password"] = TestUsers.Password, ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = fixture.Product.Address };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
