using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Consultations;

internal static class GetConsultation
{
    public sealed record Response(
        Guid Id, Guid CompanyId, DateOnly Date, IReadOnlyList<string> Coordinators, string Channel, IReadOnlyList<string> Issues,
        string? OtherIssue, string? Notes, string? NextAction, DateOnly? NextActionDate, bool NeedIdentified,
        DateTimeOffset LoggedAt, DateTimeOffset? CorrectedAt, int Version, DateTimeOffset? VoidedAt, string? VoidReason)
    {
        /// <summary>修正履歴 — the consultation as it was before each correction, oldest first (only when one consultation is read).</summary>
        public IReadOnlyList<Revision>? Revisions { get; init; }

        /// <summary>The company's name as this service last heard it (from the Companies service's events).</summary>
        public string? CompanyName { get; init; }

        /// <summary>担当コーディネーター in order, the main one first: the account where known, the name as it was (only when one consultation is read).</summary>
        public IReadOnlyList<Staff.ConsultationStaff.Person>? Staff { get; init; }
    }

    public sealed record Revision(
        int Version, IReadOnlyList<string> Coordinators, string Channel, IReadOnlyList<string> Issues, string? OtherIssue, string? Notes,
        string? NextAction, DateOnly? NextActionDate, bool NeedIdentified, DateTimeOffset ReplacedAt, string ReplacedBy);

    internal sealed record Row(
        Guid Id, Guid CompanyId, DateOnly Date, string Coordinators, string Channel, string Issues, string? OtherIssue, string? Notes,
        string? NextAction, DateOnly? NextActionDate, bool NeedIdentified, DateTimeOffset LoggedAt, DateTimeOffset? CorrectedAt,
        int Version, DateTimeOffset? VoidedAt, string? VoidReason, string? CompanyName)
    {
        public Response ToResponse() => new(
            Id, CompanyId, Date, ConsultationContent.ParseCoordinators(Coordinators), Channel, Issues.Length == 0 ? [] : Issues.Split(','),
            OtherIssue, Notes, NextAction, NextActionDate, NeedIdentified, LoggedAt, CorrectedAt, Version, VoidedAt, VoidReason)
        {
            CompanyName = CompanyName,
        };
    }

    internal sealed record RevisionRow(
        int Version, string Coordinators, string Channel, string Issues, string? OtherIssue, string? Notes, string? NextAction,
        DateOnly? NextActionDate, bool NeedIdentified, DateTimeOffset ReplacedAt, string ReplacedBy)
    {
        public Revision ToRevision() => new(
            Version, ConsultationContent.ParseCoordinators(Coordinators), Channel, Issues.Length == 0 ? [] : Issues.Split(','), OtherIssue,
            Notes, NextAction, NextActionDate, NeedIdentified, ReplacedAt, ReplacedBy);
    }

    public static readonly LocalizedText UnknownConsultation = new("この相談記録は見つかりません。", "This consultation does not exist.");

    /// <summary>The columns of <see cref="Row"/>; every read of consultations selects them.</summary>
    internal const string SelectColumns = """
        SELECT id AS Id, company_id AS CompanyId, date AS Date, coordinators AS Coordinators, channel AS Channel, issues AS Issues,
               other_issue AS OtherIssue, notes AS Notes, next_action AS NextAction, next_action_date AS NextActionDate,
               need_identified AS NeedIdentified, logged_at AS LoggedAt, corrected_at AS CorrectedAt, version AS Version,
               voided_at AS VoidedAt, void_reason AS VoidReason,
               (SELECT c.name FROM companies c WHERE c.id = consultations.company_id) AS CompanyName
        """;

    internal const string Sql = SelectColumns + "\n" + """
          FROM consultations
         WHERE program = @program AND id = @id
        """;

    internal const string RevisionsSql = """
        SELECT r.version AS Version, r.coordinators AS Coordinators, r.channel AS Channel, r.issues AS Issues, r.other_issue AS OtherIssue,
               r.notes AS Notes, r.next_action AS NextAction, r.next_action_date AS NextActionDate, r.need_identified AS NeedIdentified,
               r.replaced_at AS ReplacedAt, r.replaced_by AS ReplacedBy
          FROM consultation_revisions r
         WHERE r.consultation_id = @id
         ORDER BY r.version
        """;

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string program, Guid id, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var row = await database.QuerySingleOrDefaultAsync<Row>(Sql, new { program, id }, ct);
        if (row is null)
            return Problems.NotFound(UnknownConsultation);
        var revisions = await database.QueryAsync<RevisionRow>(RevisionsSql, new { id }, ct);
        var staff = await database.QueryAsync<Staff.ConsultationStaff.Person>(Staff.ConsultationStaff.OfSql, new { consultationId = id }, ct);
        return TypedResults.Ok(row.ToResponse() with { Revisions = revisions.Select(r => r.ToRevision()).ToList(), Staff = staff });
    }
}
