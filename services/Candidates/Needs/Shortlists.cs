using FluentValidation;
using Matching.Candidates.Profiles;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Needs;

/// <summary>
/// 候補者リスト — the candidates a coordinator keeps for a need, each with a note: added (or its note changed) and removed.
/// The introduction itself is made from it later (Placements); an erasure takes the person off every list.
/// </summary>
internal static class Shortlists
{
    public sealed record Request([property: MultiLine] string? Note);

    public sealed record Entry(
        Guid CandidateId, string Name, string NameKana, string PrefectureName, string Status, string? Note, DateTimeOffset AddedAt, string? AddedBy);

    public sealed record Response(Guid NeedId, IReadOnlyList<Entry> Items);

    public static readonly LocalizedText NoteTooLong = new("メモは 500 文字以内で入力してください。", "The note is at most 500 characters.");
    public static readonly LocalizedText NotListed = new("この登録者はこの求人の候補者リストにありません。", "This candidate is not on the need's shortlist.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Note).MaximumLength(500).Message(NoteTooLong);
    }

    private const string NeedExistsSql = "SELECT COUNT(*) FROM needs WHERE program = @program AND id = @needId";

    private const string ListSql = """
        SELECT s.candidate_id AS CandidateId, c.name AS Name, c.name_kana AS NameKana, c.prefecture_code AS PrefectureCode, c.status AS Status,
               s.note AS Note, s.added_at AS AddedAt, s.added_by AS AddedBy
          FROM shortlists s JOIN candidates c ON c.id = s.candidate_id AND c.program = s.program
         WHERE s.program = @program AND s.need_id = @needId
         ORDER BY s.added_at, s.candidate_id
        """;

    private const string UpdateSql = "UPDATE shortlists SET note = @note WHERE program = @program AND need_id = @needId AND candidate_id = @candidateId";

    private const string InsertSql = """
        INSERT INTO shortlists (need_id, candidate_id, program, note, added_at, added_by)
        SELECT @needId, @candidateId, @program, @note, @at, @by
         WHERE NOT EXISTS (SELECT 1 FROM shortlists WHERE need_id = @needId AND candidate_id = @candidateId)
        """;

    private const string DeleteSql = "DELETE FROM shortlists WHERE program = @program AND need_id = @needId AND candidate_id = @candidateId";

    private sealed class Row
    {
        public Guid CandidateId { get; init; }
        public string Name { get; init; } = "";
        public string NameKana { get; init; } = "";
        public string PrefectureCode { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Note { get; init; }
        public DateTimeOffset AddedAt { get; init; }
        public string? AddedBy { get; init; }
    }

    private static async Task<Response> ReadAsync(ServiceDatabase database, string program, Guid needId, CancellationToken ct) =>
        new(needId, [.. (await database.QueryAsync<Row>(ListSql, new { program, needId }, ct)).Select(r => new Entry(
            r.CandidateId, r.Name, r.NameKana, Contracts.PrefectureCode.Parse(r.PrefectureCode).Name, r.Status, r.Note, r.AddedAt, r.AddedBy))]);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> GetAsync(
        string program, Guid needId, ServiceDatabase<CandidatesModule> database, CancellationToken ct) =>
        await database.ExecuteScalarAsync<long>(NeedExistsSql, new { program, needId }, ct) == 0
            ? Problems.NotFound(NeedMatches.UnknownNeed)
            : TypedResults.Ok(await ReadAsync(database, program, needId, ct));

    /// <summary>Puts the candidate on the need's list, or changes the note of one already there.</summary>
    public static async Task<Results<Ok<Response>, ProblemHttpResult>> PutAsync(
        string program, Guid needId, Guid candidateId, Request request, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock,
        CancellationToken ct)
    {
        await using (var tx = await database.BeginAsync(ct))
        {
            if (await tx.ExecuteScalarAsync<long>(NeedExistsSql, new { program, needId }, ct) == 0)
                return Problems.NotFound(NeedMatches.UnknownNeed);
            if (await CandidateStore.GetAsync(tx, program, candidateId, ct) is null)
                return Problems.NotFound(GetCandidate.UnknownCandidate);
            var parameters = new
            {
                program, needId, candidateId, note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), at = clock.GetUtcNow(),
                by = context.User.MatchingUser()?.DisplayName,
            };
            if (await tx.ExecuteAsync(UpdateSql, parameters, ct) == 0)
                await tx.ExecuteAsync(InsertSql, parameters, ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok(await ReadAsync(database, program, needId, ct));
    }

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> DeleteAsync(
        string program, Guid needId, Guid candidateId, ServiceDatabase<CandidatesModule> database, CancellationToken ct)
    {
        await using (var tx = await database.BeginAsync(ct))
        {
            if (await tx.ExecuteAsync(DeleteSql, new { program, needId, candidateId }, ct) == 0)
                return Problems.NotFound(NotListed);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok(await ReadAsync(database, program, needId, ct));
    }
}
