using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Placements;
using Matching.Placements.Copies;
using Matching.Placements.Settings;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Placements.Introductions;

/// <summary>Why an introduction ended (不採用・取下げ・辞退) or a placement was cancelled, by the names the API takes.</summary>
internal static class EndReasons
{
    public static readonly IReadOnlyDictionary<string, LocalizedText> All = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
    {
        ["skillsMismatch"] = new("経験・スキルが合わない", "Experience or skills do not fit"),
        ["conditionsMismatch"] = new("条件（給与・勤務地など）が合わない", "Terms (pay, place …) do not fit"),
        ["cultureFit"] = new("社風・人柄が合わない", "Culture or personality do not fit"),
        ["positionFilled"] = new("採用枠が埋まった", "The opening was filled"),
        ["otherOffer"] = new("他社に決まった", "Took another offer"),
        ["currentEmployer"] = new("現職に残ることにした", "Stays with the current employer"),
        ["family"] = new("家庭の事情・転居できない", "Family reasons, cannot move"),
        ["needChanged"] = new("企業のニーズが変わった", "The company's need changed"),
        ["candidateUnavailable"] = new("候補者と連絡が取れない・都合がつかない", "The candidate cannot be reached or is unavailable"),
        ["offerRevoked"] = new("内定取消", "Offer revoked by the company"),
        ["other"] = new("その他", "Other"),
    };

    public static bool IsKnown(string? reason) => reason is not null && All.ContainsKey(reason);

    public static string Label(string? reason) => reason is null ? "" : All.TryGetValue(reason, out var text) ? text.ToString() : reason;
}

/// <summary>
/// 紹介 — a firm introduces a candidate for a need on its accepted referral (its own candidate, or one whose consent covers
/// it); a coordinator introduces one from the data bank for the center. Each moves through the program's stages.
/// </summary>
internal static class Introducing
{
    public sealed record IntroduceRequest(Guid? NeedId, Guid? CandidateId, string? Note);

    public sealed record Created(Guid Id, int Version);

    public static readonly LocalizedText NeedRequired = new("人材ニーズを選んでください。", "Choose the talent need.");
    public static readonly LocalizedText CandidateRequired = new("紹介する候補者を選んでください。", "Choose the candidate to introduce.");
    public static readonly LocalizedText NoteTooLong = new("メモは 2,000 文字以内で入力してください。", "The note is at most 2,000 characters.");
    public static readonly LocalizedText UnknownNeed = new("この人材ニーズは見つかりません。", "No such talent need.");
    public static readonly LocalizedText NeedClosed = new("充足・取下げ済みの人材ニーズには紹介できません。", "A filled or cancelled need takes no introductions.");
    public static readonly LocalizedText UnknownCandidate = new("この候補者は人材データバンクに見つかりません。", "No such candidate in the talent data bank.");
    public static readonly LocalizedText NotAccepted = new(
        "この人材ニーズの取次を承諾した事業者だけが、候補者を紹介できます。", "Only a firm that accepted this need's referral introduces candidates for it.");
    public static readonly LocalizedText NoConsent = new(
        "この候補者を紹介できるのは、自社で登録した候補者か、貴社への提供に同意した候補者だけです。",
        "A firm introduces only its own candidates and those whose consent covers it.");
    public static readonly LocalizedText FirmNotRegistered = new("登録済みの事業者だけが紹介できます。", "Only a registered firm introduces candidates.");
    public static readonly LocalizedText AlreadyIntroduced = new("この候補者は、この人材ニーズに紹介済みです。", "This candidate was introduced for this need already.");
    public static readonly LocalizedText UnknownIntroduction = new("この紹介は見つかりません。", "No such introduction.");
    public static readonly LocalizedText Stale = new(
        "この紹介は、ほかの人が先に更新しました。画面を開き直してから、もう一度操作してください。",
        "Someone else changed this introduction first. Open it again and retry.");

    public sealed class IntroduceValidator : AbstractValidator<IntroduceRequest>
    {
        public IntroduceValidator()
        {
            RuleFor(r => r.NeedId).NotNull().Message(NeedRequired);
            RuleFor(r => r.CandidateId).NotNull().Message(CandidateRequired);
            RuleFor(r => r.Note).MaximumLength(2000).Message(NoteTooLong);
        }
    }

    internal sealed class NeedRow
    {
        public Guid Id { get; init; }
        public Guid CompanyId { get; init; }
        public string Role { get; init; } = "";
        public string EmploymentForm { get; init; } = "";
        public string Status { get; init; } = "";
        public string? MunicipalityCode { get; init; }
        public int Openings { get; init; }
        public string? Industry { get; init; }
        public string? CompanyMunicipality { get; init; }
        public string? CompanyName { get; init; }
        public string? CompanyPrefecture { get; init; }
    }

    internal const string NeedSql = """
        SELECT n.id AS Id, n.company_id AS CompanyId, n.role AS Role, n.employment_form AS EmploymentForm, n.status AS Status,
               n.municipality_code AS MunicipalityCode, n.openings AS Openings, c.industry AS Industry, c.municipality_code AS CompanyMunicipality,
               c.name AS CompanyName, c.prefecture_code AS CompanyPrefecture
          FROM needs n LEFT JOIN companies c ON c.id = n.company_id
         WHERE n.program = @program AND n.id = @id
        """;

    internal const string CandidateExistsSql = "SELECT COUNT(*) FROM candidates WHERE program = @program AND id = @id";

    internal const string DuplicateSql = "SELECT COUNT(*) FROM introductions WHERE need_id = @needId AND candidate_id = @candidateId";

    public static Task<NeedRow?> NeedAsync(DatabaseTransaction tx, string program, Guid id, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<NeedRow>(NeedSql, new { program, id }, ct);

    public static async Task<Results<Created<Created>, ProblemHttpResult>> IntroduceAsync(
        string program, IntroduceRequest request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        await using var tx = await database.BeginAsync(ct);
        if (await NeedAsync(tx, program, request.NeedId!.Value, ct) is not { } need)
            return Problems.NotFound(UnknownNeed);
        if (need.Status is "filled" or "cancelled")
            return Problems.Conflict(NeedClosed);
        if (await tx.ExecuteScalarAsync<long>(CandidateExistsSql, new { program, id = request.CandidateId }, ct) == 0)
            return Problems.NotFound(UnknownCandidate);

        Guid? firmId = null, referralId = null, coordinatorUserId = user?.Id;
        string? firmName = null, coordinatorName = user?.DisplayName;
        if (user?.MembershipOf(program)?.Role == ProgramRole.Recruiter)
        {
            if (await RecruiterFirm.OfAsync(tx, program, user, ct) is not { IsRegistered: true } firm)
                return TypedResults.Problem(Problems.Of(StatusCodes.Status403Forbidden, FirmNotRegistered));
            if (await tx.QuerySingleOrDefaultAsync<ReferralCopy.Accepted>(ReferralCopy.AcceptedSql, new { program, needId = need.Id, firmId = firm.Id }, ct)
                is not { } referral)
                return TypedResults.Problem(Problems.Of(StatusCodes.Status403Forbidden, NotAccepted));
            if (await tx.ExecuteScalarAsync<long>(CandidateCopy.FirmMayIntroduceSql, new { program, candidateId = request.CandidateId, firmId = firm.Id }, ct) == 0)
                return TypedResults.Problem(Problems.Of(StatusCodes.Status403Forbidden, NoConsent));
            (firmId, firmName, referralId) = (firm.Id, firm.Name, referral.Id);
            // The coordinator who referred the need follows the introduction and the hire.
            (coordinatorUserId, coordinatorName) = (referral.ReferredBy, referral.Coordinator);
        }
        if (await tx.ExecuteScalarAsync<long>(DuplicateSql, new { needId = need.Id, candidateId = request.CandidateId }, ct) > 0)
            return Problems.Conflict(AlreadyIntroduced);

        var id = Guid.CreateVersion7();
        var at = clock.GetUtcNow();
        var on = Days.Of(at);
        await tx.ExecuteAsync(IntroductionStore.InsertSql, new
        {
            id, program, needId = need.Id, companyId = need.CompanyId, candidateId = request.CandidateId, firmId, firmName, referralId,
            coordinatorUserId, coordinatorName, on, at, by = user?.DisplayName,
        }, ct);
        await tx.ExecuteAsync(IntroductionStore.HistorySql, new
        {
            id, version = 1, stage = "introduced", on, reason = (string?)null, note = request.Note?.Trim(), interviewAt = (DateTimeOffset?)null,
            attendees = (string?)null, at, byUser = user?.Id, byName = user?.DisplayName,
        }, ct);
        await tx.Outbox.AddAsync(new CandidateIntroduced(EventIds.New(), program, at, id, need.Id, need.CompanyId, request.CandidateId!.Value, firmId, firmName,
            on, need.EmploymentForm, need.MunicipalityCode ?? need.CompanyMunicipality, need.Industry), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/introductions/{id}", new Created(id, 1));
    }

    /// <summary>The introduction if the caller may see it: staff see all; a recruiter only its firm's (others are not found).</summary>
    public static async Task<IntroductionRow?> VisibleAsync(DatabaseTransaction tx, string program, Guid id, MatchingUser? user, CancellationToken ct)
    {
        if (await IntroductionStore.GetAsync(tx, program, id, ct) is not { } row)
            return null;
        if (user?.MembershipOf(program)?.Role != ProgramRole.Recruiter)
            return row;
        return await RecruiterFirm.OfAsync(tx, program, user, ct) is { } firm && row.FirmId == firm.Id ? row : null;
    }

    public sealed record StageRequest(
        IntroductionStage? Stage, DateOnly? On, int? Version, string? Reason, string? Note, DateTimeOffset? InterviewAt, IReadOnlyList<string>? Attendees);

    public static readonly LocalizedText StageRequired = new(
        "次の段階は screening、interview、offer、offerAccepted、rejected、withdrawn、declined のいずれかです（成約は成約の記録から）。",
        "The next stage is screening, interview, offer, offerAccepted, rejected, withdrawn or declined (a placement is recorded on its own).");
    public static readonly LocalizedText VersionRequired = new("画面を開いたときの版（version）を指定してください。", "Give the version you saw.");
    public static readonly LocalizedText ReasonRequired = new("終了の理由を一覧から選んでください。", "Choose why it ended from the list.");
    public static readonly LocalizedText ReasonOnlyWhenEnded = new("理由は、不採用・取下げ・辞退のときだけ指定します。", "A reason is given only when it ends.");
    public static readonly LocalizedText DateRange = new("日付は今日までの日付で指定してください。", "The date is today or earlier.");
    public static readonly LocalizedText AttendeesShape = new(
        "面接の出席者は 10 名まで、1 名 50 文字以内で入力してください。", "Up to 10 interview attendees, each at most 50 characters.");
    public static readonly LocalizedText InterviewOnly = new("面接日時と出席者は、面接の段階にだけ記録します。", "An interview time and attendees go with the interview stage.");
    public static readonly LocalizedText Ended = new("終了した紹介の段階は変えられません。", "An introduction that ended changes no more.");
    public static readonly LocalizedText Backwards = new(
        "段階は先へだけ進められます（面接は何度でも記録できます）。", "A stage only moves forward (interviews may repeat).");
    public static readonly LocalizedText StageUnused = new("この段階は、このプログラムでは使っていません。", "This program does not use that stage.");

    private static readonly IntroductionStage[] Forward =
        [IntroductionStage.Screening, IntroductionStage.Interview, IntroductionStage.Offer, IntroductionStage.OfferAccepted];

    private static readonly IntroductionStage[] Ending = [IntroductionStage.Rejected, IntroductionStage.Withdrawn, IntroductionStage.Declined];

    public static bool IsEnded(string stage) => stage is "placed" or "rejected" or "withdrawn" or "declined" or "cancelled";

    public sealed class StageValidator : AbstractValidator<StageRequest>
    {
        public StageValidator(TimeProvider clock)
        {
            RuleFor(r => r.Stage).NotNull().Message(StageRequired).Must(s => s is { } v && (Forward.Contains(v) || Ending.Contains(v))).Message(StageRequired);
            RuleFor(r => r.Version).NotNull().Message(VersionRequired);
            RuleFor(r => r.On).Must(d => d is null || (d.Value.Year >= 1989 && d.Value <= Days.Today(clock))).Message(DateRange);
            RuleFor(r => r.Reason).Must(EndReasons.IsKnown).Message(ReasonRequired).When(r => r.Stage is { } s && Ending.Contains(s));
            RuleFor(r => r.Reason).Null().Message(ReasonOnlyWhenEnded).When(r => r.Stage is { } s && !Ending.Contains(s));
            RuleFor(r => r.Note).MaximumLength(2000).Message(NoteTooLong);
            RuleFor(r => r.Attendees).Must(a => a!.Count <= 10 && a.All(x => x is { Length: > 0 and <= 50 } && !x.Any(char.IsControl))).Message(AttendeesShape)
                .When(r => r.Attendees is not null);
            RuleFor(r => r.InterviewAt).Null().Message(InterviewOnly).When(r => r.Stage != IntroductionStage.Interview);
            RuleFor(r => r.Attendees).Null().Message(InterviewOnly).When(r => r.Stage != IntroductionStage.Interview);
            RuleFor(r => r.InterviewAt).Must(t => t is null || t.Value.Year is >= 1989 and <= 2100).Message(DateRange);
        }
    }

    /// <summary>Whether moving from <paramref name="current"/> to <paramref name="next"/> keeps the order of the stages.</summary>
    public static bool MovesForward(string current, IntroductionStage next)
    {
        if (Ending.Contains(next))
            return true;
        var from = Names.Parse<IntroductionStage>(current);
        return next > from || (next == IntroductionStage.Interview && from == IntroductionStage.Interview);
    }

    public static async Task<Results<Ok<Created>, ProblemHttpResult>> ChangeStageAsync(
        string program, Guid id, StageRequest request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        await using var tx = await database.BeginAsync(ct);
        if (await VisibleAsync(tx, program, id, user, ct) is not { } row)
            return Problems.NotFound(UnknownIntroduction);
        if (IsEnded(row.Stage))
            return Problems.Conflict(Ended);
        if (row.Version != request.Version)
            return Problems.Conflict(Stale);
        var next = request.Stage!.Value;
        if (!MovesForward(row.Stage, next))
            return Problems.Conflict(Backwards);
        var settings = await PlacementSettings.ReadAsync(tx, program, ct);
        if (settings.UnusedStages.Contains(Names.Of(next)))
            return Problems.Conflict(StageUnused);
        var at = clock.GetUtcNow();
        var on = request.On ?? Days.Of(at);
        var stage = Names.Of(next);
        var attendees = request.Attendees is { Count: > 0 } a ? string.Join("、", a.Select(x => x.Trim())) : null;
        if (!await IntroductionStore.MoveAsync(tx, row, row.Version, stage, on, request.Reason, request.Note?.Trim(), request.InterviewAt, attendees, at,
                user?.Id, user?.DisplayName, ct))
            return Problems.Conflict(Stale);
        await tx.Outbox.AddAsync(new IntroductionStageChanged(EventIds.New(), program, at, id, row.NeedId, row.CompanyId, row.FirmId, row.Version + 1,
            stage, on, request.Reason), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Created(id, row.Version + 1));
    }
}
