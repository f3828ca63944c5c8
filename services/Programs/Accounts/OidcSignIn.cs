using Matching.Platform.Auth;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Programs.Accounts;

/// <summary>
/// Sign-in with the organisation's identity provider (OpenID Connect, authorization code flow), for production:
/// on with <c>Matching:Auth:Oidc:Authority</c> and <c>ClientId</c> (and <c>ClientSecret</c>). The provider says who
/// the person is; the program roles stay here: the user name claim (<c>UserNameClaim</c>, default
/// <c>preferred_username</c>) must name a local user, who then gets the same session cookie as after a password
/// sign-in. People unknown here are refused and audited.
/// </summary>
internal static class OidcSignIn
{
    public const string Scheme = "oidc";
    private const string ExternalScheme = "oidc-external";
    public const string CallbackPath = "/api/session/oidc/callback";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["Matching:Auth:Oidc:Authority"]) && !string.IsNullOrEmpty(configuration["Matching:Auth:Oidc:ClientId"]);

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Matching:Auth:Oidc");
        var userNameClaim = section["UserNameClaim"] ?? "preferred_username";
        services.AddAuthentication()
            // Holds nothing but the provider's answer for the moment of the callback; the session is ours.
            .AddCookie(ExternalScheme, o => o.ExpireTimeSpan = TimeSpan.FromMinutes(5))
            .AddOpenIdConnect(Scheme, o =>
            {
                o.Authority = section["Authority"];
                o.ClientId = section["ClientId"];
                o.ClientSecret = section["ClientSecret"];
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = CallbackPath;
                o.SignInScheme = ExternalScheme;
                o.RequireHttpsMetadata = o.Authority?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;
                o.MapInboundClaims = false;
                o.Scope.Clear();
                foreach (var scope in (section["Scopes"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    o.Scope.Add(scope);
                // Behind a TLS-terminating proxy the request may look like plain HTTP: follow the request.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.Events.OnTicketReceived = context => SignInLocallyAsync(context, userNameClaim);
            });
    }

    /// <summary><c>GET /api/session/oidc?returnUrl=/</c>: off to the identity provider.</summary>
    public static IResult Challenge(string? returnUrl) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.OrHome(returnUrl) }, [Scheme]);

    private static async Task SignInLocallyAsync(TicketReceivedContext context, string userNameClaim)
    {
        var http = context.HttpContext;
        var store = http.RequestServices.GetRequiredService<AccountStore>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var userName = context.Principal?.FindFirst(userNameClaim)?.Value ?? "";
        await using var tx = await store.Database.BeginAsync(http.RequestAborted);
        var user = userName.Length == 0 ? null : await store.FindByNameAsync(tx, userName, http.RequestAborted);
        if (user is null || user.Disabled)
        {
            await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.SignInFailed, UserName: userName, Detail: "oidc: no such local user",
                RemoteAddress: http.Connection.RemoteIpAddress?.ToString()), now, http.RequestAborted);
            await tx.CommitAsync(http.RequestAborted);
            context.Response.Redirect("/signin?error=oidc");
            context.HandleResponse();
            return;
        }
        var expires = now + store.Options.SessionLifetime;
        var (_, secret) = await store.IssueAsync(tx, user.Id, CredentialKind.Session, null, expires, http.RequestAborted);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.SignedIn, UserId: user.Id, UserName: user.UserName, Detail: "oidc",
            RemoteAddress: http.Connection.RemoteIpAddress?.ToString()), now, http.RequestAborted);
        await tx.CommitAsync(http.RequestAborted);
        SignIn.AppendSessionCookie(http, secret, expires);
        context.Response.Redirect(LocalUrl.OrHome(context.ReturnUri));
        context.HandleResponse();
    }
}
