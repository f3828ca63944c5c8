using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Matching.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Programs.Tests.Accounts;

/// <summary>
/// Sign-in with an organisation's identity provider: a small OpenID Connect provider on loopback (discovery, keys,
/// authorization code, signed ID token) and the product configured for it, through the real redirects.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private WebApplication? provider;
    private EmbeddedProduct? product;
    private string issuer = "";
    private string nonce = "";

    /// <summary>Who the provider says signed in.</summary>
    private string userName = "coordinator";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider = builder.Build();
        provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer, ["authorization_endpoint"] = issuer + "/authorize", ["token_endpoint"] = issuer + "/token",
            ["jwks_uri"] = issuer + "/jwks", ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        provider.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        // The person is signed in at the provider already: straight back with a code.
        provider.MapGet("/authorize", (HttpRequest request) =>
        {
            nonce = request.Query["nonce"].ToString();
            return Results.Redirect($"{request.Query["redirect_uri"]}?code=the-code&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        provider.MapPost("/token", () => Results.Json(new
        {
            id_token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = "matching",
                Claims = new Dictionary<string, object> { ["sub"] = "idp-" + userName, ["preferred_username"] = userName, ["nonce"] = nonce },
                IssuedAt = DateTime.UtcNow,
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            }),
            access_token = "access", token_type = "Bearer", expires_in = 300,
        }));
        await provider.StartAsync();
        issuer = provider.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        product = await EmbeddedProduct.StartAsync(
            "--Matching:Auth:Oidc:Authority", issuer, "--Matching:Auth:Oidc:ClientId", "matching", "--Matching:Auth:Oidc:ClientSecret", "secret");
    }

    [Fact]
    public async Task A_known_user_signed_in_at_the_provider_gets_a_session_here_with_their_roles()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = product!.Address };

        using var landed = await browser.GetAsync("/api/session/oidc?returnUrl=/p/demo");

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/p/demo", landed.RequestMessage!.RequestUri!.AbsolutePath);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("coordinator", me.GetProperty("userName").GetString());
        Assert.Equal("coordinator", me.GetProperty("memberships")[0].GetProperty("role").GetString());
        Assert.True(product.Count("programs", "audit_log WHERE action = 'signed-in' AND detail = 'oidc' AND user_name = 'coordinator'") >= 1);
    }

    [Fact]
    public async Task A_person_unknown_here_is_refused_and_the_refusal_audited()
    {
        userName = "stranger";
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = product!.Address };

        using var landed = await browser.GetAsync("/api/session/oidc?returnUrl=/");

        Assert.Equal("/signin", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("組織のアカウントに対応するユーザーが登録されていません", await landed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Equal(1, product.Count("programs", "audit_log WHERE action = 'sign-in-failed' AND user_name = 'stranger' AND detail LIKE 'oidc%'"));
    }

    [Fact]
    public async Task The_sign_in_page_offers_the_organisation_account()
    {
        var page = await product!.Anonymous.GetStringAsync("/signin");

        Assert.Contains("/api/session/oidc?returnUrl=", page);
        Assert.Contains("組織のアカウントでサインイン", page);
    }

    public async ValueTask DisposeAsync()
    {
        if (product is not null)
            await product.DisposeAsync();
        if (provider is not null)
            await provider.DisposeAsync();
    }
}
