using System.Text.Json;
using Matching.Contracts;
using Matching.Contracts.Candidates;
using Matching.Platform.Data;
using Matching.Platform.Http;

namespace Matching.Candidates.Profiles;

/// <summary>A candidate as stored, with where it stands and its version (optimistic concurrency).</summary>
internal sealed record StoredCandidate(
    Guid Id, CandidateRecord Record, string Status, Guid? SourceFirmId, DateTimeOffset RegisteredAt, string? RegisteredBy, DateTimeOffset UpdatedAt, int Version);

/// <summary>The SQL of a candidate's record: its row, its skills, the revisions it replaced.</summary>
internal static class CandidateStore
{
    internal const string InsertSql = """
        INSERT INTO candidates (id, program, name, name_kana, name_key, email, phone, prefecture_code, municipality_code, birth_year, status,
                                employment_forms, profile, source_firm_id, registered_at, registered_by, updated_at, version)
        VALUES (@id, @program, @name, @nameKana, @nameKey, @email, @phone, @prefectureCode, @municipalityCode, @birthYear, @status,
                @employmentForms, @profile, @sourceFirmId, @at, @by, @at, 1)
        """;

    internal const string UpdateSql = """
        UPDATE candidates SET name = @name, name_kana = @nameKana, name_key = @nameKey, email = @email, phone = @phone,
                              prefecture_code = @prefectureCode, municipality_code = @municipalityCode, birth_year = @birthYear,
                              status = @status, employment_forms = @employmentForms, profile = @profile, updated_at = @at, version = version + 1
         WHERE program = @program AND id = @id AND version = @version
        """;

    internal const string SelectSql = """
        SELECT id AS Id, name AS Name, name_kana AS NameKana, email AS Email, phone AS Phone, prefecture_code AS PrefectureCode,
               municipality_code AS MunicipalityCode, birth_year AS BirthYear, status AS Status, employment_forms AS EmploymentForms,
               profile AS Profile, source_firm_id AS SourceFirmId, registered_at AS RegisteredAt, registered_by AS RegisteredBy,
               updated_at AS UpdatedAt, version AS Version
          FROM candidates
         WHERE program = @program AND id = @id
        """;

    internal const string DeleteSkillsSql = "DELETE FROM candidate_skills WHERE candidate_id = @id";

    internal const string InsertSkillSql = "INSERT INTO candidate_skills (candidate_id, skill_code) VALUES (@id, @code)";

    internal const string InsertRevisionSql = """
        INSERT INTO candidate_revisions (candidate_id, version, content, replaced_at, replaced_by) VALUES (@id, @version, @content, @at, @by)
        """;

    internal const string RevisionsSql = """
        SELECT version AS Version, content AS Content, replaced_at AS ReplacedAt, replaced_by AS ReplacedBy
          FROM candidate_revisions WHERE candidate_id = @id ORDER BY version
        """;

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string NameKana { get; init; } = "";
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string PrefectureCode { get; init; } = "";
        public string? MunicipalityCode { get; init; }
        public int? BirthYear { get; init; }
        public string Status { get; init; } = "";
        public string EmploymentForms { get; init; } = "[]";
        public string Profile { get; init; } = "{}";
        public Guid? SourceFirmId { get; init; }
        public DateTimeOffset RegisteredAt { get; init; }
        public string? RegisteredBy { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public int Version { get; init; }

        public StoredCandidate ToCandidate() => new(
            Id,
            new CandidateRecord(Name, NameKana, Email, Phone, PrefectureCode, MunicipalityCode, BirthYear,
                JsonSerializer.Deserialize<List<string>>(EmploymentForms, MatchingJson.Options) ?? [],
                JsonSerializer.Deserialize<ProfileDocument>(Profile, MatchingJson.Options)!),
            Status, SourceFirmId, RegisteredAt, RegisteredBy, UpdatedAt, Version);
    }

    /// <summary>A revision: the whole record as it was before a correction.</summary>
    internal sealed record Revision(int Version, CandidateRecord Content, DateTimeOffset ReplacedAt, string? ReplacedBy);

    private sealed class RevisionRow
    {
        public int Version { get; init; }
        public string Content { get; init; } = "{}";
        public DateTimeOffset ReplacedAt { get; init; }
        public string? ReplacedBy { get; init; }
    }

    private static object Columns(string program, Guid id, CandidateRecord record, string status) => new
    {
        id, program, name = record.Name, nameKana = record.NameKana,
        nameKey = KanaFolding.Fold(record.Name) + "\u001F" + KanaFolding.Fold(record.NameKana),
        email = record.Email, phone = record.Phone, prefectureCode = record.PrefectureCode, municipalityCode = record.MunicipalityCode,
        birthYear = record.BirthYear, status, employmentForms = JsonSerializer.Serialize(record.EmploymentForms, MatchingJson.Options),
        profile = JsonSerializer.Serialize(record.Profile, MatchingJson.Options),
    };

    public static async Task InsertAsync(DatabaseTransaction tx, string program, Guid id, CandidateRecord record, string status, Guid? sourceFirmId,
        DateTimeOffset at, string? by, CancellationToken ct)
    {
        var values = new Dapper.DynamicParameters(Columns(program, id, record, status));
        values.AddDynamicParams(new { sourceFirmId, at, by });
        await tx.ExecuteAsync(InsertSql, values, ct);
        await WriteSkillsAsync(tx, id, record.Profile.Skills, ct);
    }

    /// <summary>
    /// A new candidate and its <see cref="CandidateRegistered"/> in the caller's transaction: every way in (the form, a firm,
    /// the person's own registration, a talent list) is the same registration to the other services.
    /// </summary>
    public static async Task RegisterAsync(DatabaseTransaction tx, string program, Guid id, CandidateRecord record, string status, Guid? sourceFirmId,
        DateTimeOffset at, string? by, CancellationToken ct)
    {
        await InsertAsync(tx, program, id, record, status, sourceFirmId, at, by, ct);
        await tx.Outbox.AddAsync(new CandidateRegistered(
            EventIds.New(), program, at, id, JapanTime.DayOf(at), record.PrefectureCode,
            record.EmploymentForms, sourceFirmId, record.Profile.HometownPrefectureCode), ct);
    }

    /// <summary>Replaces the record when <paramref name="version"/> is current, keeping the one it replaces; false when it is not.</summary>
    public static async Task<bool> UpdateAsync(DatabaseTransaction tx, string program, StoredCandidate current, CandidateRecord record, string status,
        int version, DateTimeOffset at, string? by, CancellationToken ct)
    {
        var values = new Dapper.DynamicParameters(Columns(program, current.Id, record, status));
        values.AddDynamicParams(new { version, at });
        if (await tx.ExecuteAsync(UpdateSql, values, ct) == 0)
            return false;
        await tx.ExecuteAsync(InsertRevisionSql, new
        {
            id = current.Id, version = current.Version, content = JsonSerializer.Serialize(current.Record, MatchingJson.Options), at, by,
        }, ct);
        await WriteSkillsAsync(tx, current.Id, record.Profile.Skills, ct);
        return true;
    }

    private static async Task WriteSkillsAsync(DatabaseTransaction tx, Guid id, IReadOnlyList<string> codes, CancellationToken ct)
    {
        await tx.ExecuteAsync(DeleteSkillsSql, new { id }, ct);
        if (codes.Count > 0)
            await tx.ExecuteAsync(InsertSkillSql, codes.Select(code => new { id, code }).ToList(), ct);
    }

    public static async Task<StoredCandidate?> GetAsync(DatabaseTransaction tx, string program, Guid id, CancellationToken ct) =>
        (await tx.QuerySingleOrDefaultAsync<Row>(SelectSql, new { program, id }, ct))?.ToCandidate();

    public static async Task<StoredCandidate?> GetAsync(ServiceDatabase database, string program, Guid id, CancellationToken ct) =>
        (await database.QuerySingleOrDefaultAsync<Row>(SelectSql, new { program, id }, ct))?.ToCandidate();

    public static async Task<IReadOnlyList<Revision>> RevisionsAsync(ServiceDatabase database, Guid id, CancellationToken ct) =>
        (await database.QueryAsync<RevisionRow>(RevisionsSql, new { id }, ct))
            .Select(r => new Revision(r.Version, JsonSerializer.Deserialize<CandidateRecord>(r.Content, MatchingJson.Options)!, r.ReplacedAt, r.ReplacedBy))
            .ToList();
}
