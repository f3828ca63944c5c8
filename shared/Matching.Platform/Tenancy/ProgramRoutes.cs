using Matching.Platform.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Matching.Platform.Tenancy;

public static class ProgramRoutes
{
    /// <summary>
    /// <c>/api/programs/{program}/…</c> for one service: requests for a program this service does not know get 404
    /// before any handler runs.
    /// </summary>
    public static RouteGroupBuilder MapProgramApi(this IEndpointRouteBuilder routes, ServiceModule module, ProgramDirectory programs) =>
        routes.MapGroup("/api/programs/{program}")
            .WithGroupName(module.Name)
            .AddEndpointFilter(async (context, next) =>
            {
                var program = context.HttpContext.GetRouteValue("program") as string ?? "";
                if (!await programs.ExistsAsync(program, context.HttpContext.RequestAborted))
                    return Problems.UnknownProgram(program);
                return await next(context);
            });
}
