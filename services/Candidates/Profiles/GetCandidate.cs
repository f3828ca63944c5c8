using Matching.Candidates.Consents;
using Matching.Candidates.Skills;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Profiles;

/// <summary>A skill of a profile, by its code and the vocabulary's name for it.</summary>
internal sealed record SkillRef(string Code, string Name);

/// <summary>The whole record of a candidate, as the program (coordinators, office) sees it: profile, consents, history.</summary>
internal static class GetCandidate
{
    public sealed record Revision(int Version, DateTimeOffset ReplacedAt, string? ReplacedBy, CandidateRecord Content);

    /// <summary>A duplicate registration merged into this one, with its own history (its last version included).</summary>
    public sealed record Merged(Guid Id, DateTimeOffset RegisteredAt, Guid? SourceFirmId, DateTimeOffset MergedAt, string? MergedBy, IReadOnlyList<Revision> Revisions);

    private const string MergedSql = """
        SELECT merged_id AS Id, registered_at AS RegisteredAt, source_firm_id AS SourceFirmId, merged_at AS MergedAt, merged_by AS MergedBy
          FROM merges WHERE program = @program AND into_id = @id ORDER BY merged_at, merged_id
        """;

    private sealed class MergedRow
    {
        public Guid Id { get; init; }
        public DateTimeOffset RegisteredAt { get; init; }
        public Guid? SourceFirmId { get; init; }
        public DateTimeOffset MergedAt { get; init; }
        public string? MergedBy { get; init; }
    }

    public sealed record Response(
        Guid Id, string Name, string NameKana, string? Email, string? Phone, string PrefectureCode, string PrefectureName, string? MunicipalityCode,
        string? HometownPrefectureCode, int? BirthYear, string? CareerSummary, IReadOnlyList<CareerEntry> Career, IReadOnlyList<SkillRef> Skills,
        IReadOnlyList<string> Tags, IReadOnlyList<string> Languages, IReadOnlyList<string> Licences, IReadOnlyList<string> EmploymentForms,
        IReadOnlyList<string> DesiredAreas, string Remote, int? SideJobHoursPerWeek, string? DesiredPayUnit, long? DesiredPayYen, DateOnly? AvailableFrom,
        string Status, Guid? SourceFirmId, DateTimeOffset RegisteredAt, string? RegisteredBy, DateTimeOffset UpdatedAt, int Version,
        IReadOnlyList<Consent> Consents, IReadOnlyList<Revision> Revisions, IReadOnlyList<Merged> MergedFrom);

    public static readonly LocalizedText UnknownCandidate = new("この登録者は見つかりません。", "No such candidate.");

    internal static IReadOnlyList<SkillRef> Named(IReadOnlyList<string> codes, IReadOnlyDictionary<string, string> names) =>
        [.. codes.Select(c => new SkillRef(c, names.GetValueOrDefault(c, c)))];

    public static async Task<Response?> ReadAsync(ServiceDatabase database, string program, Guid id, CancellationToken ct)
    {
        if (await CandidateStore.GetAsync(database, program, id, ct) is not { } c)
            return null;
        var names = await SkillVocabulary.NamesAsync(database, program, ct);
        var consents = await ConsentRecords.ListAsync(database, program, id, ct);
        var revisions = await CandidateStore.RevisionsAsync(database, id, ct);
        var merged = new List<Merged>();
        foreach (var m in await database.QueryAsync<MergedRow>(MergedSql, new { program, id }, ct))
            merged.Add(new Merged(m.Id, m.RegisteredAt, m.SourceFirmId, m.MergedAt, m.MergedBy,
                [.. (await CandidateStore.RevisionsAsync(database, m.Id, ct)).Select(v => new Revision(v.Version, v.ReplacedAt, v.ReplacedBy, v.Content))]));
        var (r, p) = (c.Record, c.Record.Profile);
        return new Response(
            c.Id, r.Name, r.NameKana, r.Email, r.Phone, r.PrefectureCode, PrefectureCode.Parse(r.PrefectureCode).Name, r.MunicipalityCode,
            p.HometownPrefectureCode, r.BirthYear, p.CareerSummary, p.Career, Named(p.Skills, names), p.Tags, p.Languages, p.Licences, r.EmploymentForms,
            p.DesiredAreas, p.Remote, p.SideJobHoursPerWeek, p.DesiredPayUnit, p.DesiredPayYen, p.AvailableFrom, c.Status, c.SourceFirmId,
            c.RegisteredAt, c.RegisteredBy, c.UpdatedAt, c.Version, consents,
            [.. revisions.Select(v => new Revision(v.Version, v.ReplacedAt, v.ReplacedBy, v.Content))], merged);
    }

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string program, Guid id, ServiceDatabase<CandidatesModule> database, CancellationToken ct) =>
        await ReadAsync(database, program, id, ct) is { } candidate ? TypedResults.Ok(candidate) : Problems.NotFound(UnknownCandidate);
}
