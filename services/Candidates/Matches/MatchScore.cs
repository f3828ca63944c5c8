using Matching.Platform.Http;

namespace Matching.Candidates.Matches;

/// <summary>
/// What a talent need asks, as the matching reads it: skills as vocabulary codes, the employment form (a hard filter), where
/// the work is (the need's municipality, else the company's prefecture), how remote, the pay range.
/// </summary>
internal sealed record NeedTerms(
    IReadOnlyList<string> RequiredSkills, IReadOnlyList<string> PreferredSkills, string EmploymentForm, string? PrefectureCode, string? MunicipalityCode,
    string Remote, string? PayUnit, long? PayMaxYen);

/// <summary>What a candidate offers, as the matching reads it.</summary>
internal sealed record CandidateTerms(
    Guid Id, IReadOnlyList<string> Skills, IReadOnlyList<string> EmploymentForms, string PrefectureCode, string? HometownPrefectureCode,
    IReadOnlyList<string> DesiredAreas, string Remote, int? SideJobHoursPerWeek, string? DesiredPayUnit, long? DesiredPayYen, DateOnly? AvailableFrom);

/// <summary>How much each fit weighs (the defaults sum to 100); a program may choose its own.</summary>
internal sealed record MatchWeights(int RequiredSkills = 40, int PreferredSkills = 15, int EmploymentForm = 10, int Area = 15, int Remote = 5,
    int UTurn = 5, int Availability = 5, int Pay = 5);

/// <summary>One reason of a score: what fitted or did not, and the points it gave.</summary>
internal sealed record MatchReason(string Kind, string Text, int Points);

internal sealed record MatchScore(Guid CandidateId, int Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// The score of a candidate for a need, and why: deterministic (the same data always gives the same score and reasons) and
/// explained (every point comes with its reason). Required skills weigh more than preferred ones; a missing required skill
/// is named. The hard filters (status, consent, employment form) are applied before, by the query.
/// </summary>
internal static class Scoring
{
    private static string Ja(string ja, string en) => LocalizedText.IsEnglish ? en : ja;

    internal static int Share(int weight, int matched, int asked) => asked == 0 ? 0 : (int)Math.Round(weight * (double)matched / asked, MidpointRounding.AwayFromZero);

    public static MatchScore Of(NeedTerms need, CandidateTerms c, MatchWeights w, IReadOnlyDictionary<string, string> names, DateOnly today)
    {
        var reasons = new List<MatchReason>();
        string Names(IEnumerable<string> codes) => string.Join("・", codes.Select(code => names.GetValueOrDefault(code, code)));

        var required = need.RequiredSkills.Where(c.Skills.Contains).ToList();
        var missing = need.RequiredSkills.Except(required).ToList();
        if (need.RequiredSkills.Count > 0)
            reasons.Add(new("requiredSkills", Ja($"必須スキル {required.Count}/{need.RequiredSkills.Count}：{Names(required)}", $"Required skills {required.Count}/{need.RequiredSkills.Count}: {Names(required)}"),
                Share(w.RequiredSkills, required.Count, need.RequiredSkills.Count)));
        if (missing.Count > 0)
            reasons.Add(new("missingSkills", Ja($"不足する必須スキル：{Names(missing)}", $"Missing required skills: {Names(missing)}"), 0));
        var preferred = need.PreferredSkills.Where(c.Skills.Contains).ToList();
        if (preferred.Count > 0)
            reasons.Add(new("preferredSkills", Ja($"歓迎スキル {preferred.Count}/{need.PreferredSkills.Count}：{Names(preferred)}", $"Preferred skills {preferred.Count}/{need.PreferredSkills.Count}: {Names(preferred)}"),
                Share(w.PreferredSkills, preferred.Count, need.PreferredSkills.Count)));

        var main = c.EmploymentForms.Count > 0 && c.EmploymentForms[0] == need.EmploymentForm;
        reasons.Add(new("employmentForm", main ? Ja("雇用形態が第一希望に一致", "The employment form is the first wish") : Ja("雇用形態が希望に含まれる", "The employment form is among the wishes"),
            main ? w.EmploymentForm : (w.EmploymentForm + 1) / 2));
        if (need.EmploymentForm == "sideJob" && c.SideJobHoursPerWeek is { } hours)
            reasons.Add(new("sideJobHours", Ja($"副業に使える時間：週 {hours} 時間", $"Side-job hours: {hours} a week"), 0));

        var place = need.MunicipalityCode ?? need.PrefectureCode;
        var prefecture = need.MunicipalityCode?[..2] ?? need.PrefectureCode;
        var onSite = need.Remote != "full";
        if (prefecture is not null && onSite)
        {
            if (c.PrefectureCode == prefecture)
                reasons.Add(new("area", Ja("勤務地の都道府県に居住", "Lives in the prefecture of the work"), w.Area));
            else if (c.DesiredAreas.Contains(prefecture) || (place is not null && c.DesiredAreas.Contains(place)))
                reasons.Add(new("area", Ja("勤務地が希望勤務地に含まれる", "The place of work is a desired area"), w.Area));
            else
                reasons.Add(new("area", Ja("勤務地が希望勤務地の外", "The place of work is outside the desired areas"), 0));
        }
        if (need.Remote == "full" && c.Remote != "none")
            reasons.Add(new("remote", Ja("フルリモートの求人で、リモート勤務を希望", "A fully remote need, and remote work is wished"), w.Remote + w.Area));
        else if (need.Remote == "partial" && c.Remote != "none")
            reasons.Add(new("remote", Ja("一部リモート可で、リモート勤務を希望", "Partly remote, and remote work is wished"), w.Remote));
        else if (need.Remote == "none" && c.Remote == "full")
            reasons.Add(new("remote", Ja("フルリモートを希望（この求人は出社）", "Wishes fully remote work (this need is on site)"), 0));

        if (prefecture is not null && c.HometownPrefectureCode == prefecture && c.PrefectureCode != prefecture)
            reasons.Add(new("uTurn", Ja("U ターン：勤務地の都道府県の出身", "U-turn: comes from the prefecture of the work"), w.UTurn));

        if (c.AvailableFrom is not { } from || from <= today.AddDays(90))
            reasons.Add(new("availability", c.AvailableFrom is { } d ? Ja($"就業可能日 {d:yyyy-MM-dd}", $"Available from {d:yyyy-MM-dd}") : Ja("就業可能日の指定なし", "No availability date given"), w.Availability));

        if (need.PayMaxYen is { } max && c.DesiredPayYen is { } pay && c.DesiredPayUnit == need.PayUnit)
            reasons.Add(pay <= max
                ? new("pay", Ja($"希望給与 {pay:N0} 円が上限 {max:N0} 円以内", $"Desired pay ¥{pay:N0} within the maximum ¥{max:N0}"), w.Pay)
                : new("pay", Ja($"希望給与 {pay:N0} 円が上限 {max:N0} 円を超える", $"Desired pay ¥{pay:N0} above the maximum ¥{max:N0}"), 0));

        return new MatchScore(c.Id, reasons.Sum(r => r.Points), reasons);
    }
}
