using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Profiles;

/// <summary>
/// The names of some candidates at once, for staff screens that show other services' records of them (an introduction
/// board, a due list): other services keep no names, so the web UI asks here. At most 200 ids; unknown ids are left out.
/// </summary>
internal static class CandidateNames
{
    public sealed class Name
    {
        public Guid Id { get; init; }

        public string FullName { get; init; } = "";

        public string NameKana { get; init; } = "";
    }

    internal const string Sql = "SELECT id AS Id, name AS FullName, name_kana AS NameKana FROM candidates WHERE program = @program AND id IN @ids";

    public static readonly LocalizedText TooMany = new("一度に指定できる登録者は 200 人までです。", "At most 200 ids at once.");

    public static async Task<Results<Ok<IReadOnlyList<Name>>, ValidationProblem>> HandleAsync(
        string program, HttpContext http, ServiceDatabase<CandidatesModule> database, CancellationToken ct)
    {
        var ids = http.Request.Query["id"].SelectMany(v => (v ?? "").Split(',')).Select(v => Guid.TryParse(v, out var g) ? g : (Guid?)null)
            .OfType<Guid>().Distinct().ToList();
        if (ids.Count > 200)
            return Problems.Invalid("id", TooMany);
        if (ids.Count == 0)
            return TypedResults.Ok<IReadOnlyList<Name>>([]);
        return TypedResults.Ok(await database.QueryAsync<Name>(Sql, new { program, ids = database.Dialect.GuidLists(ids).First() }, ct));
    }
}
