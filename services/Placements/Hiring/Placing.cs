using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Placements;
using Matching.Placements.Fees;
using Matching.Placements.FollowUps;
using Matching.Placements.Introductions;
using Matching.Placements.Settings;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Placements.Hiring;

/// <summary>
/// 成約 — an introduction whose offer was accepted becomes a placement: the start date, employment form, pay and fee, and
/// where the person came from (道外・県外, U・I・Jターン) decided now from the residence at hire. It counts on the day the
/// program's counting rule names; follow-ups are scheduled. Before the start it can be cancelled; after, leaving is recorded.
/// </summary>
internal static class Placing
{
    public sealed record Request(int? Version, DateOnly? StartOn, EmploymentForm? EmploymentForm, long? AnnualPayYen, long? FeeYen, string? Note);

    public sealed record Made(Guid Id, Guid IntroductionId, DateOnly CountedOn, int FiscalYear, bool FromOutsidePrefecture, string? Turn, long? FeeYen);

    public static readonly LocalizedText StartRequired = new("入社日を入力してください。", "Enter the start date.");
    public static readonly LocalizedText StartRange = new("入社日は内定承諾日以降、2 年以内の日付にしてください。", "The start is on or after the accepted offer and within 2 years.");
    public static readonly LocalizedText PayShape = new("年収は 1〜10 億円の整数（円）で入力してください。", "annualPayYen is a whole number of yen up to 1,000,000,000.");
    public static readonly LocalizedText FeeShape = new("手数料は 0〜1 億円の整数（円）で入力してください。", "feeYen is a whole number of yen up to 100,000,000.");
    public static readonly LocalizedText FormInvalid = new(
        "雇用形態は fullTime、contract、sideJob、secondment、outsourcing のいずれかです。", "employmentForm is fullTime, contract, sideJob, secondment or outsourcing.");
    public static readonly LocalizedText FeeOnlyForFirm = new("センターによる紹介には手数料はありません。", "An introduction by the center has no fee.");
    public static readonly LocalizedText NoAcceptedOffer = new(
        "成約を記録できるのは、内定承諾の段階にある紹介だけです。", "Only an introduction whose offer was accepted becomes a placement.");
    public static readonly LocalizedText UnknownCompany = new(
        "企業の情報がまだ届いていません。しばらくしてから、もう一度お試しください。", "The company's record has not arrived yet; retry in a moment.");
    public static readonly LocalizedText UnknownPlacement = new("この成約は見つかりません。", "No such placement.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Version).NotNull().Message(Introducing.VersionRequired);
            RuleFor(r => r.StartOn).NotNull().Message(StartRequired).Must(d => d is null || d.Value.Year is >= 1989 and <= 2100).Message(StartRange);
            RuleFor(r => r.EmploymentForm).IsInEnum().Message(FormInvalid);
            RuleFor(r => r.AnnualPayYen).InclusiveBetween(1, 1_000_000_000).Message(PayShape).When(r => r.AnnualPayYen is not null);
            RuleFor(r => r.FeeYen).InclusiveBetween(0, 100_000_000).Message(FeeShape).When(r => r.FeeYen is not null);
            RuleFor(r => r.Note).MaximumLength(2000).Message(Introducing.NoteTooLong);
        }
    }

    public static async Task<Results<Created<Made>, ValidationProblem, ProblemHttpResult>> PlaceAsync(
        string program, Guid id, Request request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        await using var tx = await database.BeginAsync(ct);
        if (await Introducing.VisibleAsync(tx, program, id, user, ct) is not { } intro)
            return Problems.NotFound(Introducing.UnknownIntroduction);
        if (intro.Stage != "offerAccepted")
            return Problems.Conflict(NoAcceptedOffer);
        if (intro.Version != request.Version)
            return Problems.Conflict(Introducing.Stale);
        var offerAcceptedOn = intro.StageOn;
        var startOn = request.StartOn!.Value;
        if (startOn < offerAcceptedOn || startOn > offerAcceptedOn.AddYears(2))
            return Problems.Invalid("startOn", StartRange);
        if (intro.FirmId is null && request.FeeYen is not null)
            return Problems.Invalid("feeYen", FeeOnlyForFirm);
        if (await Introducing.NeedAsync(tx, program, intro.NeedId, ct) is not { CompanyPrefecture: { } companyPrefecture } need)
            return Problems.Conflict(UnknownCompany);
        var candidate = await tx.QuerySingleOrDefaultAsync<CandidateFacts>(CandidateFactsSql, new { id = intro.CandidateId }, ct);
        if (candidate is null)
            return Problems.NotFound(Introducing.UnknownCandidate);

        // 道外・県外 and U・I・Jターン: decided by the residence now, at hire, and kept as they are if the person moves later.
        var origin = HireOrigin.Of(PrefectureCode.Parse(companyPrefecture), PrefectureCode.Parse(candidate.PrefectureCode),
            candidate.HometownPrefectureCode is { } h && PrefectureCode.TryParse(h, out var hometown) ? hometown : null);
        var settings = await PlacementSettings.ReadAsync(tx, program, ct);
        var (countedOn, rule) = settings.CountedOn(offerAcceptedOn, startOn);
        var fiscalYear = FiscalYear.Of(countedOn).StartYear;
        var terms = await FeeTerms.OfAsync(tx, program, intro.FirmId, ct);
        var fee = intro.FirmId is null ? null : request.FeeYen ?? terms?.FeeFor(request.AnnualPayYen);
        var form = request.EmploymentForm is { } f ? Names.Of(f) : need.EmploymentForm;
        var at = clock.GetUtcNow();
        var placementId = Guid.CreateVersion7();
        var municipality = need.MunicipalityCode ?? need.CompanyMunicipality;
        await tx.ExecuteAsync(PlacementStore.InsertSql, new
        {
            id = placementId, program, introductionId = intro.Id, needId = intro.NeedId, companyId = intro.CompanyId, candidateId = intro.CandidateId,
            firmId = intro.FirmId, firmName = intro.FirmName, offerAcceptedOn, startOn, countedOn, fiscalYear, countingRule = Names.Of(rule),
            employmentForm = form, annualPayYen = request.AnnualPayYen, feeYen = fee, fromOutside = origin.FromOutsidePrefecture,
            residencePrefecture = candidate.PrefectureCode, hometownPrefecture = candidate.HometownPrefectureCode, turn = origin.TurnName,
            municipalityCode = municipality, industry = need.Industry, coordinatorUserId = intro.CoordinatorUserId, coordinatorName = intro.CoordinatorName,
            at, by = user?.DisplayName,
        }, ct);
        if (!await IntroductionStore.MoveAsync(tx, intro, intro.Version, "placed", Days.Of(at), null, request.Note?.Trim(), null, null, at, user?.Id,
                user?.DisplayName, ct))
            return Problems.Conflict(Introducing.Stale);
        await FollowUpSchedule.ScheduleAsync(tx, program, placementId, startOn, settings.FollowUpMonths, intro.CoordinatorUserId, intro.CoordinatorName, ct);
        var (ofNeed, sequence) = await PlacementStore.NeedStateAsync(tx, intro.NeedId, ct);
        await tx.Outbox.AddAsync(new IntroductionStageChanged(EventIds.New(), program, at, intro.Id, intro.NeedId, intro.CompanyId, intro.FirmId,
            intro.Version + 1, "placed", Days.Of(at), null), ct);
        await tx.Outbox.AddAsync(new PlacementMade(EventIds.New(), program, at, placementId, intro.Id, intro.NeedId, intro.CompanyId, intro.CandidateId,
            intro.FirmId, intro.FirmName, offerAcceptedOn, startOn, countedOn, fiscalYear, Names.Of(rule), form, request.AnnualPayYen,
            origin.FromOutsidePrefecture, candidate.PrefectureCode, origin.TurnName, municipality, need.Industry, ofNeed, sequence), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/placements/{placementId}",
            new Made(placementId, intro.Id, countedOn, fiscalYear, origin.FromOutsidePrefecture, origin.TurnName, fee));
    }

    internal const string CandidateFactsSql = "SELECT prefecture_code AS PrefectureCode, hometown_prefecture_code AS HometownPrefectureCode FROM candidates WHERE id = @id";

    internal sealed class CandidateFacts
    {
        public string PrefectureCode { get; init; } = "";
        public string? HometownPrefectureCode { get; init; }
    }

    /// <summary>A placement the caller may act on: staff any; a recruiter only its firm's.</summary>
    public static async Task<PlacementRow?> VisibleAsync(DatabaseTransaction tx, string program, Guid id, MatchingUser? user, CancellationToken ct)
    {
        if (await PlacementStore.GetAsync(tx, program, id, ct) is not { } row)
            return null;
        if (user?.MembershipOf(program)?.Role != ProgramRole.Recruiter)
            return row;
        return await Platform.Tenancy.RecruiterFirm.OfAsync(tx, program, user, ct) is { } firm && row.FirmId == firm.Id ? row : null;
    }

    public sealed record CancelRequest(int? Version, string? Reason, string? Note);

    public static readonly LocalizedText CancelReasonRequired = new("取消の理由を一覧から選んでください。", "Choose why the placement is cancelled.");
    public static readonly LocalizedText NotActive = new("この成約は取消済みか、離職が記録されています。", "This placement was cancelled or its employment ended.");
    public static readonly LocalizedText Started = new(
        "入社日を過ぎた成約は取り消せません。退職した場合は離職を記録してください。",
        "A placement past its start date cannot be cancelled; record that the employment ended instead.");
    public static readonly LocalizedText PlacementStale = new(
        "この成約は、ほかの人が先に更新しました。画面を開き直してから、もう一度操作してください。", "Someone else changed this placement first. Open it again and retry.");

    public sealed class CancelValidator : AbstractValidator<CancelRequest>
    {
        public CancelValidator()
        {
            RuleFor(r => r.Version).NotNull().Message(Introducing.VersionRequired);
            RuleFor(r => r.Reason).Must(EndReasons.IsKnown).Message(CancelReasonRequired);
            RuleFor(r => r.Note).MaximumLength(2000).Message(Introducing.NoteTooLong);
        }
    }

    internal const string CancelSql = """
        UPDATE placements SET status = 'cancelled', cancelled_on = @on, cancel_reason = @reason, retention_open = 0, version = version + 1
         WHERE id = @id AND version = @version AND status = 'active'
        """;

    public static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        string program, Guid id, CancelRequest request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        await using var tx = await database.BeginAsync(ct);
        if (await VisibleAsync(tx, program, id, user, ct) is not { } row)
            return Problems.NotFound(UnknownPlacement);
        if (row.Status != "active")
            return Problems.Conflict(NotActive);
        var at = clock.GetUtcNow();
        var today = Days.Of(at);
        if (today > row.StartOn)
            return Problems.Conflict(Started);
        if (await tx.ExecuteAsync(CancelSql, new { id, version = request.Version, on = today, reason = request.Reason }, ct) == 0)
            return Problems.Conflict(PlacementStale);
        var intro = (await IntroductionStore.GetAsync(tx, program, row.IntroductionId, ct))!;
        await IntroductionStore.MoveAsync(tx, intro, intro.Version, "cancelled", today, request.Reason, request.Note?.Trim(), null, null, at, user?.Id,
            user?.DisplayName, ct);
        await FollowUpSchedule.CancelFromAsync(tx, id, null, ct);
        var (ofNeed, sequence) = await PlacementStore.NeedStateAsync(tx, row.NeedId, ct);
        await tx.Outbox.AddAsync(new IntroductionStageChanged(EventIds.New(), program, at, intro.Id, intro.NeedId, intro.CompanyId, intro.FirmId,
            intro.Version + 1, "cancelled", today, request.Reason), ct);
        await tx.Outbox.AddAsync(new PlacementCancelled(EventIds.New(), program, at, id, row.NeedId, row.CompanyId, row.CountedOn, request.Reason, ofNeed, sequence), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>離職の理由.</summary>
    public static readonly IReadOnlyDictionary<string, LocalizedText> LeavingReasons = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
    {
        ["personal"] = new("一身上の都合", "Personal reasons"),
        ["jobMismatch"] = new("仕事内容・社風のミスマッチ", "The work or culture did not fit"),
        ["conditions"] = new("労働条件（給与・勤務時間など）", "Working conditions (pay, hours …)"),
        ["health"] = new("健康上の理由", "Health"),
        ["family"] = new("家庭の事情（介護・転居など）", "Family (care, moving …)"),
        ["companyReasons"] = new("会社都合", "The company's reasons"),
        ["contractEnded"] = new("契約期間の満了", "The contract ended"),
        ["other"] = new("その他", "Other"),
    };

    public sealed record EndRequest(int? Version, DateOnly? EndedOn, string? Reason, string? Note);

    public sealed record Ended(long? RefundYen, IReadOnlyList<int> LostRetentionMonths);

    public static readonly LocalizedText EndedOnRequired = new("離職日は入社日から今日までの日付で入力してください。", "The leaving date is between the start and today.");
    public static readonly LocalizedText LeavingReasonRequired = new("離職の理由を一覧から選んでください。", "Choose why the person left.");

    public sealed class EndValidator : AbstractValidator<EndRequest>
    {
        public EndValidator(TimeProvider clock)
        {
            RuleFor(r => r.Version).NotNull().Message(Introducing.VersionRequired);
            RuleFor(r => r.EndedOn).NotNull().Message(EndedOnRequired).Must(d => d is null || (d.Value.Year >= 1989 && d.Value <= Days.Today(clock))).Message(EndedOnRequired);
            RuleFor(r => r.Reason).Must(r => r is not null && LeavingReasons.ContainsKey(r)).Message(LeavingReasonRequired);
            RuleFor(r => r.Note).MaximumLength(2000).Message(Introducing.NoteTooLong);
        }
    }

    internal const string EndSql = """
        UPDATE placements SET status = 'ended', ended_on = @endedOn, end_reason = @reason, end_note = @note, refund_yen = @refund,
                              retained_6_on = @retained6, retained_12_on = @retained12, version = version + 1
         WHERE id = @id AND version = @version AND status = 'active'
        """;

    public static async Task<Results<Ok<Ended>, ValidationProblem, ProblemHttpResult>> EndAsync(
        string program, Guid id, EndRequest request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        if (await VisibleAsync(tx, program, id, http.User.MatchingUser(), ct) is not { } row)
            return Problems.NotFound(UnknownPlacement);
        if (row.Status != "active")
            return Problems.Conflict(NotActive);
        var endedOn = request.EndedOn!.Value;
        if (endedOn < row.StartOn)
            return Problems.Invalid("endedOn", EndedOnRequired);
        // A mark the sweep counted already is taken back when the person had in fact left before it.
        var lost = new List<int>();
        DateOnly? retained6 = row.Retained6On, retained12 = row.Retained12On;
        if (retained6 is not null && endedOn < Retention.MarkOf(row.StartOn, 6))
            (retained6, lost) = (null, [.. lost, 6]);
        if (retained12 is not null && endedOn < Retention.MarkOf(row.StartOn, 12))
            (retained12, lost) = (null, [.. lost, 12]);
        var terms = await FeeTerms.OfAsync(tx, program, row.FirmId, ct);
        var refund = terms?.RefundFor(row.FeeYen, row.StartOn, endedOn);
        if (await tx.ExecuteAsync(EndSql, new
            {
                id, version = request.Version, endedOn, reason = request.Reason, note = request.Note?.Trim(), refund, retained6, retained12,
            }, ct) == 0)
            return Problems.Conflict(PlacementStale);
        await FollowUpSchedule.CancelFromAsync(tx, id, endedOn, ct);
        var at = clock.GetUtcNow();
        await tx.Outbox.AddAsync(new EmploymentEnded(EventIds.New(), program, at, id, row.StartOn, endedOn, request.Reason!, lost, refund), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Ended(refund, lost));
    }
}
