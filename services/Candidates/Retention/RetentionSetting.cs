using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Retention;

/// <summary>
/// 保存期間 — how long the program keeps a candidate's record with no activity (no correction, consent, withdrawal or
/// provision) before the sweep erases it; off (kept until someone asks) unless the office sets a number of years.
/// </summary>
internal static class RetentionSetting
{
    /// <param name="CandidateYears">Null: off.</param>
    public sealed record Request(int? CandidateYears, int? Version);

    /// <param name="ProvisionYears">第29条's records are kept this long, then deleted (the law's period: not a setting).</param>
    /// <param name="Version">0 while the program has never set it.</param>
    public sealed record Response(int? CandidateYears, int ProvisionYears, int Version, DateTimeOffset? ChangedAt, string? ChangedBy);

    /// <summary>個人情報保護法施行規則 第21条: a record of provision is kept 3 years (from its making, for provisions one by one).</summary>
    public const int ProvisionYears = 3;

    public static readonly LocalizedText YearsInvalid = new(
        "保存期間は 1〜20 年で指定してください（自動消去しない場合は空欄）。", "The retention period is 1 to 20 years (empty: never erased by the sweep).");
    public static readonly LocalizedText VersionRequired = new("版を指定してください（初めて設定するときは 0）。", "Give the version you saw (0 the first time).");
    public static readonly LocalizedText Changed = new(
        "ほかの人が保存期間を変更しました。画面を読み込み直してから、もう一度お試しください。", "Someone else changed the retention period. Reload and try again.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CandidateYears).InclusiveBetween(1, 20).Message(YearsInvalid).When(r => r.CandidateYears is not null);
            RuleFor(r => r.Version).NotNull().Message(VersionRequired).GreaterThanOrEqualTo(0).Message(VersionRequired);
        }
    }

    private const string SelectSql = """
        SELECT candidate_years AS CandidateYears, version AS Version, changed_at AS ChangedAt, changed_by AS ChangedBy
          FROM retention_settings WHERE program = @program
        """;

    private const string InsertSql = """
        INSERT INTO retention_settings (program, candidate_years, version, changed_at, changed_by)
        SELECT @program, @years, 1, @at, @by WHERE NOT EXISTS (SELECT 1 FROM retention_settings WHERE program = @program)
        """;

    private const string UpdateSql = """
        UPDATE retention_settings SET candidate_years = @years, version = version + 1, changed_at = @at, changed_by = @by
         WHERE program = @program AND version = @version
        """;

    private sealed class Row
    {
        public int? CandidateYears { get; init; }
        public int Version { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public string? ChangedBy { get; init; }
    }

    private static async Task<Response> ReadAsync(ServiceDatabase database, string program, CancellationToken ct) =>
        await database.QuerySingleOrDefaultAsync<Row>(SelectSql, new { program }, ct) is { } row
            ? new Response(row.CandidateYears, ProvisionYears, row.Version, row.ChangedAt, row.ChangedBy)
            : new Response(null, ProvisionYears, 0, null, null);

    public static async Task<Ok<Response>> GetAsync(string program, ServiceDatabase<CandidatesModule> database, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(database, program, ct));

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> PutAsync(
        string program, Request request, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var parameters = new { program, years = request.CandidateYears, version = request.Version, at = clock.GetUtcNow(), by = context.User.MatchingUser()?.DisplayName };
        await using (var tx = await database.BeginAsync(ct))
        {
            var written = request.Version == 0 ? await tx.ExecuteAsync(InsertSql, parameters, ct) : await tx.ExecuteAsync(UpdateSql, parameters, ct);
            if (written == 0)
                return Problems.Conflict(Changed);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok(await ReadAsync(database, program, ct));
    }
}
