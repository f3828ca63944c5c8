using System.Globalization;
using System.Text;
using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Placements;
using Matching.Placements.Settings;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Exports;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Placements.FollowUps;

/// <summary>
/// The follow-ups of the program's placements: a coordinator's due list (overdue, and due through the end of this week),
/// the program's list by period and coordinator with a CSV export, a calendar (iCalendar) of one's own, and recording one.
/// </summary>
internal static class FollowUpEndpoints
{
    public sealed record Item(
        Guid Id, Guid PlacementId, Guid IntroductionId, Guid CandidateId, Guid CompanyId, string? CompanyName, string? NeedRole, int Month, DateOnly DueOn,
        bool Overdue, string Status, Guid? CoordinatorUserId, string? CoordinatorName, DateOnly StartOn, DateOnly? ContactedOn, bool? StillEmployed,
        int? Satisfaction);

    internal const string Columns = """
        f.id AS Id, f.placement_id AS PlacementId, p.introduction_id AS IntroductionId, p.candidate_id AS CandidateId, p.company_id AS CompanyId,
        c.name AS CompanyName, n.role AS NeedRole, f.month AS Month, f.due_on AS DueOn, f.status AS Status, f.coordinator_user_id AS CoordinatorUserId,
        f.coordinator_name AS CoordinatorName, p.start_on AS StartOn, f.contacted_on AS ContactedOn, f.still_employed AS StillEmployed,
        f.satisfaction AS Satisfaction
        """;

    internal const string From = """
          FROM follow_ups f
          JOIN placements p ON p.id = f.placement_id
          LEFT JOIN companies c ON c.id = p.company_id
          LEFT JOIN needs n ON n.id = p.need_id
        """;

    /// <summary>The coordinator's follow-ups still due up to a day (overdue first): served by ix_follow_ups_coordinator.</summary>
    internal const string DueSql = "SELECT " + Columns + From + """
         WHERE f.coordinator_user_id = @userId AND f.program = @program AND f.status = 'due' AND f.due_on <= @through
         ORDER BY f.due_on, f.id
        """;

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public Guid PlacementId { get; init; }
        public Guid IntroductionId { get; init; }
        public Guid CandidateId { get; init; }
        public Guid CompanyId { get; init; }
        public string? CompanyName { get; init; }
        public string? NeedRole { get; init; }
        public int Month { get; init; }
        public DateOnly DueOn { get; init; }
        public string Status { get; init; } = "";
        public Guid? CoordinatorUserId { get; init; }
        public string? CoordinatorName { get; init; }
        public DateOnly StartOn { get; init; }
        public DateOnly? ContactedOn { get; init; }
        public bool? StillEmployed { get; init; }
        public int? Satisfaction { get; init; }

        public Item ToItem(DateOnly today) => new(Id, PlacementId, IntroductionId, CandidateId, CompanyId, CompanyName, NeedRole, Month, DueOn,
            Status == "due" && DueOn < today, Status, CoordinatorUserId, CoordinatorName, StartOn, ContactedOn, StillEmployed, Satisfaction);
    }

    /// <summary>The last day of the week (Sunday) a day is in: "due this week" runs through it.</summary>
    public static DateOnly EndOfWeek(DateOnly day) => day.AddDays((7 - (int)day.DayOfWeek) % 7);

    public sealed record Due(DateOnly Today, DateOnly Through, IReadOnlyList<Item> Overdue, IReadOnlyList<Item> ThisWeek);

    public static async Task<Due> DueAsync(ServiceDatabase database, string program, Guid userId, DateOnly today, CancellationToken ct)
    {
        var through = EndOfWeek(today);
        var rows = await database.QueryAsync<Row>(DueSql, new { program, userId, through }, ct);
        var items = rows.Select(r => r.ToItem(today)).ToList();
        return new Due(today, through, [.. items.Where(i => i.Overdue)], [.. items.Where(i => !i.Overdue)]);
    }

    public static async Task<Ok<Due>> MineAsync(string program, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await DueAsync(database, program, http.User.MatchingUser()!.Id, Days.Today(clock), ct));

    public sealed record ListRequest(DateOnly? From, DateOnly? To, Guid? Coordinator, string? Status)
    {
        public static ValueTask<ListRequest?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            return ValueTask.FromResult<ListRequest?>(new ListRequest(
                DateOnly.TryParseExact(query.Text("from"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ? from : null,
                DateOnly.TryParseExact(query.Text("to"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) ? to : null,
                Guid.TryParse(query.Text("coordinator"), out var coordinator) ? coordinator : null, query.Text("status")));
        }
    }

    public static readonly LocalizedText PeriodInvalid = new(
        "期間は from ≦ to で、366 日以内にしてください（日付は yyyy-MM-dd）。", "The period runs from ≤ to, at most 366 days (dates as yyyy-MM-dd).");
    public static readonly LocalizedText StatusInvalid = new("状況は due、done、cancelled のいずれかです。", "status is due, done or cancelled.");

    public sealed class ListValidator : AbstractValidator<ListRequest>
    {
        public ListValidator()
        {
            RuleFor(r => r.To).Must((r, to) => r.From is null || to is null || (to >= r.From && to.Value.DayNumber - r.From.Value.DayNumber <= 366)).Message(PeriodInvalid);
            RuleFor(r => r.Status).Must(s => s is "due" or "done" or "cancelled").Message(StatusInvalid).When(r => r.Status is not null);
        }
    }

    internal const string ListSql = "SELECT " + Columns + From + """
         WHERE f.program = @program AND f.due_on >= @from AND f.due_on <= @to
           AND (@coordinator IS NULL OR f.coordinator_user_id = @coordinator)
           AND (@status IS NULL OR f.status = @status)
         ORDER BY f.due_on, f.id
        """;

    /// <summary>The period given, else this week (Monday to Sunday).</summary>
    private static (DateOnly From, DateOnly To) Period(ListRequest request, DateOnly today)
    {
        var to = request.To ?? (request.From?.AddDays(6) ?? EndOfWeek(today));
        return (request.From ?? to.AddDays(-6), to);
    }

    public static async Task<IReadOnlyList<Item>> QueryAsync(ServiceDatabase database, string program, ListRequest request, DateOnly today, CancellationToken ct)
    {
        var (from, to) = Period(request, today);
        var rows = await database.QueryAsync<Row>(ListSql, new { program, from, to, coordinator = request.Coordinator, status = request.Status }, ct);
        return [.. rows.Select(r => r.ToItem(today))];
    }

    public static async Task<Ok<IReadOnlyList<Item>>> ListAsync(
        string program, ListRequest request, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await QueryAsync(database, program, request, Days.Today(clock), ct));

    public static async Task<IResult> CsvAsync(string program, ListRequest request, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var today = Days.Today(clock);
        var items = await QueryAsync(database, program, request, today, ct);
        var table = new ExportTable(["予定日", "時期", "企業", "職種", "入社日", "担当", "状況", "実施日", "在籍"]);
        foreach (var i in items)
            table.Add(i.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{i.Month}か月", i.CompanyName, i.NeedRole,
                i.StartOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.CoordinatorName,
                i.Status switch { "done" => "実施済", "cancelled" => "中止", _ => i.Overdue ? "期限超過" : "予定" },
                i.ContactedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.StillEmployed switch { true => "在籍", false => "離職", _ => null });
        var (from, to) = Period(request, today);
        return Results.File(table.ToCsv(), ExportTable.CsvContentType, $"follow-ups-{from:yyyyMMdd}-{to:yyyyMMdd}.csv");
    }

    /// <summary>
    /// The signed-in coordinator's follow-ups still due, as an iCalendar feed (RFC 5545): one all-day event each, so a
    /// calendar app shows them among the day's work. Holds no personal data of the placed person: company and role only.
    /// </summary>
    public static async Task<IResult> CalendarAsync(string program, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var today = Days.Today(clock);
        var rows = await database.QueryAsync<Row>(DueSql, new { program, userId = http.User.MatchingUser()!.Id, through = today.AddYears(2) }, ct);
        var ics = new StringBuilder();
        ics.Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Matching//Follow-ups//JA\r\nCALSCALE:GREGORIAN\r\n");
        ics.Append("X-WR-CALNAME:").Append(Escape($"アフターフォロー（{program}）")).Append("\r\n");
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var r in rows)
        {
            ics.Append("BEGIN:VEVENT\r\n");
            ics.Append("UID:").Append(r.Id.ToString("D")).Append("@matching\r\n");
            ics.Append("DTSTAMP:").Append(stamp).Append("\r\n");
            ics.Append("DTSTART;VALUE=DATE:").Append(r.DueOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("\r\n");
            ics.Append("DTEND;VALUE=DATE:").Append(r.DueOn.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("\r\n");
            ics.Append("SUMMARY:").Append(Escape($"{r.Month}か月フォロー：{r.CompanyName}（{r.NeedRole}）")).Append("\r\n");
            ics.Append("END:VEVENT\r\n");
        }
        ics.Append("END:VCALENDAR\r\n");
        return Results.Text(ics.ToString(), "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>How the check-in was made.</summary>
    public enum Channel
    {
        Visit,
        Phone,
        Online,
        Email,
    }

    public sealed record RecordRequest(
        DateOnly? ContactedOn, Channel? Channel, bool? ContactedCompany, string? CompanyContact, bool? ContactedPerson, int? Satisfaction, string? Issues,
        bool? StillEmployed, string? Note);

    public static readonly LocalizedText ContactedOnInvalid = new("実施日は今日までの日付で入力してください。", "The day of the check-in is today or earlier.");
    public static readonly LocalizedText ChannelInvalid = new("方法は visit、phone、online、email のいずれかです。", "channel is visit, phone, online or email.");
    public static readonly LocalizedText WhoRequired = new("企業と本人の、少なくともどちらかに連絡したことを記録してください。", "Record that the company, the person or both were contacted.");
    public static readonly LocalizedText SatisfactionInvalid = new("満足度は 1〜5 で選んでください。", "satisfaction is 1 to 5.");
    public static readonly LocalizedText StillEmployedRequired = new("在籍しているかどうかを選んでください。", "Say whether the person is still employed.");
    public static readonly LocalizedText TextTooLong = new("2,000 文字以内で入力してください。", "At most 2,000 characters.");
    public static readonly LocalizedText ContactTooLong = new("企業の担当者名は 100 文字以内で入力してください。", "The company contact is at most 100 characters.");
    public static readonly LocalizedText UnknownFollowUp = new("このフォローは見つかりません。", "No such follow-up.");
    public static readonly LocalizedText NotDue = new("このフォローは記録済みか、中止されています。", "This follow-up was recorded or cancelled already.");

    public sealed class RecordValidator : AbstractValidator<RecordRequest>
    {
        public RecordValidator(TimeProvider clock)
        {
            RuleFor(r => r.ContactedOn).NotNull().Message(ContactedOnInvalid).Must(d => d is null || (d.Value.Year >= 1989 && d.Value <= Days.Today(clock))).Message(ContactedOnInvalid);
            RuleFor(r => r.Channel).NotNull().Message(ChannelInvalid).IsInEnum().Message(ChannelInvalid);
            RuleFor(r => r.ContactedCompany).Must((r, c) => c == true || r.ContactedPerson == true).Message(WhoRequired);
            RuleFor(r => r.CompanyContact).MaximumLength(100).Message(ContactTooLong);
            RuleFor(r => r.Satisfaction).InclusiveBetween(1, 5).Message(SatisfactionInvalid).When(r => r.Satisfaction is not null);
            RuleFor(r => r.StillEmployed).NotNull().Message(StillEmployedRequired);
            RuleFor(r => r.Issues).MaximumLength(2000).Message(TextTooLong);
            RuleFor(r => r.Note).MaximumLength(2000).Message(TextTooLong);
        }
    }

    internal const string RecordSql = """
        UPDATE follow_ups SET status = 'done', contacted_on = @contactedOn, channel = @channel, contacted_company = @contactedCompany,
                              company_contact = @companyContact, contacted_person = @contactedPerson, satisfaction = @satisfaction, issues = @issues,
                              still_employed = @stillEmployed, note = @note, recorded_at = @at, recorded_by = @by
         WHERE id = @id AND program = @program AND status = 'due'
        """;

    internal const string ScheduledSql = "SELECT placement_id AS PlacementId, month AS Month FROM follow_ups WHERE id = @id AND program = @program";

    private sealed class Scheduled
    {
        public Guid PlacementId { get; init; }

        public int Month { get; init; }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RecordAsync(
        string program, Guid id, RecordRequest request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        if (await tx.QuerySingleOrDefaultAsync<Scheduled>(ScheduledSql, new { id, program }, ct) is not { } scheduled)
            return Problems.NotFound(UnknownFollowUp);
        var at = clock.GetUtcNow();
        if (await tx.ExecuteAsync(RecordSql, new
            {
                id, program, contactedOn = request.ContactedOn, channel = Names.Of(request.Channel!.Value), contactedCompany = request.ContactedCompany == true,
                companyContact = request.CompanyContact?.Trim(), contactedPerson = request.ContactedPerson == true, satisfaction = request.Satisfaction,
                issues = request.Issues?.Trim(), stillEmployed = request.StillEmployed, note = request.Note?.Trim(), at, by = http.User.MatchingUser()?.DisplayName,
            }, ct) == 0)
            return Problems.Conflict(NotDue);
        await tx.Outbox.AddAsync(new FollowUpRecorded(EventIds.New(), program, at, id, scheduled.PlacementId, scheduled.Month, request.ContactedOn!.Value,
            request.StillEmployed!.Value, request.Satisfaction), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
