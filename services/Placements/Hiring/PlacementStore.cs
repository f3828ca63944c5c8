using Matching.Platform.Data;

namespace Matching.Placements.Hiring;

/// <summary>A placement (成約) as stored.</summary>
internal sealed class PlacementRow
{
    public Guid Id { get; init; }
    public string Program { get; init; } = "";
    public Guid IntroductionId { get; init; }
    public Guid NeedId { get; init; }
    public Guid CompanyId { get; init; }
    public Guid CandidateId { get; init; }
    public Guid? FirmId { get; init; }
    public string? FirmName { get; init; }
    public DateOnly OfferAcceptedOn { get; init; }
    public DateOnly StartOn { get; init; }
    public DateOnly CountedOn { get; init; }
    public int FiscalYear { get; init; }
    public string CountingRule { get; init; } = "";
    public string EmploymentForm { get; init; } = "";
    public long? AnnualPayYen { get; init; }
    public long? FeeYen { get; init; }
    public bool FromOutside { get; init; }
    public string ResidencePrefecture { get; init; } = "";
    public string? HometownPrefecture { get; init; }
    public string? Turn { get; init; }
    public string? MunicipalityCode { get; init; }
    public string? Industry { get; init; }
    public Guid? CoordinatorUserId { get; init; }
    public string? CoordinatorName { get; init; }
    public string Status { get; init; } = "";
    public DateOnly? CancelledOn { get; init; }
    public string? CancelReason { get; init; }
    public DateOnly? EndedOn { get; init; }
    public string? EndReason { get; init; }
    public string? EndNote { get; init; }
    public long? RefundYen { get; init; }
    public DateOnly? Retained6On { get; init; }
    public DateOnly? Retained12On { get; init; }
    public DateTimeOffset MadeAt { get; init; }
    public string? MadeBy { get; init; }
    public int Version { get; init; }
    public string? CompanyName { get; init; }
    public string? NeedRole { get; init; }
}

internal static class PlacementStore
{
    internal const string Columns = """
        p.id AS Id, p.program AS Program, p.introduction_id AS IntroductionId, p.need_id AS NeedId, p.company_id AS CompanyId, p.candidate_id AS CandidateId,
        p.firm_id AS FirmId, p.firm_name AS FirmName, p.offer_accepted_on AS OfferAcceptedOn, p.start_on AS StartOn, p.counted_on AS CountedOn,
        p.fiscal_year AS FiscalYear, p.counting_rule AS CountingRule, p.employment_form AS EmploymentForm, p.annual_pay_yen AS AnnualPayYen,
        p.fee_yen AS FeeYen, p.from_outside AS FromOutside, p.residence_prefecture AS ResidencePrefecture, p.hometown_prefecture AS HometownPrefecture,
        p.turn AS Turn, p.municipality_code AS MunicipalityCode, p.industry AS Industry, p.coordinator_user_id AS CoordinatorUserId,
        p.coordinator_name AS CoordinatorName, p.status AS Status, p.cancelled_on AS CancelledOn, p.cancel_reason AS CancelReason, p.ended_on AS EndedOn,
        p.end_reason AS EndReason, p.end_note AS EndNote, p.refund_yen AS RefundYen, p.retained_6_on AS Retained6On, p.retained_12_on AS Retained12On,
        p.made_at AS MadeAt, p.made_by AS MadeBy, p.version AS Version, c.name AS CompanyName, n.role AS NeedRole
        """;

    internal const string From = """
          FROM placements p
          LEFT JOIN companies c ON c.id = p.company_id
          LEFT JOIN needs n ON n.id = p.need_id
        """;

    internal const string SelectSql = "SELECT " + Columns + From + " WHERE p.program = @program AND p.id = @id";

    internal const string OfIntroductionSql = "SELECT " + Columns + From + " WHERE p.program = @program AND p.introduction_id = @introductionId";

    internal const string InsertSql = """
        INSERT INTO placements (id, program, introduction_id, need_id, company_id, candidate_id, firm_id, firm_name, offer_accepted_on, start_on, counted_on,
                                fiscal_year, counting_rule, employment_form, annual_pay_yen, fee_yen, from_outside, residence_prefecture, hometown_prefecture,
                                turn, municipality_code, industry, coordinator_user_id, coordinator_name, status, retention_open, made_at, made_by, version)
        VALUES (@id, @program, @introductionId, @needId, @companyId, @candidateId, @firmId, @firmName, @offerAcceptedOn, @startOn, @countedOn,
                @fiscalYear, @countingRule, @employmentForm, @annualPayYen, @feeYen, @fromOutside, @residencePrefecture, @hometownPrefecture,
                @turn, @municipalityCode, @industry, @coordinatorUserId, @coordinatorName, 'active', 1, @at, @by, 1)
        """;

    /// <summary>How many placements of a need stand (not cancelled), and the need's next sequence for ordering its changes.</summary>
    internal const string OfNeedSql = "SELECT COUNT(*) FROM placements WHERE need_id = @needId AND status <> 'cancelled'";

    internal const string NextSequenceSql = "UPDATE needs SET placement_sequence = placement_sequence + 1 WHERE id = @needId";

    internal const string SequenceSql = "SELECT placement_sequence FROM needs WHERE id = @needId";

    public static Task<PlacementRow?> GetAsync(DatabaseTransaction tx, string program, Guid id, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<PlacementRow>(SelectSql, new { program, id }, ct);

    public static async Task<(int Placements, long Sequence)> NeedStateAsync(DatabaseTransaction tx, Guid needId, CancellationToken ct)
    {
        await tx.ExecuteAsync(NextSequenceSql, new { needId }, ct);
        return (await tx.ExecuteScalarAsync<int>(OfNeedSql, new { needId }, ct), await tx.ExecuteScalarAsync<long>(SequenceSql, new { needId }, ct));
    }
}
