using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Platform.Auth;

namespace Matching.Host;

/// <summary>
/// The gateway authenticates each request once: it asks the Programs service (which holds the accounts) who the
/// session or token belongs to, and passes the answer on to the service behind it as a signed header. Nothing is
/// cached, so a revoked token or ended session fails on its very next request. A client's own copy of the header
/// is always dropped.
/// </summary>
internal sealed class GatewayIdentity(RequestDelegate next, IHttpClientFactory clients, EdgeIdentity edge, ILogger<GatewayIdentity> logger)
{
    public const string AccountsClient = "accounts";

    public async Task InvokeAsync(HttpContext context)
    {
        context.Request.Headers.Remove(EdgeIdentity.Header);
        var authorization = context.Request.Headers.Authorization.ToString();
        var session = context.Request.Cookies[Credentials.SessionCookie];
        if (authorization.Length > 0 || !string.IsNullOrEmpty(session))
        {
            var user = await WhoIsAsync(authorization, session, context.RequestAborted);
            if (user is not null)
                context.Request.Headers[EdgeIdentity.Header] = edge.Sign(user);
        }
        await next(context);
    }

    private async Task<MatchingUser?> WhoIsAsync(string authorization, string? session, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        if (authorization.Length > 0)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (!string.IsNullOrEmpty(session))
            request.Headers.TryAddWithoutValidation("Cookie", $"{Credentials.SessionCookie}={session}");
        try
        {
            using var response = await clients.CreateClient(AccountsClient).SendAsync(request, ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<MatchingUser>(Matching.Platform.Http.MatchingJson.Options, ct) : null;
        }
        catch (HttpRequestException ex)
        {
            // Without the accounts service nobody can be authenticated: the request goes on anonymous and is refused downstream.
            logger.LogWarning(ex, "The accounts service did not answer; the request continues unauthenticated.");
            return null;
        }
    }
}
