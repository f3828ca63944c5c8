using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Candidates;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Profiles;

/// <summary>A coordinator corrects a candidate's profile or moves its status; the replaced version stays in its history.</summary>
internal static class UpdateCandidate
{
    public sealed record Request : CandidateDetails
    {
        public CandidateStatus? Status { get; init; }

        public int? Version { get; init; }
    }

    public static readonly LocalizedText StatusRequired = new("状況（active、placed、paused、left）を選んでください。", "Choose a status: active, placed, paused or left.");
    public static readonly LocalizedText VersionRequired = new("版を指定してください。", "Give the version you saw.");
    public static readonly LocalizedText Changed = new(
        "ほかの人がこの登録者を変更しました。画面を読み込み直してから、もう一度お試しください。", "Someone else changed this candidate. Reload and try again.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            Include(new CandidateDetails.Validator(clock));
            RuleFor(r => r.Status).NotNull().Message(StatusRequired).IsInEnum().Message(StatusRequired);
            RuleFor(r => r.Version).NotNull().Message(VersionRequired);
        }
    }

    public static async Task<Results<Ok<GetCandidate.Response>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        string program, Guid id, Request request, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using (var tx = await database.BeginAsync(ct))
        {
            if (await CandidateStore.GetAsync(tx, program, id, ct) is not { } current)
                return Problems.NotFound(GetCandidate.UnknownCandidate);
            if (current.Version != request.Version)
                return Problems.Conflict(Changed);
            var (record, problem) = await RegisterCandidate.RecordAsync(tx, program, request, ct);
            if (problem is not null)
                return problem;
            var at = clock.GetUtcNow();
            var status = CandidateDetails.NameOf(request.Status!.Value);
            if (!await CandidateStore.UpdateAsync(tx, program, current, record!, status, request.Version.Value, at, context.User.MatchingUser()?.DisplayName, ct))
                return Problems.Conflict(Changed);
            await tx.Outbox.AddAsync(new CandidateUpdated(EventIds.New(), program, at, id, current.Version + 1, status, record!.PrefectureCode, record.EmploymentForms,
                record.Profile.HometownPrefectureCode), ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok((await GetCandidate.ReadAsync(database, program, id, ct))!);
    }
}
