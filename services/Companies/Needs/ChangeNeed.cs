using Dapper;
using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Needs;

/// <summary>
/// A talent need is edited (PUT) or moved along its statuses (POST …/status): open ⇄ referred (取次済), then filled (充足) or
/// cancelled (取下げ, with a reason). A filled or cancelled need no longer changes. Both carry the version the coordinator saw.
/// </summary>
internal static class ChangeNeed
{
    internal sealed record EditRequest : TalentNeedDetails
    {
        public int? Version { get; init; }
    }

    public sealed record StatusRequest(NeedStatus? Status, string? Reason, int? Version);

    public static readonly LocalizedText VersionLabel = new("版", "Version");
    public static readonly LocalizedText StatusLabel = new("状況", "Status");
    public static readonly LocalizedText ReasonLabel = new("理由", "Reason");
    public static readonly LocalizedText CancelNeedsReason = new("取下げの理由を入力してください。", "Give the reason for cancelling.");
    public static readonly LocalizedText Closed = new(
        "充足または取下げ済みの人材ニーズは変更できません。", "A filled or cancelled need cannot change.");
    public static readonly LocalizedText SameStatus = new("既にこの状況です。", "The need already has this status.");
    public static readonly LocalizedText Changed = new(
        "この人材ニーズは他の人が更新しました。最新の内容を確認してからやり直してください。",
        "Someone else changed this need. Reload it and try again.");

    public sealed class EditValidator : AbstractValidator<EditRequest>
    {
        public EditValidator()
        {
            Include(new TalentNeedDetails.Validator());
            RuleFor(r => r.Version).NotNull().Label(VersionLabel).GreaterThanOrEqualTo(1).Label(VersionLabel);
        }
    }

    public sealed class StatusValidator : AbstractValidator<StatusRequest>
    {
        public StatusValidator()
        {
            RuleFor(r => r.Status).NotNull().Label(StatusLabel).IsInEnum().Label(StatusLabel);
            RuleFor(r => r.Reason).MaximumLength(500).Label(ReasonLabel)
                .NotEmpty().Message(CancelNeedsReason).When(r => r.Status == NeedStatus.Cancelled);
            RuleFor(r => r.Version).NotNull().Label(VersionLabel).GreaterThanOrEqualTo(1).Label(VersionLabel);
        }
    }

    private const string EditSql = """
        UPDATE talent_needs
           SET role = @role, description = @description, required_skills = @requiredSkills, preferred_skills = @preferredSkills,
               employment_form = @employmentForm, pay_unit = @payUnit, pay_min_yen = @payMinYen, pay_max_yen = @payMaxYen,
               municipality_code = @municipalityCode, remote = @remote, urgency = @urgency, openings = @openings, changed_at = @at,
               version = version + 1
         WHERE program = @program AND id = @id AND version = @version AND status IN ('open', 'referred')
        """;

    private const string StatusSql = """
        UPDATE talent_needs
           SET status = @status, status_reason = @reason, changed_at = @at, version = version + 1
         WHERE program = @program AND id = @id AND version = @version AND status IN ('open', 'referred')
        """;

    public static Task<Results<Ok<GetNeed.Response>, ProblemHttpResult>> EditAsync(
        string program, Guid id, EditRequest request, ServiceDatabase<CompaniesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var parameters = new DynamicParameters(request.ToColumns());
        return ApplyAsync(program, id, request.Version!.Value, EditSql, parameters, null, null, database, clock, ct);
    }

    public static Task<Results<Ok<GetNeed.Response>, ProblemHttpResult>> ChangeStatusAsync(
        string program, Guid id, StatusRequest request, ServiceDatabase<CompaniesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var status = TalentNeedDetails.Name(request.Status!.Value);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var parameters = new DynamicParameters(new { status, reason });
        return ApplyAsync(program, id, request.Version!.Value, StatusSql, parameters, status, reason, database, clock, ct);
    }

    private static async Task<Results<Ok<GetNeed.Response>, ProblemHttpResult>> ApplyAsync(
        string program, Guid id, int version, string sql, DynamicParameters parameters, string? newStatus, string? reason,
        ServiceDatabase<CompaniesModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var current = await tx.QuerySingleOrDefaultAsync<GetNeed.Response>(GetNeed.Sql, new { program, id }, ct);
        if (current is null)
            return Problems.NotFound(GetNeed.UnknownNeed);
        if (current.Status is "filled" or "cancelled")
            return Problems.Conflict(Closed);
        if (newStatus == current.Status)
            return Problems.Conflict(SameStatus);
        var at = clock.GetUtcNow();
        parameters.AddDynamicParams(new { program, id, version, at });
        // The version in the WHERE clause is the guard against a concurrent change.
        if (current.Version != version || await tx.ExecuteAsync(sql, parameters, ct) == 0)
            return Problems.Conflict(Changed);
        var changed = (await tx.QuerySingleOrDefaultAsync<GetNeed.Response>(GetNeed.Sql, new { program, id }, ct))!;
        await tx.Outbox.AddAsync(new TalentNeedChanged(
            EventIds.New(), program, at, id, changed.CompanyId, changed.Version, changed.Role, changed.EmploymentForm, changed.Status,
            reason, changed.MunicipalityCode,
            new TalentNeedTerms(changed.Description, changed.RequiredSkills, changed.PreferredSkills, changed.PayUnit, changed.PayMinYen,
                changed.PayMaxYen, changed.Remote, changed.Urgency), changed.Openings), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(changed);
    }
}
