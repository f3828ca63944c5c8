using Matching.Coordinators.Recruiters;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Referrals;

/// <summary>
/// The registered firms for a need, those that fit first: the need's place within the firm's areas, the company's
/// industry within its industries, and a specialty that matches the employment form; each with why.
/// </summary>
internal static class FirmSuggestions
{
    public sealed record Suggestion(Guid FirmId, string Name, int Score, IReadOnlyList<string> Reasons, bool AlreadyReferred);

    private sealed record NeedRow(string? MunicipalityCode, string? Industry, string EmploymentForm, string Role);

    internal const string NeedSql = """
        SELECT COALESCE(n.municipality_code, c.municipality_code) AS MunicipalityCode, c.industry AS Industry, n.employment_form AS EmploymentForm, n.role AS Role
          FROM needs n LEFT JOIN companies c ON c.id = n.company_id WHERE n.program = @program AND n.id = @needId
        """;

    internal const string OpenSql = "SELECT firm_id FROM referrals WHERE need_id = @needId AND status IN ('sent', 'accepted')";

    public static readonly LocalizedText AreaFits = new("対応地域内", "Covers the area");
    public static readonly LocalizedText AllAreas = new("全国対応", "Covers all of Japan");
    public static readonly LocalizedText IndustryFits = new("対応業種", "Covers the industry");
    public static readonly LocalizedText FormFits = new("雇用形態に強み", "Strong in this employment form");
    public static readonly LocalizedText RoleFits = new("職種に強み", "Strong in this kind of role");

    public static async Task<Results<Ok<IReadOnlyList<Suggestion>>, ProblemHttpResult>> HandleAsync(
        string program, Guid needId, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var need = await database.QuerySingleOrDefaultAsync<NeedRow>(NeedSql, new { program, needId }, ct);
        if (need is null)
            return Problems.NotFound(ReferralEndpoints.UnknownNeed);
        var open = (await database.QueryAsync<Guid>(OpenSql, new { needId }, ct)).ToHashSet();
        var firms = (await FirmStore.ListAsync(database, program, ct)).Where(f => f.Status == "registered");
        var suggestions = firms.Select(f => Score(f, need, open.Contains(f.Id)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        return TypedResults.Ok<IReadOnlyList<Suggestion>>(suggestions);
    }

    private static Suggestion Score(Firm firm, NeedRow need, bool referred)
    {
        var reasons = new List<string>();
        var score = 0;
        if (firm.Areas.Count == 0)
        {
            score += 1;
            reasons.Add(AllAreas.ToString());
        }
        else if (need.MunicipalityCode is { } place && firm.Areas.Any(a => a == place || (a.Length == 2 && place.StartsWith(a, StringComparison.Ordinal))))
        {
            score += 3;
            reasons.Add(AreaFits.ToString());
        }
        if (need.Industry is { } industry && (firm.Industries.Count == 0 || firm.Industries.Contains(industry)))
        {
            score += firm.Industries.Count == 0 ? 1 : 2;
            reasons.Add(IndustryFits.ToString());
        }
        if (need.EmploymentForm is "sideJob" or "secondment" && firm.Specialties.Contains(need.EmploymentForm))
        {
            score += 2;
            reasons.Add(FormFits.ToString());
        }
        var role = need.Role;
        if ((firm.Specialties.Contains("digital") && (role.Contains("DX", StringComparison.OrdinalIgnoreCase) || role.Contains("IT", StringComparison.Ordinal) || role.Contains("システム", StringComparison.Ordinal)))
            || (firm.Specialties.Contains("executive") && (role.Contains("経営", StringComparison.Ordinal) || role.Contains("役員", StringComparison.Ordinal) || role.Contains("幹部", StringComparison.Ordinal)))
            || (firm.Specialties.Contains("sales") && (role.Contains("営業", StringComparison.Ordinal) || role.Contains("販路", StringComparison.Ordinal)))
            || (firm.Specialties.Contains("engineering") && (role.Contains("技術", StringComparison.Ordinal) || role.Contains("エンジニア", StringComparison.Ordinal) || role.Contains("製造", StringComparison.Ordinal))))
        {
            score += 2;
            reasons.Add(RoleFits.ToString());
        }
        return new Suggestion(firm.Id, firm.Name, score, reasons, referred);
    }
}
