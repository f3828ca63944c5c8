using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Consultations;

internal static class GetConsultation
{
    public sealed record Response(
        Guid Id, Guid CompanyId, DateOnly Date, string Coordinator, string Channel, string? Notes, DateTimeOffset LoggedAt, int Version,
        DateTimeOffset? VoidedAt, string? VoidReason);

    public static readonly LocalizedText UnknownConsultation = new("この相談記録は見つかりません。", "This consultation does not exist.");

    /// <summary>The columns of <see cref="Response"/>; every read of consultations selects them.</summary>
    internal const string SelectColumns = """
        SELECT id AS Id, company_id AS CompanyId, date AS Date, coordinator AS Coordinator, channel AS Channel,
               notes AS Notes, logged_at AS LoggedAt, version AS Version, voided_at AS VoidedAt, void_reason AS VoidReason
        """;

    internal const string Sql = SelectColumns + "\n" + """
          FROM consultations
         WHERE program = @program AND id = @id
        """;

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string program, Guid id, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var consultation = await database.QuerySingleOrDefaultAsync<Response>(Sql, new { program, id }, ct);
        return consultation is null ? Problems.NotFound(UnknownConsultation) : TypedResults.Ok(consultation);
    }
}
