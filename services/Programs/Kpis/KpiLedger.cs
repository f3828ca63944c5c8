using Matching.Platform.Data;

namespace Matching.Programs.Kpis;

/// <summary>
/// The KPI ledger: one row per counted fact (a consultation, a registered company …), keyed by kind and source id so
/// a fact counts once whatever the delivery, and a count per program, kind and day kept in the same transaction.
/// </summary>
internal static class KpiLedger
{
    // Facts already in the ledger (counted, or voided before they arrived) among a batch's source ids.
    internal const string KnownSql = """
        SELECT source_id FROM counted_events WHERE kind = @kind AND source_id IN @sourceIds
        """;

    // Only facts the ledger does not hold yet are inserted; the primary key still refuses a fact a concurrent writer
    // (another replica on SQL Server) counted in between, and the consumer's retry then finds it known.
    internal const string InsertSql = """
        INSERT INTO counted_events (kind, source_id, program, occurred_on, counted_at, municipality_code, industry, coordinator, employment_form, firm,
                                    prefecture_code, turn)
        VALUES (@kind, @sourceId, @program, @occurredOn, @countedAt, @municipalityCode, @industry, @coordinator, @employmentForm, @firm, @prefectureCode, @turn)
        """;

    internal const string InsertCoordinatorSql = """
        INSERT INTO counted_coordinators (kind, source_id, position, coordinator) VALUES (@kind, @sourceId, @position, @coordinator)
        """;

    internal const string VoidSql = """
        UPDATE counted_events SET voided_at = @voidedAt
         WHERE kind = @kind AND source_id = @sourceId AND voided_at IS NULL
        """;

    // A void that arrives before its fact writes the row already voided, so the late fact (insert-if-absent) cannot count.
    internal const string InsertVoidedSql = """
        INSERT INTO counted_events (kind, source_id, program, occurred_on, counted_at, voided_at)
        SELECT @kind, @sourceId, @program, @occurredOn, @voidedAt, @voidedAt
         WHERE NOT EXISTS (SELECT 1 FROM counted_events WHERE kind = @kind AND source_id = @sourceId)
        """;

    internal const string AddToDaySql = """
        UPDATE kpi_daily_counts SET count = count + @delta WHERE program = @program AND kind = @kind AND day = @day
        """;

    internal const string InsertDaySql = """
        INSERT INTO kpi_daily_counts (program, kind, day, count) VALUES (@program, @kind, @day, @delta)
        """;

    internal const string CountSql = """
        SELECT COALESCE(SUM(count), 0)
          FROM kpi_daily_counts
         WHERE program = @program AND kind = @kind AND day >= @from AND day <= @to
        """;

    internal const string DaysSql = """
        SELECT day AS Day, count AS Count
          FROM kpi_daily_counts
         WHERE program = @program AND kind = @kind AND day >= @from AND day <= @to
        """;

    // Properties, not a positional record: with no row SQLite reports no type for COUNT(*), and Dapper's match of a
    // record constructor to the column types would fail (see GetKpiBreakdown.Group).
    private sealed class DayCount
    {
        public DateOnly Day { get; init; }

        public long Count { get; init; }
    }

    /// <summary>The counts of each month from <paramref name="from"/> to <paramref name="to"/> (months without facts are 0).</summary>
    public static async Task<IReadOnlyList<MonthCount>> MonthsAsync(
        ServiceDatabase database, string program, string kind, DateOnly from, DateOnly to, CancellationToken ct, CountedFilter? filter = null)
    {
        IReadOnlyList<DayCount> days;
        if (filter is null or { IsEmpty: true })
        {
            days = await database.QueryAsync<DayCount>(DaysSql, new { program, kind, from, to }, ct);
        }
        else
        {
            var (sql, parameters) = Filtered("occurred_on AS Day, COUNT(*) AS Count", filter, program, kind, from, to);
            days = await database.QueryAsync<DayCount>(sql + " GROUP BY occurred_on", parameters, ct);
        }
        var byMonth = days.GroupBy(d => (d.Day.Year, d.Day.Month)).ToDictionary(g => g.Key, g => g.Sum(d => d.Count));
        var months = new List<MonthCount>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
            months.Add(new MonthCount(month.Year, month.Month, byMonth.GetValueOrDefault((month.Year, month.Month))));
        return months;
    }

    /// <summary>Counts the fact unless it is in the ledger already (or was voided before it arrived), with what it is broken down by.</summary>
    public static Task RecordAsync(DatabaseTransaction tx, string kind, Guid sourceId, string program, DateOnly occurredOn,
        DateTimeOffset countedAt, CancellationToken ct, CountedAttributes? attributes = null) =>
        RecordAllAsync(tx, [new CountedFact(kind, sourceId, program, occurredOn, attributes)], countedAt, ct);

    /// <summary>
    /// Counts a batch of facts, each unless the ledger holds it already, with a few statements for the whole batch:
    /// one lookup per kind, one prepared insert, and one day-count change per program, kind and day.
    /// </summary>
    public static async Task RecordAllAsync(DatabaseTransaction tx, IReadOnlyList<CountedFact> facts, DateTimeOffset countedAt, CancellationToken ct)
    {
        var fresh = new List<CountedFact>(facts.Count);
        foreach (var ofKind in facts.GroupBy(f => f.Kind))
        {
            var known = new HashSet<Guid>();
            foreach (var sourceIds in tx.Dialect.GuidLists(ofKind.Select(f => f.SourceId).Distinct()))
                known.UnionWith(await tx.QueryAsync<Guid>(KnownSql, new { kind = ofKind.Key, sourceIds }, ct));
            fresh.AddRange(ofKind.Where(f => known.Add(f.SourceId)));
        }
        if (fresh.Count == 0)
            return;
        await tx.ExecuteAsync(InsertSql, fresh.Select(f => new
        {
            kind = f.Kind, sourceId = f.SourceId, program = f.Program, occurredOn = f.OccurredOn, countedAt,
            municipalityCode = f.Attributes?.MunicipalityCode, industry = f.Attributes?.Industry,
            coordinator = f.Attributes?.Coordinator, employmentForm = f.Attributes?.EmploymentForm, firm = f.Attributes?.Firm,
            prefectureCode = f.Attributes?.PrefectureCode ?? f.Attributes?.MunicipalityCode?[..2], turn = f.Attributes?.Turn,
        }).ToList(), ct);
        var coordinators = fresh.SelectMany(f => (f.Attributes?.AllCoordinators ?? []).Select((name, position) =>
            new { kind = f.Kind, sourceId = f.SourceId, position, coordinator = name.Length > 100 ? name[..100] : name })).ToList();
        if (coordinators.Count > 0)
            await tx.ExecuteAsync(InsertCoordinatorSql, coordinators, ct);
        foreach (var day in fresh.GroupBy(f => (f.Program, f.Kind, f.OccurredOn)))
            await AddAsync(tx, day.Key.Program, day.Key.Kind, day.Key.OccurredOn, day.Count(), ct);
    }

    /// <summary>Stops counting the fact; remembers the void when the fact has not arrived yet.</summary>
    public static async Task VoidAsync(DatabaseTransaction tx, string kind, Guid sourceId, string program, DateOnly occurredOn,
        DateTimeOffset voidedAt, CancellationToken ct)
    {
        var parameters = new { kind, sourceId, program, occurredOn, voidedAt };
        if (await tx.ExecuteAsync(VoidSql, parameters, ct) == 1)
            await AddAsync(tx, program, kind, occurredOn, -1, ct);
        else
            await tx.ExecuteAsync(InsertVoidedSql, parameters, ct);
    }

    /// <summary>The count of a period: from the day counts, or, for a filtered KPI, from the ledger rows that match the filter.</summary>
    public static Task<long> CountAsync(
        ServiceDatabase database, string program, string kind, DateOnly from, DateOnly to, CancellationToken ct, CountedFilter? filter = null)
    {
        if (filter is null or { IsEmpty: true })
            return database.ExecuteScalarAsync<long>(CountSql, new { program, kind, from, to }, ct);
        var (sql, parameters) = Filtered("COUNT(*)", filter, program, kind, from, to);
        return database.ExecuteScalarAsync<long>(sql, parameters, ct);
    }

    /// <summary>A query over the counted (not voided) ledger rows of a kind and period that pass the filter (none: all).</summary>
    internal static (string Sql, Dapper.DynamicParameters Parameters) Filtered(
        string select, CountedFilter? filter, string program, string kind, DateOnly from, DateOnly to)
    {
        var parameters = new Dapper.DynamicParameters(filter?.Parameters);
        parameters.AddDynamicParams(new { program, kind, from, to });
        return ($"SELECT {select} FROM counted_events WHERE program = @program AND kind = @kind AND occurred_on >= @from AND occurred_on <= @to AND voided_at IS NULL"
                + filter?.Conditions, parameters);
    }

    // Update, else insert: the same two statements on both databases. Two SQL Server writers inserting the same new
    // day at once meet the primary key; the loser's transaction is retried by the consumer's retry policy.
    private static async Task AddAsync(DatabaseTransaction tx, string program, string kind, DateOnly day, int delta, CancellationToken ct)
    {
        if (await tx.ExecuteAsync(AddToDaySql, new { program, kind, day, delta }, ct) == 0)
            await tx.ExecuteAsync(InsertDaySql, new { program, kind, day, delta }, ct);
    }
}

/// <summary>A fact to count: what it is, the record it stands for, its program and the day it happened.</summary>
internal sealed record CountedFact(string Kind, Guid SourceId, string Program, DateOnly OccurredOn, CountedAttributes? Attributes = null);

/// <summary>What a counted fact is broken down by (内訳); each may be unknown.</summary>
/// <param name="PrefectureCode">The prefecture when the fact has one without a municipality (a candidate's residence); else the municipality's.</param>
/// <param name="Coordinators">Every coordinator, the main one first, when the fact has several (a consultation).</param>
/// <param name="Turn">U・I・Jターン of a placement (u, i, j), local for a hire from inside the prefecture, null when unknown.</param>
public sealed record CountedAttributes(
    string? MunicipalityCode, string? Industry, string? Coordinator, string? EmploymentForm = null, string? Firm = null, string? PrefectureCode = null,
    IReadOnlyList<string>? Coordinators = null, string? Turn = null)
{
    /// <summary>The fact's coordinators as the breakdown credits them: all of them, or the one there is.</summary>
    public IReadOnlyList<string> AllCoordinators =>
        Coordinators is { Count: > 0 } all ? [.. all.Distinct(StringComparer.Ordinal)] : Coordinator is { } one ? [one] : [];
}

/// <summary>A month's count of a counted KPI, for the trend chart.</summary>
public sealed record MonthCount(int Year, int Month, long Count);
