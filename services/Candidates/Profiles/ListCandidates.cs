using FluentValidation;
using Matching.Candidates.Skills;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Profiles;

/// <summary>
/// 登録者検索 — the program's candidates, newest first: by any part of the name or its reading in any kana (ｽｽﾞｷ = スズキ =
/// すずき) or by a skill's name or synonym (q), by residence prefecture, skill, status and desired employment form; paged.
/// </summary>
internal static class ListCandidates
{
    public sealed record Request(string? Q, string? PrefectureCode, string? Skill, string? Status, string? EmploymentForm, int Page, int PageSize)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            return ValueTask.FromResult<Request?>(new Request(
                query.Text("q"), query.Text("prefectureCode"), query.Text("skill"), query.Text("status"), query.Text("employmentForm"),
                query.WholeNumber("page", 1), query.WholeNumber("pageSize", 20)));
        }
    }

    public sealed record Item(
        Guid Id, string Name, string NameKana, string PrefectureCode, string PrefectureName, string? MunicipalityCode, string Status,
        IReadOnlyList<string> EmploymentForms, IReadOnlyList<SkillRef> Skills, DateTimeOffset RegisteredAt, int Version);

    public static readonly LocalizedText QueryTooLong = new("検索語は 100 文字以内で入力してください。", "The search text is at most 100 characters.");
    public static readonly LocalizedText StatusInvalid = new("状況は active、placed、paused、left のいずれかです。", "status is active, placed, paused or left.");
    public static readonly LocalizedText EmploymentFormInvalid = new(
        "雇用形態は fullTime、contract、sideJob、secondment、outsourcing のいずれかです。", "employmentForm is fullTime, contract, sideJob, secondment or outsourcing.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Q).MaximumLength(100).Message(QueryTooLong);
            RuleFor(r => r.PrefectureCode).Must(Contracts.PrefectureCode.IsValid).Message(CandidateDetails.PrefectureInvalid).When(r => r.PrefectureCode is not null);
            RuleFor(r => r.Skill).MaximumLength(50).Message(CandidateDetails.SkillsInvalid);
            RuleFor(r => r.Status).Must(s => QueryValues.IsEnumName<CandidateStatus>(s!)).Message(StatusInvalid).When(r => r.Status is not null);
            RuleFor(r => r.EmploymentForm).Must(f => QueryValues.IsEnumName<EmploymentForm>(f!)).Message(EmploymentFormInvalid).When(r => r.EmploymentForm is not null);
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(100);
        }
    }

    private const string FromClause = """
         FROM candidates c
        WHERE c.program = @program
          AND (@pattern IS NULL OR c.name_key LIKE @pattern ESCAPE '\'
               OR EXISTS (SELECT 1 FROM candidate_skills s WHERE s.candidate_id = c.id AND s.skill_code = @qSkill))
          AND (@prefectureCode IS NULL OR c.prefecture_code = @prefectureCode)
          AND (@status IS NULL OR c.status = @status)
          AND (@employmentForm IS NULL OR c.employment_forms LIKE @employmentForm)
          AND (@skill IS NULL OR EXISTS (SELECT 1 FROM candidate_skills s WHERE s.candidate_id = c.id AND s.skill_code = @skill))
        """;

    internal const string CountSql = "SELECT COUNT(*)" + FromClause;

    internal const string ItemsSql = """
        SELECT c.id AS Id, c.name AS Name, c.name_kana AS NameKana, c.prefecture_code AS PrefectureCode, c.municipality_code AS MunicipalityCode,
               c.status AS Status, c.employment_forms AS EmploymentForms, c.registered_at AS RegisteredAt, c.version AS Version
        """ + FromClause + " ORDER BY c.registered_at DESC, c.id";

    internal const string SkillsOfSql = "SELECT candidate_id AS CandidateId, skill_code AS Code FROM candidate_skills WHERE candidate_id IN @ids";

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string NameKana { get; init; } = "";
        public string PrefectureCode { get; init; } = "";
        public string? MunicipalityCode { get; init; }
        public string Status { get; init; } = "";
        public string EmploymentForms { get; init; } = "[]";
        public DateTimeOffset RegisteredAt { get; init; }
        public int Version { get; init; }
    }

    private sealed class SkillRow
    {
        public Guid CandidateId { get; init; }
        public string Code { get; init; } = "";
    }

    /// <summary>What a search asks for, the texts already resolved: folded name, skill codes, names of enums.</summary>
    internal sealed record Filter(
        string Program, string? Q, string? QSkill, string? PrefectureCode, string? Status, string? EmploymentForm, string? Skill, int Page, int PageSize);

    /// <summary>The vocabulary code of a skill filter; a term the vocabulary lacks is a 400 on <c>skill</c>.</summary>
    internal static async Task<(string? Code, ValidationProblem? Problem)> SkillAsync(DatabaseTransaction read, string program, string? term, CancellationToken ct)
    {
        if (term is null)
            return (null, null);
        var code = (await SkillVocabulary.ResolveAsync(read, program, [term], ct))[0];
        return code is null ? (null, Problems.Invalid("skill", SkillVocabulary.UnknownSkill)) : (code, null);
    }

    /// <summary>The page of candidates the filter finds, newest first, and how many it finds in all.</summary>
    internal static async Task<(int Total, IReadOnlyList<Row> Rows)> FindAsync(ServiceDatabase database, Filter filter, CancellationToken ct)
    {
        var folded = filter.Q is null ? null : KanaFolding.Fold(filter.Q);
        var parameters = new
        {
            program = filter.Program,
            pattern = string.IsNullOrEmpty(folded) ? null : LikePattern.Containing(folded),
            qSkill = filter.QSkill,
            prefectureCode = filter.PrefectureCode is null ? null : Contracts.PrefectureCode.Parse(filter.PrefectureCode).Value,
            status = filter.Status is { } s ? CandidateDetails.NameOf(Enum.Parse<CandidateStatus>(s, ignoreCase: true)) : null,
            // employment_forms is a JSON array of names: a name in quotes is one whole item.
            employmentForm = filter.EmploymentForm is { } f ? $"%\"{CandidateDetails.NameOf(Enum.Parse<EmploymentForm>(f, ignoreCase: true))}\"%" : null,
            skill = filter.Skill,
            offset = Paging.Offset(filter.Page, filter.PageSize),
            limit = filter.PageSize,
        };
        var total = await database.ExecuteScalarAsync<int>(CountSql, parameters, ct);
        var rows = await database.QueryAsync<Row>(database.Dialect.Page(ItemsSql, "@offset", "@limit"), parameters, ct);
        return (total, rows);
    }

    public static async Task<Results<Ok<ListPage<Item>>, ValidationProblem>> HandleAsync(
        string program, Request request, ServiceDatabase<CandidatesModule> database, CancellationToken ct)
    {
        string? qSkill, skill;
        await using (var read = await database.BeginReadAsync(ct))
        {
            qSkill = request.Q is { } q ? (await SkillVocabulary.ResolveAsync(read, program, [q], ct))[0] : null;
            (skill, var problem) = await SkillAsync(read, program, request.Skill, ct);
            if (problem is not null)
                return problem;
        }
        var (total, rows) = await FindAsync(database,
            new Filter(program, request.Q, qSkill, request.PrefectureCode, request.Status, request.EmploymentForm, skill, request.Page, request.PageSize), ct);
        var skills = new List<SkillRow>();
        foreach (var ids in database.Dialect.GuidLists(rows.Select(r => r.Id)))
            skills.AddRange(await database.QueryAsync<SkillRow>(SkillsOfSql, new { ids }, ct));
        var names = await SkillVocabulary.NamesAsync(database, program, ct);
        var byCandidate = skills.ToLookup(s => s.CandidateId, s => s.Code);
        var items = rows.Select(r => new Item(
            r.Id, r.Name, r.NameKana, r.PrefectureCode, Contracts.PrefectureCode.Parse(r.PrefectureCode).Name, r.MunicipalityCode, r.Status,
            System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.EmploymentForms, MatchingJson.Options) ?? [],
            GetCandidate.Named([.. byCandidate[r.Id].Order(StringComparer.Ordinal)], names), r.RegisteredAt, r.Version)).ToList();
        return TypedResults.Ok(new ListPage<Item>(items, request.Page, request.PageSize, total));
    }
}
