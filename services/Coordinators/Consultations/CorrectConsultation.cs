using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Coordinators.Staff;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Consultations;

/// <summary>修正 — a consultation's content is corrected; the version it replaces is kept in its history.</summary>
internal static class CorrectConsultation
{
    internal sealed record Request : ConsultationContent
    {
        /// <summary>The version the coordinator saw; a consultation changed since answers 409.</summary>
        public int? Version { get; init; }
    }

    public static readonly LocalizedText VoidedCannotChange = new(
        "取り消された相談記録は修正できません。", "A voided consultation cannot be corrected.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            Include(new ConsultationContent.Validator());
            RuleFor(r => r.Version).NotNull().Label(VoidConsultation.VersionLabel).GreaterThanOrEqualTo(1).Label(VoidConsultation.VersionLabel);
        }
    }

    private const string KeepRevisionSql = """
        INSERT INTO consultation_revisions (consultation_id, version, coordinators, channel, issues, other_issue, notes, next_action,
                                            next_action_date, need_identified, replaced_at, replaced_by)
        SELECT id, version, coordinators, channel, issues, other_issue, notes, next_action, next_action_date, need_identified, @at, @by
          FROM consultations
         WHERE program = @program AND id = @id AND version = @version AND voided_at IS NULL
        """;

    private const string UpdateSql = """
        UPDATE consultations
           SET coordinator = @coordinator, coordinators = @coordinators, channel = @channel, issues = @issues, other_issue = @otherIssue,
               notes = @notes, next_action = @nextAction, next_action_date = @nextActionDate, need_identified = @needIdentified,
               corrected_at = @at, version = version + 1
         WHERE program = @program AND id = @id AND version = @version AND voided_at IS NULL
        """;

    public static async Task<Results<Ok<GetConsultation.Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string program, Guid id, Request request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock,
        CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var current = await tx.QuerySingleOrDefaultAsync<GetConsultation.Row>(GetConsultation.Sql, new { program, id }, ct);
        if (current is null)
            return Problems.NotFound(GetConsultation.UnknownConsultation);
        if (current.VoidedAt is not null)
            return Problems.Conflict(VoidedCannotChange);
        if (!ConsultationContent.NextActionDateFits(current.Date, request.NextActionDate))
            return Problems.Invalid("nextActionDate", ConsultationContent.NextActionDateRange);
        if (current.Version != request.Version)
            return Problems.Conflict(VoidConsultation.Changed);

        var (people, problem) = await ConsultationStaff.ResolveAsync(tx, program, request, ct);
        if (problem is not null)
            return problem;
        request = request with { Coordinators = [.. people.Select(p => p.Name)] };
        var at = clock.GetUtcNow();
        // History names the person, as the product shows them, not their sign-in name.
        var by = http.User.MatchingUser() is { } user ? user.DisplayName : "-";
        var parameters = new
        {
            program, id, version = current.Version, at, by, coordinator = request.Coordinators![0].Trim(), coordinators = request.CoordinatorsText,
            channel = LogConsultation.ChannelName(request.Channel!.Value), issues = request.IssuesText, otherIssue = request.OtherIssue?.Trim(),
            notes = request.Notes, nextAction = request.NextAction?.Trim(), nextActionDate = request.NextActionDate,
            needIdentified = request.NeedIdentified,
        };
        // The version in both WHERE clauses is the guard against a concurrent correction or void.
        if (await tx.ExecuteAsync(KeepRevisionSql, parameters, ct) == 0 || await tx.ExecuteAsync(UpdateSql, parameters, ct) == 0)
            return Problems.Conflict(VoidConsultation.Changed);
        await ConsultationStaff.WriteAsync(tx, program, id, people, ct);
        await tx.Outbox.AddAsync(new ConsultationCorrected(
            EventIds.New(), program, at, id, current.CompanyId, current.Version + 1, request.NeedIdentified), ct);
        var corrected = await tx.QuerySingleOrDefaultAsync<GetConsultation.Row>(GetConsultation.Sql, new { program, id }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(corrected!.ToResponse());
    }
}
