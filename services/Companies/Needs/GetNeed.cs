using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Needs;

internal static class GetNeed
{
    public sealed record Response(
        Guid Id, Guid CompanyId, string CompanyName, Guid? ConsultationId, string Role, string? Description, string? RequiredSkills,
        string? PreferredSkills, string EmploymentForm, string? PayUnit, long? PayMinYen, long? PayMaxYen, string? MunicipalityCode,
        string Remote, string Urgency, string Status, string? StatusReason, DateOnly OpenedOn, DateTimeOffset OpenedAt,
        DateTimeOffset? ChangedAt, int Version, int Openings);

    public static readonly LocalizedText UnknownNeed = new("この人材ニーズは見つかりません。", "This talent need does not exist.");

    /// <summary>The columns of <see cref="Response"/>; every read of needs selects them (joined with the company for its name).</summary>
    internal const string SelectColumns = """
        SELECT n.id AS Id, n.company_id AS CompanyId, c.name AS CompanyName, n.consultation_id AS ConsultationId, n.role AS Role,
               n.description AS Description, n.required_skills AS RequiredSkills, n.preferred_skills AS PreferredSkills,
               n.employment_form AS EmploymentForm, n.pay_unit AS PayUnit, n.pay_min_yen AS PayMinYen, n.pay_max_yen AS PayMaxYen,
               n.municipality_code AS MunicipalityCode, n.remote AS Remote, n.urgency AS Urgency, n.status AS Status,
               n.status_reason AS StatusReason, n.opened_on AS OpenedOn, n.opened_at AS OpenedAt, n.changed_at AS ChangedAt,
               n.version AS Version, n.openings AS Openings
          FROM talent_needs n
          JOIN companies c ON c.id = n.company_id
        """;

    internal const string Sql = SelectColumns + "\n WHERE n.program = @program AND n.id = @id";

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string program, Guid id, ServiceDatabase<CompaniesModule> database, CancellationToken ct)
    {
        var need = await database.QuerySingleOrDefaultAsync<Response>(Sql, new { program, id }, ct);
        return need is null ? Problems.NotFound(UnknownNeed) : TypedResults.Ok(need);
    }
}
