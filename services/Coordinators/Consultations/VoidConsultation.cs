using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Consultations;

/// <summary>取消 — a consultation logged by mistake is voided with a reason; it stays in the log and stops counting.</summary>
internal static class VoidConsultation
{
    /// <param name="Version">The version the coordinator saw; a changed consultation answers 409.</param>
    public sealed record Request(string Reason, int? Version);

    public static readonly LocalizedText ReasonLabel = new("取消の理由", "Reason");
    public static readonly LocalizedText VersionLabel = new("版", "Version");
    public static readonly LocalizedText AlreadyVoided = new("この相談記録は既に取り消されています。", "This consultation is already voided.");
    public static readonly LocalizedText Changed = new(
        "この相談記録は他の人が更新しました。最新の内容を確認してからやり直してください。",
        "Someone else changed this consultation. Reload it and try again.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Reason).NotEmpty().Label(ReasonLabel).MaximumLength(500).Label(ReasonLabel);
            RuleFor(r => r.Version).NotNull().Label(VersionLabel).GreaterThanOrEqualTo(1).Label(VersionLabel);
        }
    }

    internal const string FindSql = """
        SELECT company_id AS CompanyId, date AS Date, version AS Version, voided_at AS VoidedAt
          FROM consultations
         WHERE program = @program AND id = @id
        """;

    internal const string VoidSql = """
        UPDATE consultations
           SET voided_at = @voidedAt, void_reason = @reason, version = version + 1
         WHERE program = @program AND id = @id AND version = @version AND voided_at IS NULL
        """;

    private sealed record Current(Guid CompanyId, DateOnly Date, int Version, DateTimeOffset? VoidedAt);

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string program, Guid id, Request request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var current = await tx.QuerySingleOrDefaultAsync<Current>(FindSql, new { program, id }, ct);
        if (current is null)
            return Problems.NotFound(GetConsultation.UnknownConsultation);
        if (current.VoidedAt is not null)
            return Problems.Conflict(AlreadyVoided);

        var now = clock.GetUtcNow();
        var reason = request.Reason.Trim();
        // The version in the WHERE clause is the guard; the check above only chooses the message.
        if (await tx.ExecuteAsync(VoidSql, new { program, id, version = request.Version, voidedAt = now, reason }, ct) == 0)
            return Problems.Conflict(Changed);
        await tx.Outbox.AddAsync(new ConsultationVoided(EventIds.New(), program, now, id, current.CompanyId, current.Date, reason), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
