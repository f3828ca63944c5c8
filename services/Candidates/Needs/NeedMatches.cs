using System.Text.Json;
using FluentValidation;
using Matching.Candidates.Matches;
using Matching.Candidates.Profiles;
using Matching.Candidates.Skills;
using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Needs;

/// <summary>
/// マッチング by a need's id, from the local copy of the need and its company: the candidates ranked for it with the program's
/// weights; and the reverse, the open needs that fit one candidate, ranked by the same score.
/// </summary>
internal static class NeedMatches
{
    public sealed record Request(int Limit)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context) =>
            ValueTask.FromResult<Request?>(new Request(context.Request.Query.WholeNumber("limit", 20)));
    }

    public sealed record NeedSummary(Guid Id, Guid CompanyId, string? CompanyName, string Role, string EmploymentForm, string Status);

    public sealed record Response(NeedSummary Need, IReadOnlyList<FindMatches.Match> Items, int Considered, IReadOnlyList<string> UnknownTerms, MatchWeights Weights);

    public sealed record FittingNeed(NeedSummary Need, int Score, IReadOnlyList<MatchReason> Reasons);

    /// <param name="Eligible">Active, with the program's own use consented: only then is a candidate matched at all.</param>
    public sealed record FittingNeeds(Guid CandidateId, bool Eligible, IReadOnlyList<FittingNeed> Items, MatchWeights Weights);

    public static readonly LocalizedText UnknownNeed = new(
        "この求人は見つかりません（登録直後は数秒後に表示されます）。", "No such talent need (a new one appears here a few seconds after it is opened).");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, 100).Message(FindMatches.LimitInvalid);
    }

    internal const string NeedSql = """
        SELECT n.id AS Id, n.company_id AS CompanyId, c.name AS CompanyName, n.role AS Role, n.employment_form AS EmploymentForm, n.status AS Status,
               COALESCE(n.municipality_code, c.municipality_code) AS MunicipalityCode, n.terms AS Terms
          FROM needs n LEFT JOIN companies c ON c.id = n.company_id
         WHERE n.program = @program AND n.id = @id
        """;

    // Open needs: not yet filled nor withdrawn (a referred need is still looking for its person).
    private const string OpenNeedsSql = """
        SELECT n.id AS Id, n.company_id AS CompanyId, c.name AS CompanyName, n.role AS Role, n.employment_form AS EmploymentForm, n.status AS Status,
               COALESCE(n.municipality_code, c.municipality_code) AS MunicipalityCode, n.terms AS Terms
          FROM needs n LEFT JOIN companies c ON c.id = n.company_id
         WHERE n.program = @program AND n.status IN ('open', 'referred')
        """;

    private const string EligibleSql = """
        SELECT COUNT(*) FROM candidates c
         WHERE c.program = @program AND c.id = @id AND c.status = 'active'
           AND EXISTS (SELECT 1 FROM consents k WHERE k.candidate_id = c.id AND k.program = c.program AND k.recipient = 'program'
                                                  AND k.purpose = 'dataBank' AND k.withdrawn_at IS NULL)
        """;

    internal sealed class NeedRow
    {
        public Guid Id { get; init; }
        public Guid CompanyId { get; init; }
        public string? CompanyName { get; init; }
        public string Role { get; init; } = "";
        public string EmploymentForm { get; init; } = "";
        public string Status { get; init; } = "";
        public string? MunicipalityCode { get; init; }
        public string? Terms { get; init; }

        public NeedSummary Summary => new(Id, CompanyId, CompanyName, Role, EmploymentForm, Status);

        /// <summary>The need's terms with its skills as the words the need was written with (「営業、海外展開」).</summary>
        public FindMatches.AskedTerms Asked()
        {
            var terms = Terms is null ? null : JsonSerializer.Deserialize<TalentNeedTerms>(Terms, MatchingJson.Options);
            static string[] Words(string? text) =>
                (text ?? "").Split(['、', ',', '，', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new FindMatches.AskedTerms(Words(terms?.RequiredSkills), Words(terms?.PreferredSkills), EmploymentForm,
                MunicipalityCode is { Length: >= 2 } m ? m[..2] : null, MunicipalityCode, terms?.Remote ?? "none",
                terms?.PayMaxYen is null ? null : terms.PayUnit, terms?.PayMaxYen);
        }
    }

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> ForNeedAsync(
        string program, Guid needId, Request request, ServiceDatabase<CandidatesModule> database, CandidatePool pool, TimeProvider clock, CancellationToken ct)
    {
        if (await database.QuerySingleOrDefaultAsync<NeedRow>(NeedSql, new { program, id = needId }, ct) is not { } need)
            return Problems.NotFound(UnknownNeed);
        var weights = await MatchWeightsSetting.OfAsync(database, program, ct);
        var ranked = await FindMatches.RankAsync(database, pool, program, need.Asked(), weights, request.Limit, clock, ct);
        return TypedResults.Ok(new Response(need.Summary, ranked.Items, ranked.Considered, ranked.UnknownTerms, weights));
    }

    public static async Task<Results<Ok<FittingNeeds>, ProblemHttpResult>> ForCandidateAsync(
        string program, Guid id, Request request, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        if (await CandidateStore.GetAsync(database, program, id, ct) is not { } candidate)
            return Problems.NotFound(GetCandidate.UnknownCandidate);
        var weights = await MatchWeightsSetting.OfAsync(database, program, ct);
        if (await database.ExecuteScalarAsync<long>(EligibleSql, new { program, id }, ct) == 0)
            return TypedResults.Ok(new FittingNeeds(id, false, [], weights));
        var r = candidate.Record;
        var offered = new CandidateTerms(id, r.Profile.Skills, r.EmploymentForms, r.PrefectureCode, r.Profile.HometownPrefectureCode, r.Profile.DesiredAreas,
            r.Profile.Remote, r.Profile.SideJobHoursPerWeek, r.Profile.DesiredPayUnit, r.Profile.DesiredPayYen, r.Profile.AvailableFrom);
        var needs = (await database.QueryAsync<NeedRow>(OpenNeedsSql, new { program }, ct)).Where(n => r.EmploymentForms.Contains(n.EmploymentForm)).ToList();
        var asked = needs.Select(n => n.Asked()).ToList();
        // Every word of every need resolved in one look-up of the vocabulary.
        var words = asked.SelectMany(a => a.RequiredSkills.Concat(a.PreferredSkills)).Distinct().ToList();
        IReadOnlyList<string?> codes;
        await using (var read = await database.BeginReadAsync(ct))
            codes = await SkillVocabulary.ResolveAsync(read, program, words, ct);
        var codeOf = words.Zip(codes).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second!, StringComparer.Ordinal);
        IReadOnlyList<string> Codes(IEnumerable<string> terms) => [.. terms.Where(codeOf.ContainsKey).Select(t => codeOf[t]).Distinct()];
        var names = await SkillVocabulary.NamesAsync(database, program, ct);
        var today = CandidateDetails.Today(clock);
        var items = needs.Zip(asked)
            .Select(p =>
            {
                var (n, a) = p;
                var terms = new NeedTerms(Codes(a.RequiredSkills), Codes(a.PreferredSkills), a.EmploymentForm, a.PrefectureCode, a.MunicipalityCode, a.Remote,
                    a.PayUnit, a.PayMaxYen);
                var score = Scoring.Of(terms, offered, weights, names, today);
                return new FittingNeed(n.Summary, score.Score, score.Reasons);
            })
            .OrderByDescending(f => f.Score).ThenBy(f => f.Need.Id)
            .Take(request.Limit)
            .ToList();
        return TypedResults.Ok(new FittingNeeds(id, true, items, weights));
    }
}
