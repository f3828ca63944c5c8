using Matching.Platform.Data;

namespace Matching.Placements.Introductions;

/// <summary>An introduction as stored.</summary>
internal sealed class IntroductionRow
{
    public Guid Id { get; init; }
    public string Program { get; init; } = "";
    public Guid NeedId { get; init; }
    public Guid CompanyId { get; init; }
    public Guid CandidateId { get; init; }
    public Guid? FirmId { get; init; }
    public string? FirmName { get; init; }
    public Guid? ReferralId { get; init; }
    public Guid? CoordinatorUserId { get; init; }
    public string? CoordinatorName { get; init; }
    public string Stage { get; init; } = "";
    public DateOnly StageOn { get; init; }
    public string? Reason { get; init; }
    public DateOnly IntroducedOn { get; init; }
    public DateTimeOffset IntroducedAt { get; init; }
    public string? IntroducedBy { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public int Version { get; init; }
    public string? CompanyName { get; init; }
    public string? NeedRole { get; init; }
}

/// <summary>One step of an introduction's history.</summary>
internal sealed class HistoryRow
{
    public int Version { get; init; }
    public string Stage { get; init; } = "";
    public DateOnly StageOn { get; init; }
    public string? Reason { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset? InterviewAt { get; init; }
    public string? Attendees { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ByName { get; init; }
}

/// <summary>The SQL of introductions and their history.</summary>
internal static class IntroductionStore
{
    internal const string Columns = """
        i.id AS Id, i.program AS Program, i.need_id AS NeedId, i.company_id AS CompanyId, i.candidate_id AS CandidateId, i.firm_id AS FirmId,
        i.firm_name AS FirmName, i.referral_id AS ReferralId, i.coordinator_user_id AS CoordinatorUserId, i.coordinator_name AS CoordinatorName,
        i.stage AS Stage, i.stage_on AS StageOn, i.reason AS Reason, i.introduced_on AS IntroducedOn, i.introduced_at AS IntroducedAt,
        i.introduced_by AS IntroducedBy, i.changed_at AS ChangedAt, i.version AS Version, c.name AS CompanyName, n.role AS NeedRole
        """;

    internal const string From = """
          FROM introductions i
          LEFT JOIN companies c ON c.id = i.company_id
          LEFT JOIN needs n ON n.id = i.need_id
        """;

    internal const string SelectSql = "SELECT " + Columns + From + " WHERE i.program = @program AND i.id = @id";

    internal const string InsertSql = """
        INSERT INTO introductions (id, program, need_id, company_id, candidate_id, firm_id, firm_name, referral_id, coordinator_user_id, coordinator_name,
                                   stage, stage_on, reason, introduced_on, introduced_at, introduced_by, changed_at, version)
        VALUES (@id, @program, @needId, @companyId, @candidateId, @firmId, @firmName, @referralId, @coordinatorUserId, @coordinatorName,
                'introduced', @on, NULL, @on, @at, @by, @at, 1)
        """;

    internal const string MoveSql = """
        UPDATE introductions SET stage = @stage, stage_on = @on, reason = @reason, changed_at = @at, version = version + 1
         WHERE id = @id AND version = @version
        """;

    internal const string HistorySql = """
        INSERT INTO introduction_history (introduction_id, version, stage, stage_on, reason, note, interview_at, attendees, at, by_user, by_name)
        VALUES (@id, @version, @stage, @on, @reason, @note, @interviewAt, @attendees, @at, @byUser, @byName)
        """;

    internal const string HistoryOfSql = """
        SELECT version AS Version, stage AS Stage, stage_on AS StageOn, reason AS Reason, note AS Note, interview_at AS InterviewAt,
               attendees AS Attendees, at AS At, by_name AS ByName
          FROM introduction_history WHERE introduction_id = @id ORDER BY version
        """;

    public static Task<IntroductionRow?> GetAsync(DatabaseTransaction tx, string program, Guid id, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<IntroductionRow>(SelectSql, new { program, id }, ct);

    public static Task<IntroductionRow?> GetAsync(ServiceDatabase database, string program, Guid id, CancellationToken ct) =>
        database.QuerySingleOrDefaultAsync<IntroductionRow>(SelectSql, new { program, id }, ct);

    /// <summary>Moves the introduction from the version the caller saw; false when someone moved it in between.</summary>
    public static async Task<bool> MoveAsync(DatabaseTransaction tx, IntroductionRow row, int version, string stage, DateOnly on, string? reason, string? note,
        DateTimeOffset? interviewAt, string? attendees, DateTimeOffset at, Guid? byUser, string? byName, CancellationToken ct)
    {
        if (await tx.ExecuteAsync(MoveSql, new { id = row.Id, version, stage, on, reason, at }, ct) == 0)
            return false;
        await tx.ExecuteAsync(HistorySql, new { id = row.Id, version = version + 1, stage, on, reason, note, interviewAt, attendees, at, byUser, byName }, ct);
        return true;
    }
}
