using System.Text.Json;
using FluentValidation;
using Matching.Candidates.Profiles;
using Matching.Contracts;
using Matching.Contracts.Candidates;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Duplicates;

/// <summary>
/// 重複登録の統合 — a coordinator merges a duplicate registration into the record that stays. Both histories are kept (the
/// duplicate's versions under its id, shown with the record), its consents and provision records move to the record that
/// stays, and so do its shortlist entries; the source firm stays the first one known (the other is kept with the merge).
/// <see cref="CandidatesMerged"/> tells the other services; each registration was made and counted once, and stays counted.
/// </summary>
internal static class MergeCandidates
{
    public sealed record Request(Guid? DuplicateId, int? Version);

    public static readonly LocalizedText DuplicateRequired = new("統合する重複登録の ID を指定してください。", "Give the id of the duplicate registration to merge.");
    public static readonly LocalizedText NotItself = new("登録を自分自身に統合することはできません。", "A registration cannot be merged into itself.");
    public static readonly LocalizedText UnknownDuplicate = new("統合する登録が見つかりません。", "No such registration to merge.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.DuplicateId).NotNull().Message(DuplicateRequired).NotEqual(Guid.Empty).Message(DuplicateRequired);
            RuleFor(r => r.Version).NotNull().Message(UpdateCandidate.VersionRequired);
        }
    }

    private const string RecordSql = """
        INSERT INTO merges (merged_id, program, into_id, registered_at, source_firm_id, merged_at, merged_by)
        VALUES (@duplicateId, @program, @id, @registeredAt, @sourceFirmId, @at, @by)
        """;

    // Shortlist entries of both for one need become one (the one that stays keeps its note).
    private const string MoveSql = """
        UPDATE merges SET into_id = @id WHERE into_id = @duplicateId;
        UPDATE consents SET candidate_id = @id WHERE program = @program AND candidate_id = @duplicateId;
        UPDATE provisions SET candidate_id = @id WHERE program = @program AND candidate_id = @duplicateId;
        DELETE FROM shortlists WHERE program = @program AND candidate_id = @duplicateId
           AND need_id IN (SELECT need_id FROM shortlists WHERE program = @program AND candidate_id = @id);
        UPDATE shortlists SET candidate_id = @id WHERE program = @program AND candidate_id = @duplicateId;
        UPDATE candidates SET source_firm_id = COALESCE(source_firm_id, @sourceFirmId), updated_at = @at, version = version + 1
         WHERE program = @program AND id = @id AND version = @version;
        DELETE FROM candidate_skills WHERE candidate_id = @duplicateId;
        DELETE FROM candidates WHERE program = @program AND id = @duplicateId;
        """;

    public static async Task<Results<Ok<GetCandidate.Response>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        string program, Guid id, Request request, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        if (request.DuplicateId == id)
            return Problems.Invalid("duplicateId", NotItself);
        var by = context.User.MatchingUser()?.DisplayName;
        await using (var tx = await database.BeginAsync(ct))
        {
            if (await CandidateStore.GetAsync(tx, program, id, ct) is not { } survivor)
                return Problems.NotFound(GetCandidate.UnknownCandidate);
            if (await CandidateStore.GetAsync(tx, program, request.DuplicateId!.Value, ct) is not { } duplicate)
                return Problems.NotFound(UnknownDuplicate);
            if (survivor.Version != request.Version)
                return Problems.Conflict(UpdateCandidate.Changed);
            var at = clock.GetUtcNow();
            await tx.ExecuteAsync(CandidateStore.InsertRevisionSql, new
            {
                id = duplicate.Id, version = duplicate.Version, content = JsonSerializer.Serialize(duplicate.Record, MatchingJson.Options), at, by,
            }, ct);
            var parameters = new
            {
                program, id, duplicateId = duplicate.Id, registeredAt = duplicate.RegisteredAt, sourceFirmId = duplicate.SourceFirmId, at, by,
                version = request.Version,
            };
            await tx.ExecuteAsync(RecordSql, parameters, ct);
            await tx.ExecuteAsync(MoveSql, parameters, ct);
            await tx.Outbox.AddAsync(new CandidateUpdated(EventIds.New(), program, at, id, survivor.Version + 1, survivor.Status, survivor.Record.PrefectureCode,
                survivor.Record.EmploymentForms), ct);
            // Not CandidateErased: the duplicate's registration happened and stays counted (Programs' candidate-registered).
            await tx.Outbox.AddAsync(new CandidatesMerged(EventIds.New(), program, at, duplicate.Id, id,
                JapanTime.DayOf(at)), ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok((await GetCandidate.ReadAsync(database, program, id, ct))!);
    }
}
