using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Auth;

/// <summary>
/// Enforces the <see cref="Access"/> rule declared on the endpoint: 401 without a user, 404 for a program the user
/// does not belong to (as for a program that does not exist: nobody learns which programs others run), 403 for a
/// role the rule does not admit. Refusals of signed-in users go to the audit log of the service that refused, and
/// from there to the product's one audit log; a non-member's refusal is marked, so the program's office never sees who.
/// </summary>
public sealed class AccessMiddleware(
    RequestDelegate next, IProblemDetailsService problems, IEnumerable<DatabaseSetup.MigratedDatabase> databases,
    TimeProvider clock, ILogger<AccessMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await next(context);
            return;
        }
        var access = endpoint.Metadata.GetMetadata<Access>();
        if (access is null && IsRoutingRejection(endpoint))
        {
            await next(context);
            return;
        }
        if (access is null)
        {
            logger.LogError("Endpoint {Endpoint} declares no access rule; refused.", endpoint.DisplayName);
            await RefuseAsync(context, StatusCodes.Status403Forbidden, AuthTexts.NoRule, "no access rule declared");
            return;
        }
        if (access.IsPublic || access.CheckedByPage)
        {
            await next(context);
            return;
        }
        var user = context.User.MatchingUser();
        if (user is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteAsync(context, StatusCodes.Status401Unauthorized, AuthTexts.SignInRequired);
            return;
        }
        if (access.AdminOnly && !user.IsAdmin)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, AuthTexts.Forbidden, "admin only", user);
            return;
        }
        if (access.ProgramRoles is { } roles)
        {
            var program = context.GetRouteValue("program") as string ?? "";
            var membership = user.MembershipOf(program);
            var operatorPasses = user.IsAdmin && access.AdminToo;
            if (membership is null && !operatorPasses)
            {
                await RefuseAsync(context, StatusCodes.Status404NotFound, PlatformTexts.UnknownProgram.Format(program), "not a member", user, program, outsider: true);
                return;
            }
            if (membership is not null && !roles.Contains(membership.Role) && !operatorPasses)
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, AuthTexts.Forbidden, $"role {membership.Role}", user, program);
                return;
            }
        }
        await next(context);
    }

    /// <summary>
    /// The endpoint routing puts in place when a route matched but not its method (405) or its Content-Type (415): not an
    /// endpoint of ours without a rule, and it serves nothing but its status (problem details come from the status pages).
    /// </summary>
    private static bool IsRoutingRejection(Endpoint endpoint) =>
        endpoint is not RouteEndpoint && endpoint.Metadata.Count == 0
        && endpoint.DisplayName is "405 HTTP Method Not Supported" or "415 HTTP Unsupported Media Type";

    private async Task RefuseAsync(HttpContext context, int status, LocalizedText title, string reason, MatchingUser? user = null, string? program = null,
        bool outsider = false)
    {
        if (user is not null && AuditDatabase(context) is { } database)
        {
            var entry = new AuditEntry(AuditActions.Refused, program, user.Id, user.UserName,
                $"{context.Request.Method} {context.Request.Path}", reason, context.Connection.RemoteIpAddress?.ToString(), outsider);
            await AuditTrail.RecordAsync(database, entry, clock.GetUtcNow(), CancellationToken.None);
        }
        await WriteAsync(context, status, title);
    }

    // The service that owns the endpoint (its OpenAPI group name is the service name) keeps the record.
    private ServiceDatabase? AuditDatabase(HttpContext context)
    {
        var service = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointGroupNameMetadata>()?.EndpointGroupName;
        return databases.FirstOrDefault(d => d.Database.Service == service)?.Database;
    }

    private async Task WriteAsync(HttpContext context, int status, LocalizedText title)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Problems.Of(status, title),
        });
    }
}
