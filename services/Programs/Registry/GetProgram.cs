using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Registry;

internal static class GetProgram
{
    public sealed record Response(string Slug, string Name, DateTimeOffset CreatedAt);

    internal const string Sql = "SELECT slug AS Slug, name AS Name, created_at AS CreatedAt FROM programs WHERE slug = @program";

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string program, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var found = await database.QuerySingleOrDefaultAsync<Response>(Sql, new { program }, ct);
        return found is null ? Problems.UnknownProgram(program) : TypedResults.Ok(found);
    }
}

internal static class ListPrograms
{
    internal const string Sql = "SELECT slug AS Slug, name AS Name, created_at AS CreatedAt FROM programs ORDER BY slug";

    /// <summary>The programs the user belongs to; every program for an operator.</summary>
    public static async Task<Ok<IReadOnlyList<GetProgram.Response>>> HandleAsync(
        HttpContext http, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var user = http.User.MatchingUser()!;
        var all = await database.QueryAsync<GetProgram.Response>(Sql, null, ct);
        return TypedResults.Ok<IReadOnlyList<GetProgram.Response>>(
            user.IsAdmin ? all : [.. all.Where(p => user.MembershipOf(p.Slug) is not null)]);
    }
}
