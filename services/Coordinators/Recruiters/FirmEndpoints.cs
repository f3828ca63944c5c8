using System.Globalization;
using Dapper;
using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Recruiters;

/// <summary>The office registers recruiting firms with its program, edits them, and suspends or withdraws their registration.</summary>
internal static class FirmEndpoints
{
    public sealed record RegisterRequest : FirmDetails
    {
        /// <summary>applied (申請中) or registered (登録済, the default).</summary>
        public RegistrationStatus? Status { get; init; }

        /// <summary>The day of the registration; today (in Japan) when not given.</summary>
        public DateOnly? On { get; init; }
    }

    public sealed record UpdateRequest : FirmDetails
    {
        public int? Version { get; init; }
    }

    public sealed record StatusRequest(RegistrationStatus? Status, string? Reason, DateOnly? On, int? Version);

    public sealed record Created(Guid Id);

    public static readonly LocalizedText UnknownFirm = new("この事業者はこのプログラムに登録されていません。", "This firm is not registered with this program.");
    public static readonly LocalizedText AlreadyRegistered = new(
        "この事業者（同じ法人番号または許可番号）はすでにこのプログラムに登録されています。",
        "This firm (same corporate number or licence number) is already registered with this program.");
    public static readonly LocalizedText LicenceTaken = new(
        "この許可番号は別の事業者のものとして登録されています。", "This licence number belongs to another firm in the registry.");
    public static readonly LocalizedText Changed = new(
        "ほかの人がこの事業者を変更しました。画面を読み込み直してから、もう一度お試しください。",
        "Someone else changed this firm. Reload it and try again.");
    public static readonly LocalizedText StatusRequired = new("登録状況を選んでください。", "Choose a registration status.");
    public static readonly LocalizedText NewStatusInvalid = new(
        "新しく登録するときの状況は「申請中」か「登録済」です。", "A new registration is applied or registered.");
    public static readonly LocalizedText ReasonRequired = new(
        "一時停止・登録取消には理由を入力してください（500 文字以内）。", "Suspending or withdrawing needs a reason (up to 500 characters).");
    public static readonly LocalizedText TransitionInvalid = new(
        "この登録状況からは変更できません（登録取消のあとは、まず申請中に戻します）。",
        "The registration cannot move there from its current status (after a withdrawal it goes back to applied first).");
    public static readonly LocalizedText VersionRequired = new("版を指定してください。", "Give the version you saw.");
    public static readonly LocalizedText DateInvalid = new("日付は 1989-04-01 以降、今日から 1 年以内にしてください。", "The date is on or after 1989-04-01 and at most a year from today.");

    public sealed class RegisterValidator : AbstractValidator<RegisterRequest>
    {
        public RegisterValidator(TimeProvider clock)
        {
            Include(new FirmDetails.Validator());
            RuleFor(r => r.Status).Must(s => s is null or RegistrationStatus.Applied or RegistrationStatus.Registered).Message(NewStatusInvalid);
            RuleFor(r => r.On).Must(d => InRange(d!.Value, clock)).Message(DateInvalid).When(r => r.On is not null);
        }
    }

    public sealed class UpdateValidator : AbstractValidator<UpdateRequest>
    {
        public UpdateValidator()
        {
            Include(new FirmDetails.Validator());
            RuleFor(r => r.Version).NotNull().Message(VersionRequired);
        }
    }

    public sealed class StatusValidator : AbstractValidator<StatusRequest>
    {
        public StatusValidator(TimeProvider clock)
        {
            RuleFor(r => r.Status).NotNull().Message(StatusRequired).IsInEnum().Message(StatusRequired);
            RuleFor(r => r.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 500).Message(ReasonRequired)
                .When(r => r.Status is RegistrationStatus.Suspended or RegistrationStatus.Withdrawn);
            RuleFor(r => r.Reason).MaximumLength(500).Message(ReasonRequired);
            RuleFor(r => r.On).Must(d => InRange(d!.Value, clock)).Message(DateInvalid).When(r => r.On is not null);
            RuleFor(r => r.Version).NotNull().Message(VersionRequired);
        }
    }

    private static bool InRange(DateOnly date, TimeProvider clock) =>
        date >= new DateOnly(1989, 4, 1) && date <= Today(clock).AddYears(1);

    internal static DateOnly Today(TimeProvider clock) => Matching.Contracts.JapanTime.Today(clock);

    private static string Name(RegistrationStatus status) => MatchingJson.Options.PropertyNamingPolicy!.ConvertName(status.ToString());

    internal const string ExistingSql = """
        SELECT id FROM firms WHERE (corporate_number IS NOT NULL AND corporate_number = @corporateNumber) OR licence_number = @licenceNumber
        """;

    internal const string InsertFirmSql = """
        INSERT INTO firms (id, name, name_kana, corporate_number, licence_number, head_office, areas, industries, specialties, contacts, created_at, version)
        VALUES (@id, @name, @nameKana, @corporateNumber, @licenceNumber, @headOffice, @areas, @industries, @specialties, @contacts, @at, 1)
        """;

    internal const string RegisteredSql = "SELECT COUNT(*) FROM firm_registrations WHERE program = @program AND firm_id = @id";

    internal const string InsertRegistrationSql = """
        INSERT INTO firm_registrations (program, firm_id, status, status_on, status_reason, fee_rule, rules, note, changed_at, version)
        VALUES (@program, @id, @status, @on, NULL, @feeRule, @rules, @note, @at, 1)
        """;

    public static async Task<Results<Created<Created>, ProblemHttpResult, ValidationProblem>> RegisterAsync(
        string program, RegisterRequest request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var columns = request.ToColumns();
        var values = new DynamicParameters(columns);
        await using var tx = await database.BeginAsync(ct);
        var existing = await tx.QueryAsync<Guid>(ExistingSql, values, ct);
        if (existing.Count > 1)
            return Problems.Invalid("licenceNumber", LicenceTaken);
        var at = clock.GetUtcNow();
        // A firm entered from a recruiter's membership (applied, no licence yet) that the office now registers under the
        // same name is that firm: it is completed, keeping its id, so the recruiter stays linked to it.
        if (existing.Count == 0 && await FirmStore.NamedByMembershipAsync(tx, program, request.Name!, ct) is { } named)
        {
            values.AddDynamicParams(new { program, id = named, at, status = Name(request.Status ?? RegistrationStatus.Registered), on = request.On ?? Today(clock) });
            await tx.ExecuteAsync(CompleteFirmSql, values, ct);
            await tx.ExecuteAsync(CompleteRegistrationSql, values, ct);
            await FirmAnnouncements.AddAsync(tx, named, at, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/programs/{program}/firms/{named}", new Created(named));
        }
        var id = existing.Count == 1 ? existing[0] : Guid.CreateVersion7();
        if (existing.Count == 0)
        {
            values.AddDynamicParams(new { id, at });
            await tx.ExecuteAsync(InsertFirmSql, values, ct);
        }
        else if (await tx.ExecuteScalarAsync<int>(RegisteredSql, new { program, id }, ct) > 0)
        {
            return Problems.Conflict(AlreadyRegistered);
        }
        values.AddDynamicParams(new { program, id, at, status = Name(request.Status ?? RegistrationStatus.Registered), on = request.On ?? Today(clock) });
        try
        {
            await tx.ExecuteAsync(InsertRegistrationSql, values, ct);
            await FirmAnnouncements.AddAsync(tx, id, at, ct);
            await tx.CommitAsync(ct);
        }
        catch (System.Data.Common.DbException ex) when (database.Dialect.IsUniqueViolation(ex))
        {
            // Registered at the same moment by someone else.
            return Problems.Conflict(AlreadyRegistered);
        }
        return TypedResults.Created($"/api/programs/{program}/firms/{id}", new Created(id));
    }

    internal const string CompleteFirmSql = """
        UPDATE firms SET name = @name, name_kana = @nameKana, corporate_number = @corporateNumber, licence_number = @licenceNumber,
                         head_office = @headOffice, areas = @areas, industries = @industries, specialties = @specialties, contacts = @contacts,
                         version = version + 1
         WHERE id = @id
        """;

    internal const string CompleteRegistrationSql = """
        UPDATE firm_registrations SET status = @status, status_on = @on, status_reason = NULL, fee_rule = @feeRule, rules = @rules, note = @note,
                                      changed_at = @at, version = version + 1
         WHERE program = @program AND firm_id = @id
        """;

    internal const string UpdateFirmSql = """
        UPDATE firms SET name = @name, name_kana = @nameKana, corporate_number = @corporateNumber, licence_number = @licenceNumber,
                         head_office = @headOffice, areas = @areas, industries = @industries, specialties = @specialties, contacts = @contacts,
                         version = version + 1
         WHERE id = @id AND version = @version
        """;

    internal const string UpdateTermsSql = """
        UPDATE firm_registrations SET fee_rule = @feeRule, rules = @rules, note = @note, changed_at = @at, version = version + 1
         WHERE program = @program AND firm_id = @id
        """;

    public static async Task<Results<Ok<Firm>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string program, Guid id, UpdateRequest request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        if (await FirmStore.GetAsync(tx, program, id, ct) is null)
            return Problems.NotFound(UnknownFirm);
        var values = new DynamicParameters(request.ToColumns());
        values.AddDynamicParams(new { program, id, version = request.Version, at = clock.GetUtcNow() });
        try
        {
            if (await tx.ExecuteAsync(UpdateFirmSql, values, ct) == 0)
                return Problems.Conflict(Changed);
        }
        catch (System.Data.Common.DbException ex) when (database.Dialect.IsUniqueViolation(ex))
        {
            return Problems.Invalid("licenceNumber", LicenceTaken);
        }
        await tx.ExecuteAsync(UpdateTermsSql, values, ct);
        await FirmAnnouncements.AddAsync(tx, id, clock.GetUtcNow(), ct);
        var firm = (await FirmStore.GetAsync(tx, program, id, ct))!;
        await tx.CommitAsync(ct);
        return TypedResults.Ok(firm);
    }

    internal const string StatusSql = """
        UPDATE firm_registrations SET status = @status, status_on = @on, status_reason = @reason, changed_at = @at, version = version + 1
         WHERE program = @program AND firm_id = @id AND version = @version
        """;

    /// <summary>Where a registration may go from where it is.</summary>
    internal static bool CanMove(string from, RegistrationStatus to) => (from, to) switch
    {
        ("applied", RegistrationStatus.Registered or RegistrationStatus.Withdrawn) => true,
        ("registered", RegistrationStatus.Suspended or RegistrationStatus.Withdrawn) => true,
        ("suspended", RegistrationStatus.Registered or RegistrationStatus.Withdrawn) => true,
        ("withdrawn", RegistrationStatus.Applied) => true,
        _ => false,
    };

    /// <summary>Moves a registration; suspending or withdrawing it also withdraws the firm's unanswered referrals.</summary>
    public static async Task<Results<Ok<Firm>, ProblemHttpResult, ValidationProblem>> ChangeStatusAsync(
        string program, Guid id, StatusRequest request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock,
        Referrals.ReferralOptions referralOptions, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        if (await FirmStore.GetAsync(tx, program, id, ct) is not { } firm)
            return Problems.NotFound(UnknownFirm);
        if (firm.RegistrationVersion != request.Version)
            return Problems.Conflict(Changed);
        if (!CanMove(firm.Status, request.Status!.Value))
            return Problems.Invalid("status", TransitionInvalid);
        var moved = await tx.ExecuteAsync(StatusSql, new
        {
            program, id, version = request.Version, status = Name(request.Status.Value), on = request.On ?? Today(clock),
            reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(), at = clock.GetUtcNow(),
        }, ct);
        if (moved == 0)
            return Problems.Conflict(Changed);
        if (request.Status is RegistrationStatus.Suspended or RegistrationStatus.Withdrawn)
        {
            var reason = request.Status == RegistrationStatus.Suspended ? $"事業者の登録停止のため（{request.Reason!.Trim()}）" : $"事業者の登録取消のため（{request.Reason!.Trim()}）";
            await Referrals.ReferralEndpoints.WithdrawUnansweredAsync(tx, program, id, reason, clock.GetUtcNow(), referralOptions, Today(clock), ct);
        }
        await FirmAnnouncements.AddAsync(tx, id, clock.GetUtcNow(), ct);
        var changed = (await FirmStore.GetAsync(tx, program, id, ct))!;
        await tx.CommitAsync(ct);
        return TypedResults.Ok(changed);
    }

    /// <summary>A program's firms; a recruiter sees only its own.</summary>
    public static async Task<Ok<IReadOnlyList<Firm>>> ListAsync(
        string program, HttpContext context, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var firms = await FirmStore.ListAsync(database, program, ct);
        var user = context.User.MatchingUser();
        if (user?.MembershipOf(program)?.Role == ProgramRole.Recruiter)
        {
            var own = await FirmStore.OfRecruiterAsync(database, program, user, ct);
            firms = firms.Where(f => f.Id == own).ToList();
        }
        var status = context.Request.Query.Text("status");
        if (status is not null)
            firms = firms.Where(f => string.Equals(f.Status, status, StringComparison.OrdinalIgnoreCase)).ToList();
        return TypedResults.Ok(firms);
    }

    public static async Task<Results<Ok<Firm>, ProblemHttpResult>> GetAsync(
        string program, Guid id, HttpContext context, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var user = context.User.MatchingUser();
        if (user?.MembershipOf(program)?.Role == ProgramRole.Recruiter && await FirmStore.OfRecruiterAsync(database, program, user, ct) != id)
            return Problems.NotFound(UnknownFirm);
        return await FirmStore.GetAsync(database, program, id, ct) is { } firm ? TypedResults.Ok(firm) : Problems.NotFound(UnknownFirm);
    }

}
