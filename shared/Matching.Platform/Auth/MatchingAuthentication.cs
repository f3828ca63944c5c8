using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Platform.Auth;

/// <summary>
/// Finds the user of a request: a personal API token (<c>Authorization: Bearer mt_…</c>) or the session cookie,
/// checked against the account store where this process holds it; otherwise the identity the gateway signed.
/// Deciding what the user may do is <see cref="AccessMiddleware"/>'s job.
/// </summary>
public sealed class MatchingAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Matching";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authenticator = Context.RequestServices.GetService<IAccountAuthenticator>();
        if (authenticator is not null)
        {
            var authorization = Request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                var user = await authenticator.AuthenticateAsync(CredentialKind.Token, authorization[7..].Trim(), Context.RequestAborted);
                return user is null ? AuthenticateResult.Fail("The token is unknown, expired or revoked.") : Success(user, "token");
            }
            if (Request.Cookies[Credentials.SessionCookie] is { Length: > 0 } session)
            {
                var user = await authenticator.AuthenticateAsync(CredentialKind.Session, session, Context.RequestAborted);
                if (user is not null)
                    return Success(user, "session");
            }
        }
        var edge = Context.RequestServices.GetService<EdgeIdentity>();
        if (edge is not null && Request.Headers[EdgeIdentity.Header].ToString() is { Length: > 0 } signed)
        {
            var user = edge.Verify(signed);
            return user is null ? AuthenticateResult.Fail("The gateway's identity header is not valid.") : Success(user, "gateway");
        }
        return AuthenticateResult.NoResult();
    }

    private static AuthenticateResult Success(MatchingUser user, string method) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new MatchingIdentity(user, method)), SchemeName));
}
