using FluentValidation;
using Matching.Candidates.Duplicates;
using Matching.Candidates.Skills;
using Matching.Contracts;
using Matching.Platform.Tenancy;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Profiles;

/// <summary>
/// 人材データバンクへの登録 — a coordinator registers a professional in the program's talent data bank; a registered firm's
/// recruiter registers its own candidate, and the firm is recorded as the source.
/// </summary>
internal static class RegisterCandidate
{
    public sealed record Request : CandidateDetails
    {
        /// <summary>active (the default), placed, paused or left.</summary>
        public CandidateStatus? Status { get; init; }

        /// <summary>The coordinator saw the possible duplicates and registers someone else.</summary>
        public bool? ConfirmNotDuplicate { get; init; }
    }

    public sealed record Response(Guid Id);

    public static readonly LocalizedText FirmNotRegistered = new(
        "登録者を登録できるのは、このプログラムに登録済みの事業者だけです。", "Only a firm registered with this program registers candidates.");

    public static readonly LocalizedText StatusInvalid = new("状況は active、placed、paused、left のいずれかです。", "status is active, placed, paused or left.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            Include(new CandidateDetails.Validator(clock));
            RuleFor(r => r.Status).IsInEnum().Message(StatusInvalid);
        }
    }

    /// <summary>The stored record of a valid profile, or the field error of a skill the program's vocabulary lacks.</summary>
    internal static async Task<(CandidateRecord? Record, ValidationProblem? Problem)> RecordAsync(
        DatabaseTransaction tx, string program, CandidateDetails details, CancellationToken ct)
    {
        var terms = details.Skills?.Select(s => s.Trim()).ToList() ?? [];
        var codes = await SkillVocabulary.ResolveAsync(tx, program, terms, ct);
        var unknown = codes.Select((code, i) => (code, i)).Where(x => x.code is null).Select(x => $"skills[{x.i}]").ToList();
        if (unknown.Count > 0)
            return (null, Problems.Invalid(unknown.ToDictionary(f => f, _ => new[] { SkillVocabulary.UnknownSkill.ToString() })));
        return (details.ToRecord([.. codes.Select(c => c!).Distinct(StringComparer.Ordinal)]), null);
    }

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string program, Request request, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var user = context.User.MatchingUser();
        await using var tx = await database.BeginAsync(ct);
        Guid? sourceFirmId = null;
        if (user?.MembershipOf(program)?.Role == ProgramRole.Recruiter)
        {
            if (await RecruiterFirm.OfAsync(tx, program, user, ct) is not { IsRegistered: true } firm)
                return TypedResults.Problem(Problems.Of(StatusCodes.Status403Forbidden, FirmNotRegistered));
            sourceFirmId = firm.Id;
        }
        var (record, problem) = await RecordAsync(tx, program, request, ct);
        if (problem is not null)
            return problem;
        // A firm is not told whom the program holds (that would disclose them): its registrations are merged later by the program.
        if (sourceFirmId is null && request.ConfirmNotDuplicate != true
            && await CandidateDuplicates.FindAsync(tx, program, record!, Guid.Empty, ct) is { Count: > 0 } duplicates)
            return CandidateDuplicates.Conflict(duplicates);
        var id = Guid.CreateVersion7();
        var at = clock.GetUtcNow();
        var status = CandidateDetails.NameOf(request.Status ?? CandidateStatus.Active);
        await CandidateStore.RegisterAsync(tx, program, id, record!, status, sourceFirmId, at, user?.DisplayName, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/candidates/{id}", new Response(id));
    }
}
