using System.Text.Json;
using FluentValidation;
using Matching.Candidates.Profiles;
using Matching.Candidates.Skills;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Matches;

/// <summary>
/// マッチング — for a talent need's terms (as the coordinator's screen reads them from the need), the program's candidates
/// ranked by a deterministic score with its reasons. Hard filters first: active, consented to the program's own use
/// (dataBank), and wishing for the need's employment form. Skills are the need's words resolved on the vocabulary; words
/// the vocabulary does not know are answered back, not guessed.
/// </summary>
internal static class FindMatches
{
    public sealed record Request
    {
        public IReadOnlyList<string>? RequiredSkills { get; init; }

        public IReadOnlyList<string>? PreferredSkills { get; init; }

        public EmploymentForm? EmploymentForm { get; init; }

        /// <summary>Where the work is: the need's municipality, or the company's prefecture.</summary>
        public string? MunicipalityCode { get; init; }

        public string? PrefectureCode { get; init; }

        public RemoteWork? Remote { get; init; }

        public PayUnit? PayUnit { get; init; }

        public long? PayMaxYen { get; init; }

        public int? Limit { get; init; }

        /// <summary>Weights for this request only; the program's (or the defaults) where absent.</summary>
        public MatchWeights? Weights { get; init; }
    }

    public sealed record Match(Guid CandidateId, string Name, string NameKana, string PrefectureName, int Score, IReadOnlyList<MatchReason> Reasons);

    public sealed record Response(IReadOnlyList<Match> Items, int Considered, IReadOnlyList<string> UnknownTerms, MatchWeights Weights);

    public static readonly LocalizedText SkillsInvalid = new("スキルは 30 件まで、各 50 文字以内で指定してください。", "At most 30 skills, each at most 50 characters.");
    public static readonly LocalizedText FormRequired = new("求人の雇用形態を指定してください。", "Give the need's employment form.");
    public static readonly LocalizedText LimitInvalid = new("件数は 1〜100 で指定してください。", "limit is 1 to 100.");
    public static readonly LocalizedText WeightsInvalid = new("重みは各 0〜100 の整数で指定してください。", "Each weight is a whole number from 0 to 100.");

    private static bool Within(IReadOnlyList<string>? items) =>
        items is null || (items.Count <= 30 && items.All(i => !string.IsNullOrWhiteSpace(i) && i.Trim().Length <= 50));

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.RequiredSkills).Must(Within).Message(SkillsInvalid);
            RuleFor(r => r.PreferredSkills).Must(Within).Message(SkillsInvalid);
            RuleFor(r => r.EmploymentForm).NotNull().Message(FormRequired).IsInEnum().Message(FormRequired);
            RuleFor(r => r.MunicipalityCode).Must(Contracts.MunicipalityCode.IsValid).Message(CandidateDetails.MunicipalityInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.MunicipalityCode));
            RuleFor(r => r.PrefectureCode).Must(Contracts.PrefectureCode.IsValid).Message(CandidateDetails.PrefectureInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.PrefectureCode));
            RuleFor(r => r.Remote).IsInEnum().Message(CandidateDetails.RemoteInvalid);
            RuleFor(r => r.PayUnit).IsInEnum().Message(CandidateDetails.PayNeedsUnit).NotNull().Message(CandidateDetails.PayNeedsUnit)
                .When(r => r.PayMaxYen is not null);
            RuleFor(r => r.PayMaxYen).InclusiveBetween(0, 100_000_000).Message(CandidateDetails.PayInvalid);
            RuleFor(r => r.Limit).InclusiveBetween(1, 100).Message(LimitInvalid);
            RuleFor(r => r.Weights).Must(w => new[] { w!.RequiredSkills, w.PreferredSkills, w.EmploymentForm, w.Area, w.Remote, w.UTurn, w.Availability, w.Pay }
                .All(x => x is >= 0 and <= 100)).Message(WeightsInvalid).When(r => r.Weights is not null);
        }
    }

    // The hard filters: active, the program's own use consented (and not withdrawn), the employment form wished for; of the
    // candidates the pool ranked best. By id only, so that the key is the index used (the program is checked on the rows).
    internal const string CandidatesSql = """
        SELECT c.id AS Id, c.program AS Program, c.name AS Name, c.name_kana AS NameKana, c.prefecture_code AS PrefectureCode,
               c.employment_forms AS EmploymentForms, c.profile AS Profile
          FROM candidates c
         WHERE c.id IN @ids AND c.status = 'active' AND c.employment_forms LIKE @form
           AND EXISTS (SELECT 1 FROM consents k WHERE k.candidate_id = c.id AND k.program = c.program AND k.recipient = 'program'
                                                  AND k.purpose = 'dataBank' AND k.withdrawn_at IS NULL)
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Program { get; init; } = "";
        public string Name { get; init; } = "";
        public string NameKana { get; init; } = "";
        public string PrefectureCode { get; init; } = "";
        public string EmploymentForms { get; init; } = "[]";
        public string Profile { get; init; } = "{}";
    }

    public static async Task<Ok<Response>> HandleAsync(
        string program, Request request, ServiceDatabase<CandidatesModule> database, CandidatePool pool, TimeProvider clock, CancellationToken ct)
    {
        var asked = new AskedTerms(
            request.RequiredSkills?.Select(s => s.Trim()).ToList() ?? [], request.PreferredSkills?.Select(s => s.Trim()).ToList() ?? [],
            CandidateDetails.NameOf(request.EmploymentForm!.Value),
            string.IsNullOrWhiteSpace(request.PrefectureCode) ? null : request.PrefectureCode.Trim(),
            string.IsNullOrWhiteSpace(request.MunicipalityCode) ? null : request.MunicipalityCode.Trim(),
            CandidateDetails.NameOf(request.Remote ?? RemoteWork.None), request.PayUnit is { } unit ? CandidateDetails.NameOf(unit) : null, request.PayMaxYen);
        var weights = request.Weights ?? await MatchWeightsSetting.OfAsync(database, program, ct);
        return TypedResults.Ok(await RankAsync(database, pool, program, asked, weights, request.Limit ?? 20, clock, ct));
    }

    /// <summary>A need's terms with its skills still as words (the need's text, or a request's list).</summary>
    internal sealed record AskedTerms(
        IReadOnlyList<string> RequiredSkills, IReadOnlyList<string> PreferredSkills, string EmploymentForm, string? PrefectureCode, string? MunicipalityCode,
        string Remote, string? PayUnit, long? PayMaxYen);

    /// <summary>
    /// The eligible candidates (the hard filters) ranked for the terms, best first, ties by candidate id: the pool scores
    /// every candidate; the best are read from the database and scored again with their reasons.
    /// </summary>
    internal static async Task<Response> RankAsync(
        ServiceDatabase database, CandidatePool pool, string program, AskedTerms asked, MatchWeights weights, int limit, TimeProvider clock, CancellationToken ct)
    {
        IReadOnlyList<string?> required, preferred;
        await using (var read = await database.BeginReadAsync(ct))
        {
            required = await SkillVocabulary.ResolveAsync(read, program, asked.RequiredSkills, ct);
            preferred = await SkillVocabulary.ResolveAsync(read, program, asked.PreferredSkills, ct);
        }
        var unknown = asked.RequiredSkills.Where((_, i) => required[i] is null).Concat(asked.PreferredSkills.Where((_, i) => preferred[i] is null)).ToList();
        var need = new NeedTerms([.. required.OfType<string>().Distinct()], [.. preferred.OfType<string>().Distinct()], asked.EmploymentForm,
            asked.PrefectureCode, asked.MunicipalityCode, asked.Remote, asked.PayUnit, asked.PayMaxYen);
        var today = CandidateDetails.Today(clock);
        var candidates = await pool.CurrentAsync(program, ct);
        var (best, considered) = candidates.Rank(need, weights, today, limit);
        if (best.Count == 0)
            return new Response([], considered, unknown, weights);
        var names = await SkillVocabulary.NamesAsync(database, program, ct);
        var rows = await database.QueryAsync<Row>(CandidatesSql, new { program, form = $"%\"{need.EmploymentForm}\"%", ids = database.Dialect.GuidLists(best.Select(b => b.Id)).First() }, ct);
        var matches = rows
            .Where(r => r.Program == program)
            .Select(r =>
            {
                var score = Scoring.Of(need, TermsOf(r.Id, r.PrefectureCode, r.EmploymentForms, r.Profile), weights, names, today);
                return new Match(r.Id, r.Name, r.NameKana, Contracts.PrefectureCode.Parse(r.PrefectureCode).Name, score.Score, score.Reasons);
            })
            .OrderByDescending(m => m.Score).ThenBy(m => m.CandidateId)
            .ToList();
        return new Response(matches, considered, unknown, weights);
    }

    /// <summary>What a stored candidate offers, from its columns and its profile document.</summary>
    internal static CandidateTerms TermsOf(Guid id, string prefectureCode, string employmentForms, string profile)
    {
        var p = JsonSerializer.Deserialize<ProfileDocument>(profile, MatchingJson.Options)!;
        var forms = JsonSerializer.Deserialize<List<string>>(employmentForms, MatchingJson.Options) ?? [];
        return new CandidateTerms(id, p.Skills, forms, prefectureCode, p.HometownPrefectureCode, p.DesiredAreas, p.Remote,
            p.SideJobHoursPerWeek, p.DesiredPayUnit, p.DesiredPayYen, p.AvailableFrom);
    }
}
