using System.Globalization;
using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Coordinators.Recruiters;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;

namespace Matching.Coordinators.Referrals;

/// <summary>Configuration <c>Matching:Referrals</c>.</summary>
internal sealed class ReferralOptions
{
    /// <summary>Business days a firm has to answer a referral (weekends, public holidays and the program's closed days do not count).</summary>
    public int AnswerWithinBusinessDays { get; set; } = 5;

    /// <summary>How often unanswered referrals past their deadline are expired.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The program's own closed days beyond 12/29–1/3 (e.g. a prefectural holiday), as dates.</summary>
    public List<DateOnly> ClosedDays { get; set; } = [];

    /// <summary>The address users reach the web UI at (<c>https://matching.example.jp/</c>), for links in e-mail; none without it.</summary>
    public Uri? PublicAddress { get; set; }

    public static ReferralOptions From(IConfiguration configuration) =>
        configuration.GetSection("Matching:Referrals").Get<ReferralOptions>() ?? new ReferralOptions();

    private BusinessCalendar? calendar;

    /// <summary>The program's business days (built once: the options do not change while the process runs).</summary>
    public BusinessCalendar Calendar() => calendar ??= new BusinessCalendar(ClosedDays);
}

/// <summary>取次 — a coordinator refers a need to registered firms; a firm accepts or declines; a coordinator withdraws.</summary>
internal static class ReferralEndpoints
{
    public sealed record ReferRequest(Guid? NeedId, IReadOnlyList<Guid>? FirmIds, [property: MultiLine] string? Message, bool? Anonymised);

    public sealed record Referred(IReadOnlyList<Guid> Ids, DateOnly Deadline);

    public sealed record AnswerRequest(int? Version);

    public sealed record DeclineRequest(DeclineReason? Reason, [property: MultiLine] string? Text, int? Version);

    public sealed record WithdrawRequest(string? Reason, int? Version);

    public static readonly LocalizedText UnknownReferral = new("この取次は見つかりません。", "This referral does not exist.");
    public static readonly LocalizedText UnknownNeed = new(
        "この人材ニーズは見つかりません（登録した直後なら、数秒おいてもう一度お試しください）。",
        "This talent need does not exist (if it was just opened, try again in a few seconds).");
    public static readonly LocalizedText NeedClosed = new(
        "充足・取下げになった人材ニーズは取次できません。", "A need that is filled or cancelled cannot be referred.");
    public static readonly LocalizedText FirmsRequired = new("取次先の事業者を 1〜20 社選んでください。", "Choose 1 to 20 firms to refer to.");
    public static readonly LocalizedText FirmNotRegistered = new(
        "登録済でない事業者（申請中・一時停止・登録取消、または未登録）には取次できません: {0}",
        "Only registered firms receive referrals (not applied, suspended, withdrawn or unknown ones): {0}");
    public static readonly LocalizedText AlreadyReferred = new(
        "この人材ニーズは、回答待ちまたは承諾済の取次がすでにある事業者には取次できません: {0}",
        "The need already has an open or accepted referral to: {0}");
    public static readonly LocalizedText MessageTooLong = new("メッセージは 2000 文字以内で入力してください。", "The message is at most 2,000 characters.");
    public static readonly LocalizedText NotAnswerable = new(
        "この取次はすでに回答済・期限切れ・取消のため、回答できません。", "This referral was already answered, expired or withdrawn.");
    public static readonly LocalizedText NotWithdrawable = new(
        "回答待ちか承諾済の取次だけを取り消せます。", "Only a sent or accepted referral can be withdrawn.");
    public static readonly LocalizedText Changed = new(
        "この取次はほかの人が変更しました。読み込み直してから、もう一度お試しください。", "Someone else changed this referral. Reload it and try again.");
    public static readonly LocalizedText ReasonRequired = new("辞退の理由を選んでください。", "Choose a reason for declining.");
    public static readonly LocalizedText TextTooLong = new("{0}文字以内で入力してください。", "At most {0} characters.");
    public static readonly LocalizedText VersionRequired = new("版を指定してください。", "Give the version you saw.");
    public static readonly LocalizedText NeedRequired = new("取次する人材ニーズを指定してください。", "Give the talent need to refer.");

    public sealed class ReferValidator : AbstractValidator<ReferRequest>
    {
        public ReferValidator()
        {
            RuleFor(r => r.NeedId).NotNull().Message(NeedRequired);
            RuleFor(r => r.FirmIds).Must(f => f is { Count: >= 1 and <= 20 }).Message(FirmsRequired);
            RuleFor(r => r.Message).MaximumLength(2000).Message(MessageTooLong);
        }
    }

    public sealed class AnswerValidator : AbstractValidator<AnswerRequest>
    {
        public AnswerValidator() => RuleFor(r => r.Version).NotNull().Message(VersionRequired);
    }

    public sealed class DeclineValidator : AbstractValidator<DeclineRequest>
    {
        public DeclineValidator()
        {
            RuleFor(r => r.Reason).NotNull().Message(ReasonRequired).IsInEnum().Message(ReasonRequired);
            RuleFor(r => r.Text).MaximumLength(1000).Message(TextTooLong.Format(1000));
            RuleFor(r => r.Version).NotNull().Message(VersionRequired);
        }
    }

    public sealed class WithdrawValidator : AbstractValidator<WithdrawRequest>
    {
        public WithdrawValidator()
        {
            RuleFor(r => r.Reason).MaximumLength(500).Message(TextTooLong.Format(500));
            RuleFor(r => r.Version).NotNull().Message(VersionRequired);
        }
    }

    internal const string NeedSql = """
        SELECT n.id AS Id, n.company_id AS CompanyId, n.status AS Status, n.employment_form AS EmploymentForm, n.role AS Role,
               COALESCE(n.municipality_code, c.municipality_code) AS MunicipalityCode, c.industry AS Industry
          FROM needs n LEFT JOIN companies c ON c.id = n.company_id
         WHERE n.program = @program AND n.id = @needId
        """;

    internal const string RegisteredFirmsSql = """
        SELECT f.id AS Id, f.name AS Name FROM firm_registrations r JOIN firms f ON f.id = r.firm_id
         WHERE r.program = @program AND r.status = 'registered' AND f.id IN @firmIds
        """;

    internal const string OpenToFirmsSql = """
        SELECT f.name FROM referrals r JOIN firms f ON f.id = r.firm_id
         WHERE r.need_id = @needId AND r.status IN ('sent', 'accepted') AND r.firm_id IN @firmIds
        """;

    internal const string InsertSql = """
        INSERT INTO referrals (id, program, need_id, company_id, firm_id, message, anonymised, status, referred_at, referred_on, referred_by, deadline,
                               answered_at, answered_by, decline_reason, decline_text, withdraw_reason, revealed_at, changed_at, version)
        VALUES (@id, @program, @needId, @companyId, @firmId, @message, @anonymised, 'sent', @at, @today, @by, @deadline,
                NULL, NULL, NULL, NULL, NULL, NULL, @at, 1)
        """;

    private sealed record NeedRow(Guid Id, Guid CompanyId, string Status, string EmploymentForm, string Role, string? MunicipalityCode, string? Industry);

    private sealed record FirmRow(Guid Id, string Name);

    public static async Task<Results<Created<Referred>, ProblemHttpResult, ValidationProblem>> ReferAsync(
        string program, ReferRequest request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock,
        ReferralOptions options, CancellationToken ct)
    {
        var user = http.User.MatchingUser()!;
        var firmIds = request.FirmIds!.Distinct().ToList();
        await using var tx = await database.BeginAsync(ct);
        var need = await tx.QuerySingleOrDefaultAsync<NeedRow>(NeedSql, new { program, needId = request.NeedId }, ct);
        if (need is null)
            return Problems.Invalid("needId", UnknownNeed);
        if (need.Status is "filled" or "cancelled")
            return Problems.Invalid("needId", NeedClosed);
        // At most 20 ids: one list parameter, in the form the dialect stores ids.
        var idList = tx.Dialect.GuidLists(firmIds).Single();
        var firms = await tx.QueryAsync<FirmRow>(RegisteredFirmsSql, new { program, firmIds = idList }, ct);
        var missing = firmIds.Except(firms.Select(f => f.Id)).ToList();
        if (missing.Count > 0)
            return Problems.Invalid("firmIds", FirmNotRegistered.Format(string.Join(", ", missing)));
        var open = await tx.QueryAsync<string>(OpenToFirmsSql, new { needId = need.Id, firmIds = idList }, ct);
        if (open.Count > 0)
            return Problems.Invalid("firmIds", AlreadyReferred.Format(string.Join("、", open)));

        var at = clock.GetUtcNow();
        var today = FirmEndpoints.Today(clock);
        var deadline = options.Calendar().AddBusinessDays(today, options.AnswerWithinBusinessDays);
        var ids = new List<Guid>();
        foreach (var firm in firms.OrderBy(f => firmIds.IndexOf(f.Id)))
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            await tx.ExecuteAsync(InsertSql, new
            {
                id, program, needId = need.Id, companyId = need.CompanyId, firmId = firm.Id, message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim(),
                anonymised = request.Anonymised ?? true, at, today, by = user.DisplayName, deadline,
            }, ct);
            var state = await ReferralStore.StateAsync(tx, id, need.Id, need.CompanyId, ct);
            await tx.Outbox.AddAsync(new NeedReferred(EventIds.New(), program, at, today, deadline, firm.Id, firm.Name, need.MunicipalityCode, need.Industry,
                need.EmploymentForm, user.DisplayName, state, user.Id, need.Role), ct);
            await ReferralNotices.SentAsync(tx, program, id, options, today, at, ct);
        }
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/referrals?needId={need.Id}", new Referred(ids, deadline));
    }

    internal const string AnswerSql = """
        UPDATE referrals SET status = @status, answered_at = @at, answered_by = @by, decline_reason = @reason, decline_text = @text,
                             revealed_at = CASE WHEN @status = 'accepted' AND anonymised = 1 THEN @at ELSE revealed_at END,
                             changed_at = @at, version = version + 1
         WHERE program = @program AND id = @id AND status = 'sent' AND version = @version
        """;

    /// <summary>The firm of the signed-in recruiter, and its referral (404 for another firm's, whatever the id).</summary>
    private static async Task<(Guid? Firm, ReferralStore.Row? Referral)> OwnAsync(
        DatabaseTransaction tx, string program, Guid id, MatchingUser? user, CancellationToken ct)
    {
        var firm = await FirmStore.OfRecruiterAsync(tx.Database, program, user, ct);
        var referral = await ReferralStore.GetAsync(tx, program, id, ct);
        return firm is not null && referral?.FirmId == firm ? (firm, referral) : (firm, null);
    }

    public static Task<Results<Ok<ReferralView>, ProblemHttpResult, ValidationProblem>> AcceptAsync(
        string program, Guid id, AnswerRequest request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock,
        ReferralOptions options, CancellationToken ct) =>
        AnswerAsync(program, id, ReferralStatus.Accepted, null, null, request.Version!.Value, http, database, clock, options, ct);

    public static Task<Results<Ok<ReferralView>, ProblemHttpResult, ValidationProblem>> DeclineAsync(
        string program, Guid id, DeclineRequest request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock,
        ReferralOptions options, CancellationToken ct) =>
        AnswerAsync(program, id, ReferralStatus.Declined, request.Reason, request.Text, request.Version!.Value, http, database, clock, options, ct);

    private static async Task<Results<Ok<ReferralView>, ProblemHttpResult, ValidationProblem>> AnswerAsync(
        string program, Guid id, ReferralStatus answer, DeclineReason? reason, string? text, int version, HttpContext http,
        ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, ReferralOptions options, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        await using var tx = await database.BeginAsync(ct);
        var (_, referral) = await OwnAsync(tx, program, id, user, ct);
        if (referral is null)
            return Problems.NotFound(UnknownReferral);
        if (referral.Status != "sent")
            return Problems.Conflict(NotAnswerable);
        var at = clock.GetUtcNow();
        var reasonName = reason is { } r ? ReferralStore.Name(r) : null;
        var changed = await tx.ExecuteAsync(AnswerSql, new
        {
            program, id, version, status = ReferralStore.Name(answer), at, by = user!.DisplayName, reason = reasonName,
            text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        }, ct);
        if (changed == 0)
            return Problems.Conflict(Changed);
        var state = await ReferralStore.StateAsync(tx, id, referral.NeedId, referral.CompanyId, ct);
        if (answer == ReferralStatus.Accepted)
        {
            await tx.Outbox.AddAsync(new ReferralAccepted(EventIds.New(), program, at, referral.FirmId, state), ct);
            // 個人情報・企業情報の提供記録: the company was revealed to this firm.
            if (referral.Anonymised)
                await AuditTrail.RecordAsync(tx, new AuditEntry("company-revealed", program, user.Id, user.UserName,
                    $"referral:{id}", $"company {referral.CompanyId} revealed to firm {referral.FirmId} on acceptance"), at, ct);
        }
        else
        {
            await tx.Outbox.AddAsync(new ReferralDeclined(EventIds.New(), program, at, referral.FirmId, reasonName!, text, state), ct);
        }
        var view = await ReferralNotices.ChangedAsync(tx, program, id, ReferralStore.Name(answer), options, FirmEndpoints.Today(clock), at, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(view);
    }

    internal const string WithdrawSql = """
        UPDATE referrals SET status = 'withdrawn', withdraw_reason = @reason, changed_at = @at, version = version + 1
         WHERE program = @program AND id = @id AND status IN ('sent', 'accepted') AND version = @version
        """;

    /// <summary>Withdraws the referral at the version given, publishing <see cref="ReferralWithdrawn"/> and telling the firm; false when it changed meanwhile.</summary>
    internal static async Task<bool> WithdrawnAsync(DatabaseTransaction tx, string program, ReferralStore.Row referral, int version, string? reason,
        DateTimeOffset at, ReferralOptions options, DateOnly today, CancellationToken ct)
    {
        if (await tx.ExecuteAsync(WithdrawSql, new { program, id = referral.Id, version, reason, at }, ct) == 0)
            return false;
        var state = await ReferralStore.StateAsync(tx, referral.Id, referral.NeedId, referral.CompanyId, ct);
        await tx.Outbox.AddAsync(new ReferralWithdrawn(EventIds.New(), program, at, referral.FirmId, reason, state), ct);
        await ReferralNotices.ChangedAsync(tx, program, referral.Id, "withdrawn", options, today, at, ct);
        return true;
    }

    internal const string UnansweredOfFirmSql = "SELECT id FROM referrals WHERE program = @program AND firm_id = @firmId AND status = 'sent' ORDER BY referred_at";

    /// <summary>
    /// A firm whose registration is suspended or withdrawn cannot answer what it was sent: its unanswered referrals are
    /// withdrawn with the reason, so their needs are open to refer again. Accepted ones stay: the firm is working on them.
    /// </summary>
    internal static async Task<int> WithdrawUnansweredAsync(DatabaseTransaction tx, string program, Guid firmId, string reason, DateTimeOffset at,
        ReferralOptions options, DateOnly today, CancellationToken ct)
    {
        var withdrawn = 0;
        foreach (var id in await tx.QueryAsync<Guid>(UnansweredOfFirmSql, new { program, firmId }, ct))
        {
            if (await ReferralStore.GetAsync(tx, program, id, ct) is { } referral && await WithdrawnAsync(tx, program, referral, referral.Version, reason, at, options, today, ct))
                withdrawn++;
        }
        return withdrawn;
    }

    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult, ValidationProblem>> WithdrawAsync(
        string program, Guid id, WithdrawRequest request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock,
        ReferralOptions options, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var referral = await ReferralStore.GetAsync(tx, program, id, ct);
        if (referral is null)
            return Problems.NotFound(UnknownReferral);
        if (referral.Status is not ("sent" or "accepted"))
            return Problems.Conflict(NotWithdrawable);
        var at = clock.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (!await WithdrawnAsync(tx, program, referral, request.Version ?? -1, reason, at, options, FirmEndpoints.Today(clock), ct))
            return Problems.Conflict(Changed);
        var view = (await ReferralStore.GetAsync(tx, program, id, ct))!.ToView(false, options.Calendar(), FirmEndpoints.Today(clock));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(view);
    }

    /// <summary>One referral: a firm only its own (404 otherwise, whatever the id), anonymised until it accepts.</summary>
    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> GetAsync(
        string program, Guid id, HttpContext http, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, ReferralOptions options, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        var referral = await ReferralStore.GetAsync(database, program, id, ct);
        var isFirm = user?.MembershipOf(program)?.Role == ProgramRole.Recruiter;
        if (referral is null || (isFirm && await FirmStore.OfRecruiterAsync(database, program, user, ct) != referral.FirmId))
            return Problems.NotFound(UnknownReferral);
        return TypedResults.Ok(referral.ToView(isFirm, options.Calendar(), FirmEndpoints.Today(clock)));
    }

    public sealed record ListRequest(string? Status, Guid? NeedId, Guid? FirmId, Guid? CompanyId, DateTimeOffset? Since, int Page, int PageSize, IReadOnlyList<string> Unreadable)
    {
        public static ValueTask<ListRequest?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            var unreadable = new List<string>();
            Guid? Id(string name)
            {
                var text = query.Text(name);
                if (text is null)
                    return null;
                if (Guid.TryParse(text, out var id))
                    return id;
                unreadable.Add(name);
                return null;
            }
            int Number(string name, int fallback)
            {
                var text = query.Text(name);
                if (text is null)
                    return fallback;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                    return n;
                unreadable.Add(name);
                return fallback;
            }
            DateTimeOffset? since = null;
            if (query.Text("since") is { } s)
            {
                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    since = parsed;
                else
                    unreadable.Add("since");
            }
            return ValueTask.FromResult<ListRequest?>(new ListRequest(query.Text("status"), Id("needId"), Id("firmId"), Id("companyId"), since, Number("page", 1), Number("pageSize", 50), unreadable));
        }
    }

    public static readonly LocalizedText Unreadable = new("この値は読み取れません。", "This value cannot be read.");
    public static readonly LocalizedText StatusInvalid = new(
        "状況は sent（回答待ち）、accepted（承諾）、declined（辞退）、expired（期限切れ）、withdrawn（取消）のいずれかです。",
        "status is sent, accepted, declined, expired or withdrawn.");

    public sealed class ListValidator : AbstractValidator<ListRequest>
    {
        public ListValidator()
        {
            RuleForEach(r => r.Unreadable).Must(_ => false).Message(Unreadable).OverridePropertyName("query");
            RuleFor(r => r.Status).Must(s => QueryValues.IsEnumName<ReferralStatus>(s!)).Message(StatusInvalid).When(r => r.Status is not null);
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(200);
        }
    }

    /// <summary>
    /// 取次の一覧 — a firm's inbox (its own referrals only; <c>since</c> gives those changed after a time, oldest change first,
    /// for polling) or, for staff, the program's referrals by need, company, firm and status (newest first).
    /// </summary>
    public static async Task<Results<Ok<ListPage<ReferralView>>, ProblemHttpResult>> ListAsync(
        string program, ListRequest request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock,
        ReferralOptions options, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        var isFirm = user?.MembershipOf(program)?.Role == ProgramRole.Recruiter;
        Guid? firm = request.FirmId;
        if (isFirm)
        {
            firm = await FirmStore.OfRecruiterAsync(database, program, user, ct);
            if (firm is null)
                return TypedResults.Ok(new ListPage<ReferralView>([], request.Page, request.PageSize, 0));
        }
        var where = " AND (@firm IS NULL OR r.firm_id = @firm) AND (@needId IS NULL OR r.need_id = @needId) AND (@status IS NULL OR r.status = @status)"
                    + " AND (@companyId IS NULL OR r.company_id = @companyId)"
                    + " AND (@since IS NULL OR r.changed_at > @since)";
        var order = request.Since is not null ? " ORDER BY r.changed_at, r.id" : " ORDER BY r.referred_at DESC, r.id";
        var parameters = new
        {
            // A firm cannot ask by company: it would learn which company an anonymised referral is about.
            program, firm, needId = request.NeedId, companyId = isFirm ? null : request.CompanyId, status = request.Status?.ToLowerInvariant(),
            since = request.Since?.ToUniversalTime(),
            offset = Paging.Offset(request.Page, request.PageSize), limit = request.PageSize,
        };
        var rows = await database.QueryAsync<ReferralStore.Row>(database.Dialect.Page(ReferralStore.SelectSql + where + order, "@offset", "@limit"), parameters, ct);
        var total = await database.ExecuteScalarAsync<int>(CountSql + where.Replace("r.", "", StringComparison.Ordinal), parameters, ct);
        var calendar = options.Calendar();
        var today = FirmEndpoints.Today(clock);
        return TypedResults.Ok(new ListPage<ReferralView>(rows.Select(r => r.ToView(isFirm, calendar, today)).ToList(), request.Page, request.PageSize, total));
    }

    internal const string CountSql = "SELECT COUNT(*) FROM referrals WHERE program = @program";
}
