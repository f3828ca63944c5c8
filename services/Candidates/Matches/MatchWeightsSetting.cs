using System.Text.Json;
using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Matches;

/// <summary>マッチングの重み — the program's weights of the match score; the office sets them, the defaults hold until it does.</summary>
internal static class MatchWeightsSetting
{
    public sealed record Request(
        int? RequiredSkills, int? PreferredSkills, int? EmploymentForm, int? Area, int? Remote, int? UTurn, int? Availability, int? Pay, int? Version);

    /// <param name="Version">0 while the program uses the defaults.</param>
    public sealed record Response(MatchWeights Weights, MatchWeights Defaults, int Version, DateTimeOffset? ChangedAt, string? ChangedBy);

    public static readonly LocalizedText WeightInvalid = new("重みは 0〜100 の整数で指定してください。", "A weight is a whole number from 0 to 100.");
    public static readonly LocalizedText VersionRequired = new("版を指定してください（初めて設定するときは 0）。", "Give the version you saw (0 the first time).");
    public static readonly LocalizedText Changed = new(
        "ほかの人が重みを変更しました。画面を読み込み直してから、もう一度お試しください。", "Someone else changed the weights. Reload and try again.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            foreach (var weight in new System.Linq.Expressions.Expression<Func<Request, int?>>[]
                     { r => r.RequiredSkills, r => r.PreferredSkills, r => r.EmploymentForm, r => r.Area, r => r.Remote, r => r.UTurn, r => r.Availability, r => r.Pay })
                RuleFor(weight).NotNull().Message(WeightInvalid).InclusiveBetween(0, 100).Message(WeightInvalid);
            RuleFor(r => r.Version).NotNull().Message(VersionRequired).GreaterThanOrEqualTo(0).Message(VersionRequired);
        }
    }

    private const string SelectSql = """
        SELECT weights AS Weights, version AS Version, changed_at AS ChangedAt, changed_by AS ChangedBy FROM match_weights WHERE program = @program
        """;

    private const string InsertSql = """
        INSERT INTO match_weights (program, weights, version, changed_at, changed_by)
        SELECT @program, @weights, 1, @at, @by WHERE NOT EXISTS (SELECT 1 FROM match_weights WHERE program = @program)
        """;

    private const string UpdateSql = """
        UPDATE match_weights SET weights = @weights, version = version + 1, changed_at = @at, changed_by = @by WHERE program = @program AND version = @version
        """;

    private sealed class Row
    {
        public string Weights { get; init; } = "{}";
        public int Version { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public string? ChangedBy { get; init; }
    }

    private static async Task<Response> ReadAsync(ServiceDatabase database, string program, CancellationToken ct) =>
        await database.QuerySingleOrDefaultAsync<Row>(SelectSql, new { program }, ct) is { } row
            ? new Response(JsonSerializer.Deserialize<MatchWeights>(row.Weights, MatchingJson.Options)!, new MatchWeights(), row.Version, row.ChangedAt, row.ChangedBy)
            : new Response(new MatchWeights(), new MatchWeights(), 0, null, null);

    /// <summary>The weights a ranking of the program uses now.</summary>
    public static async Task<MatchWeights> OfAsync(ServiceDatabase database, string program, CancellationToken ct) =>
        (await ReadAsync(database, program, ct)).Weights;

    public static async Task<Ok<Response>> GetAsync(string program, ServiceDatabase<CandidatesModule> database, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(database, program, ct));

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> PutAsync(
        string program, Request request, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var weights = JsonSerializer.Serialize(new MatchWeights(request.RequiredSkills!.Value, request.PreferredSkills!.Value, request.EmploymentForm!.Value,
            request.Area!.Value, request.Remote!.Value, request.UTurn!.Value, request.Availability!.Value, request.Pay!.Value), MatchingJson.Options);
        var parameters = new { program, weights, version = request.Version, at = clock.GetUtcNow(), by = context.User.MatchingUser()?.DisplayName };
        await using (var tx = await database.BeginAsync(ct))
        {
            var written = request.Version == 0
                ? await tx.ExecuteAsync(InsertSql, parameters, ct)
                : await tx.ExecuteAsync(UpdateSql, parameters, ct);
            if (written == 0)
                return Problems.Conflict(Changed);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok(await ReadAsync(database, program, ct));
    }
}
