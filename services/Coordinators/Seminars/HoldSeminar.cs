using System.Globalization;
using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Seminars;

/// <summary>セミナー・イベントの種類.</summary>
internal enum SeminarKind
{
    /// <summary>セミナー</summary>
    Seminar,

    /// <summary>交流会</summary>
    ExchangeMeeting,

    /// <summary>合同採用説明会</summary>
    JointRecruiting,

    /// <summary>研修</summary>
    Training,

    /// <summary>その他</summary>
    Other,
}

/// <summary>セミナー・イベントの記録 — a seminar or event the program held, with the companies that took part; counted by KPIs.</summary>
internal static class HoldSeminar
{
    public sealed record Request(DateOnly? Date, SeminarKind? Kind, string? Title, string? Place, IReadOnlyList<Guid>? CompanyIds, int? Participants, [property: MultiLine] string? Notes);

    public sealed record Response(Guid Id);

    public sealed record Seminar(
        Guid Id, DateOnly Date, string Kind, string Title, string? Place, int Participants, string? Notes, DateTimeOffset HeldAt)
    {
        public IReadOnlyList<Guid> CompanyIds { get; init; } = [];
    }

    public static readonly LocalizedText DateLabel = new("開催日", "Date");
    public static readonly LocalizedText KindLabel = new("種類", "Kind");
    public static readonly LocalizedText TitleLabel = new("名称", "Title");
    public static readonly LocalizedText PlaceLabel = new("会場", "Place");
    public static readonly LocalizedText NotesLabel = new("内容", "Notes");
    public static readonly LocalizedText DateRange = new(
        "開催日は 1989-04-01 以降、今日から 1 年以内の日付を入力してください。", "The date must be on or after 1989-04-01 and at most a year from today.");
    public static readonly LocalizedText ParticipantsInvalid = new(
        "参加者数は 0 〜 100,000 人で、参加企業の数以上にしてください。", "Participants is 0 to 100,000 and not fewer than the companies taking part.");
    public static readonly LocalizedText TooManyCompanies = new("参加企業は 500 社までです。", "At most 500 companies.");
    public static readonly LocalizedText UnknownCompanies = new(
        "参加企業に、このプログラムに登録されていない企業があります: {0}", "Some companies are not registered in this program: {0}");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.Date).NotNull().Label(DateLabel)
                .Must(d => d >= new DateOnly(1989, 4, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(1))).Message(DateRange);
            RuleFor(r => r.Kind).NotNull().Label(KindLabel).IsInEnum().Label(KindLabel);
            RuleFor(r => r.Title).NotEmpty().Label(TitleLabel).MaximumLength(200).Label(TitleLabel);
            RuleFor(r => r.Place).MaximumLength(200).Label(PlaceLabel);
            RuleFor(r => r.Notes).MaximumLength(4000).Label(NotesLabel);
            RuleFor(r => r.CompanyIds).Must(c => c is null || c.Count <= 500).Message(TooManyCompanies);
            RuleFor(r => r.Participants).InclusiveBetween(0, 100_000).Message(ParticipantsInvalid)
                .Must((r, p) => p is null || p >= (r.CompanyIds?.Distinct().Count() ?? 0)).Message(ParticipantsInvalid);
        }
    }

    private const string InsertSql = """
        INSERT INTO seminars (id, program, date, kind, title, place, participants, notes, held_at)
        VALUES (@id, @program, @date, @kind, @title, @place, @participants, @notes, @heldAt)
        """;

    private const string InsertCompanySql = "INSERT INTO seminar_companies (seminar_id, company_id) VALUES (@id, @companyId)";

    private const string KnownCompaniesSql = "SELECT id FROM companies WHERE program = @program AND id IN @ids";

    public static async Task<Results<Created<Response>, ValidationProblem>> HandleAsync(
        string program, Request request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var companies = (request.CompanyIds ?? []).Distinct().ToList();
        await using var tx = await database.BeginAsync(ct);
        var known = new HashSet<Guid>();
        foreach (var ids in tx.Dialect.GuidLists(companies))
            known.UnionWith(await tx.QueryAsync<Guid>(KnownCompaniesSql, new { program, ids }, ct));
        var unknown = companies.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0)
            return Problems.Invalid("companyIds", UnknownCompanies.Format(string.Join(", ", unknown)));

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var kind = MatchingJson.Options.PropertyNamingPolicy!.ConvertName(request.Kind!.Value.ToString());
        var participants = request.Participants ?? companies.Count;
        await tx.ExecuteAsync(InsertSql, new
        {
            id, program, date = request.Date!.Value, kind, title = request.Title!.Trim(), place = request.Place?.Trim(), participants,
            notes = request.Notes, heldAt = now,
        }, ct);
        // One prepared statement run for every company (Dapper's sequence of parameter sets).
        if (companies.Count > 0)
            await tx.ExecuteAsync(InsertCompanySql, companies.Select(companyId => new { id, companyId }).ToList(), ct);
        await tx.Outbox.AddAsync(new SeminarHeld(EventIds.New(), program, now, id, request.Date.Value, kind, companies, participants), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/seminars/{id}", new Response(id));
    }

    private const string SelectColumns = """
        SELECT id AS Id, date AS Date, kind AS Kind, title AS Title, place AS Place, participants AS Participants, notes AS Notes,
               held_at AS HeldAt
          FROM seminars
        """;

    public static async Task<Results<Ok<Seminar>, ProblemHttpResult>> GetAsync(
        string program, Guid id, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var seminar = await database.QuerySingleOrDefaultAsync<Seminar>(SelectColumns + " WHERE program = @program AND id = @id", new { program, id }, ct);
        if (seminar is null)
            return Problems.NotFound(new LocalizedText("このセミナー・イベントは見つかりません。", "This seminar does not exist."));
        var companies = await database.QueryAsync<Guid>("SELECT company_id FROM seminar_companies WHERE seminar_id = @id", new { id }, ct);
        return TypedResults.Ok(seminar with { CompanyIds = companies });
    }

    /// <summary>The seminars of a period (or of one company), newest first.</summary>
    public static async Task<Ok<IReadOnlyList<Seminar>>> ListAsync(
        string program, string? from, string? to, Guid? companyId, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        static DateOnly? Day(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var where = " WHERE program = @program"
                    + (Day(from) is null ? "" : " AND date >= @from")
                    + (Day(to) is null ? "" : " AND date <= @to")
                    + (companyId is null ? "" : " AND id IN (SELECT seminar_id FROM seminar_companies WHERE company_id = @companyId)");
        var parameters = new { program, from = Day(from), to = Day(to), companyId };
        var seminars = await database.QueryAsync<Seminar>(SelectColumns + where + " ORDER BY date DESC, held_at DESC", parameters, ct);
        var companies = (await database.QueryAsync<(Guid SeminarId, Guid CompanyId)>(
                "SELECT seminar_id AS SeminarId, company_id AS CompanyId FROM seminar_companies WHERE seminar_id IN (SELECT id FROM seminars" + where + ")",
                parameters, ct))
            .ToLookup(c => c.SeminarId, c => c.CompanyId);
        return TypedResults.Ok<IReadOnlyList<Seminar>>([.. seminars.Select(s => s with { CompanyIds = [.. companies[s.Id]] })]);
    }
}
