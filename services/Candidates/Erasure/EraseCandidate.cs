using FluentValidation;
using Matching.Candidates.Profiles;
using Matching.Candidates.SelfRegistration;
using Matching.Contracts;
using Matching.Contracts.Candidates;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Erasure;

/// <summary>Why the data is erased.</summary>
internal enum ErasureReason
{
    /// <summary>本人の求め — the person asked for deletion (個人情報保護法 第35条: 利用停止・消去).</summary>
    Request,

    /// <summary>保存期間の経過 — the program's retention period for the data bank ended.</summary>
    Retention,
}

/// <summary>
/// 個人データの消去 — the office or a coordinator erases a candidate's personal data. The profile, its skills and its revisions
/// are deleted; the provision records (第29条) keep the date, the firm, the items and the consent, with the person named by
/// the pseudonymous id only; the consents keep their facts, not a withdrawal's words. <see cref="CandidateErased"/> tells
/// the other services, which delete or anonymise their copies; counts (Programs' ledger: id, prefecture, form) stay.
/// </summary>
internal static class EraseCandidate
{
    public sealed record Request(ErasureReason? Reason);

    public sealed record Response(Guid Id, DateOnly ErasedOn);

    public static readonly LocalizedText ReasonInvalid = new(
        "消去の理由は request（本人の求め）か retention（保存期間の経過）です。", "reason is request (the person asked) or retention (the retention period ended).");
    public static readonly LocalizedText AlreadyErased = new("この登録者の個人データは既に消去されています。", "This candidate's personal data is already erased.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Reason).NotNull().Message(ReasonInvalid).IsInEnum().Message(ReasonInvalid);
    }

    private const string ErasedSql = "SELECT COUNT(*) FROM erasures WHERE program = @program AND candidate_id = @id";

    private const string RecordSql = """
        INSERT INTO erasures (candidate_id, program, registered_at, erased_at, reason, erased_by)
        VALUES (@id, @program, @registeredAt, @at, @reason, @by)
        """;

    // The person's data wherever this service keeps it; the provision records keep what 第29条 asks, named by the id. A talent
    // list uploaded and not imported may hold the person too: such files go (an imported one has already dropped its file).
    private const string EraseSql = """
        DELETE FROM candidate_skills WHERE candidate_id = @id;
        DELETE FROM candidate_revisions WHERE candidate_id = @id OR candidate_id IN (SELECT merged_id FROM merges WHERE into_id = @id);
        DELETE FROM shortlists WHERE program = @program AND candidate_id = @id;
        DELETE FROM self_registrations WHERE program = @program AND candidate_id = @id;
        DELETE FROM candidates WHERE program = @program AND id = @id;
        UPDATE provisions SET candidate_name = '' WHERE program = @program AND candidate_id = @id;
        UPDATE consents SET withdrawal_reason = NULL WHERE program = @program AND candidate_id = @id;
        DELETE FROM imports WHERE program = @program AND kind = 'candidates' AND status IN ('checked', 'failed');
        """;

    private const string SelfRegisteredSql = "SELECT id FROM self_registrations WHERE program = @program AND candidate_id = @id";

    internal const string DeleteMailsSql = "DELETE FROM notifications WHERE program = @program AND dedup_key IN @keys";

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string program, Guid id, Request request, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        return await EraseAsync(database, program, id, request.Reason!.Value, context.User.MatchingUser(), at, ct) switch
        {
            Outcome.Erased => TypedResults.Ok(new Response(id, ErasedOn(at))),
            Outcome.AlreadyErased => Problems.Conflict(AlreadyErased),
            _ => Problems.NotFound(GetCandidate.UnknownCandidate),
        };
    }

    internal enum Outcome
    {
        Erased,
        AlreadyErased,
        Unknown,
    }

    /// <summary>
    /// The one way a candidate's personal data is erased, asked by a person (<paramref name="user"/> the staff member) or
    /// by the retention sweep (no user): the same deletions, audit entry and <see cref="CandidateErased"/>.
    /// </summary>
    internal static async Task<Outcome> EraseAsync(
        ServiceDatabase database, string program, Guid id, ErasureReason reason, MatchingUser? user, DateTimeOffset at, CancellationToken ct)
    {
        await using (var tx = await database.BeginAsync(ct))
        {
            if (await CandidateStore.GetAsync(tx, program, id, ct) is not { } candidate)
                return await tx.ExecuteScalarAsync<long>(ErasedSql, new { program, id }, ct) == 0 ? Outcome.Unknown : Outcome.AlreadyErased;
            var reasonName = reason == ErasureReason.Request ? "request" : "retention";
            await tx.ExecuteAsync(RecordSql, new { id, program, registeredAt = candidate.RegisteredAt, at, reason = reasonName, by = user?.DisplayName }, ct);
            // The confirmation mail of a self-registration holds the person's address.
            var mails = (await tx.QueryAsync<Guid>(SelfRegisteredSql, new { id, program }, ct)).Select(SelfRegistrations.MailKey).ToList();
            if (mails.Count > 0)
                await tx.ExecuteAsync(DeleteMailsSql, new { program, keys = mails }, ct);
            await tx.ExecuteAsync(EraseSql, new { id, program }, ct);
            await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.PersonalDataErased, program, user?.Id, user?.UserName, $"candidate:{id}", reasonName), at, ct);
            await tx.Outbox.AddAsync(new CandidateErased(EventIds.New(), program, at, id, ErasedOn(at)), ct);
            await tx.CommitAsync(ct);
        }
        await database.ScrubAsync(ct);
        return Outcome.Erased;
    }

    private static DateOnly ErasedOn(DateTimeOffset at) => JapanTime.DayOf(at);
}
