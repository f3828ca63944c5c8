using System.Text.Json;
using FluentValidation;
using Matching.Candidates.Profiles;
using Matching.Platform.Tenancy;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Exports;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Provisions;

/// <summary>
/// 第三者提供の記録 — what 個人情報保護法 第29条 asks the program to keep for each provision of personal data to a third party
/// under the person's consent: that it rested on a consent (which one), the recipient (the firm), whose data, which items,
/// and when. Written by the read that provides the data, in its transaction; the office lists and exports it. After an
/// erasure the record stays (第29条 asks for it for 3 years), the person named by the pseudonymous id only.
/// </summary>
internal static class ProvisionRecords
{
    /// <param name="CandidateName">Null once the person's data was erased.</param>
    public sealed record Record(
        Guid Id, DateTimeOffset ProvidedAt, Guid FirmId, string FirmName, Guid CandidateId, string? CandidateName, IReadOnlyList<string> Items,
        Guid ConsentId, string Channel, string? UserName);

    public sealed record Request(string? CandidateId, string? FirmId, DateOnly? From, DateOnly? To, bool DatesReadable, int Page, int PageSize)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            static (DateOnly? Date, bool Readable) DateOf(string? text) =>
                text is null ? (null, true)
                : DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                    ? (d, true) : (null, false);
            var (from, fromReadable) = DateOf(query.Text("from"));
            var (to, toReadable) = DateOf(query.Text("to"));
            return ValueTask.FromResult<Request?>(new Request(
                query.Text("candidateId"), query.Text("firmId"), from, to, fromReadable && toReadable, query.WholeNumber("page", 1), query.WholeNumber("pageSize", 50)));
        }
    }

    public static readonly LocalizedText IdInvalid = new("ID の形式が正しくありません。", "The id has the wrong format.");
    public static readonly LocalizedText DatesInvalid = new("期間は YYYY-MM-DD の日付で、開始日は終了日以前にしてください。", "from and to are YYYY-MM-DD dates, from not after to.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CandidateId).Must(id => Guid.TryParse(id, out _)).Message(IdInvalid).When(r => r.CandidateId is not null);
            RuleFor(r => r.FirmId).Must(id => Guid.TryParse(id, out _)).Message(IdInvalid).When(r => r.FirmId is not null);
            RuleFor(r => r.DatesReadable).Equal(true).Message(DatesInvalid).OverridePropertyName("from");
            RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).Message(DatesInvalid).When(r => r.From is not null && r.To is not null);
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(500);
        }
    }

    internal const string InsertSql = """
        INSERT INTO provisions (id, program, provided_at, firm_id, firm_name, candidate_id, candidate_name, items, consent_id, channel, user_id, user_name)
        VALUES (@id, @program, @at, @firmId, @firmName, @candidateId, @candidateName, @items, @consentId, @channel, @userId, @userName)
        """;

    private const string FromClause = """
         FROM provisions
        WHERE program = @program
          AND (@candidateId IS NULL OR candidate_id = @candidateId)
          AND (@firmId IS NULL OR firm_id = @firmId)
          AND (@from IS NULL OR provided_at >= @from)
          AND (@to IS NULL OR provided_at < @to)
        """;

    private const string SelectClause = """
        SELECT id AS Id, provided_at AS ProvidedAt, firm_id AS FirmId, firm_name AS FirmName, candidate_id AS CandidateId,
               candidate_name AS CandidateName, items AS Items, consent_id AS ConsentId, channel AS Channel, user_name AS UserName
        """;

    internal const string CountSql = "SELECT COUNT(*)" + FromClause;

    internal const string NewestFirstSql = SelectClause + FromClause + " ORDER BY provided_at DESC, id";

    internal const string OldestFirstSql = SelectClause + FromClause + " ORDER BY provided_at, id";

    private sealed class Row
    {
        public Guid Id { get; init; }
        public DateTimeOffset ProvidedAt { get; init; }
        public Guid FirmId { get; init; }
        public string FirmName { get; init; } = "";
        public Guid CandidateId { get; init; }
        public string CandidateName { get; init; } = "";
        public string Items { get; init; } = "[]";
        public Guid ConsentId { get; init; }
        public string Channel { get; init; } = "";
        public string? UserName { get; init; }

        public Record ToRecord() => new(Id, ProvidedAt, FirmId, FirmName, CandidateId, CandidateName is "" ? null : CandidateName,
            JsonSerializer.Deserialize<List<string>>(Items, MatchingJson.Options) ?? [], ConsentId, Channel, UserName);
    }

    public static Task RecordAsync(DatabaseTransaction tx, string program, RecruiterFirm firm, StoredCandidate candidate, IReadOnlyList<string> items,
        Guid consentId, string channel, MatchingUser? user, DateTimeOffset at, CancellationToken ct) =>
        tx.ExecuteAsync(InsertSql, new
        {
            id = Guid.CreateVersion7(), program, at, firmId = firm.Id, firmName = firm.Name, candidateId = candidate.Id, candidateName = candidate.Record.Name,
            items = JsonSerializer.Serialize(items, MatchingJson.Options), consentId, channel, userId = user?.Id, userName = user?.UserName,
        }, ct);

    // Days are Japan's: a record "on 2025-06-01" is one provided that day in JST.
    private static object Parameters(string program, Request request) => new
    {
        program,
        candidateId = request.CandidateId is null ? (Guid?)null : Guid.Parse(request.CandidateId),
        firmId = request.FirmId is null ? (Guid?)null : Guid.Parse(request.FirmId),
        from = request.From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), Matching.Contracts.JapanTime.Offset) : (DateTimeOffset?)null,
        to = request.To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), Matching.Contracts.JapanTime.Offset) : (DateTimeOffset?)null,
        offset = Paging.Offset(request.Page, request.PageSize),
        limit = request.PageSize,
    };

    /// <summary>Every record about one person, oldest first.</summary>
    public static async Task<IReadOnlyList<Record>> OfCandidateAsync(ServiceDatabase database, string program, Guid candidateId, CancellationToken ct) =>
        [.. (await database.QueryAsync<Row>(OldestFirstSql, Parameters(program, new Request(candidateId.ToString(), null, null, null, true, 1, 1)), ct))
            .Select(r => r.ToRecord())];

    public static async Task<Ok<ListPage<Record>>> ListAsync(string program, Request request, ServiceDatabase<CandidatesModule> database, CancellationToken ct)
    {
        var parameters = Parameters(program, request);
        var total = await database.ExecuteScalarAsync<int>(CountSql, parameters, ct);
        var rows = await database.QueryAsync<Row>(database.Dialect.Page(NewestFirstSql, "@offset", "@limit"), parameters, ct);
        return TypedResults.Ok(new ListPage<Record>([.. rows.Select(r => r.ToRecord())], request.Page, request.PageSize, total));
    }

    /// <summary>The name column of a record whose person was erased: the id beside it still says whose data it was.</summary>
    public const string ErasedName = "（消去済み）";

    public static readonly string[] Headers =
        ["提供日時", "提供先（第三者）", "提供先ID", "本人の氏名", "本人ID", "提供した項目", "本人の同意", "同意ID", "提供の方法", "操作した利用者"];

    /// <summary>Every record the filters find (not a page), oldest first, as the table of the office's 第29条 file.</summary>
    private static async Task<ExportTable> TableAsync(string program, Request request, ServiceDatabase database, CancellationToken ct)
    {
        var rows = await database.QueryAsync<Row>(OldestFirstSql, Parameters(program, request), ct);
        var table = new ExportTable(Headers);
        foreach (var r in rows.Select(r => r.ToRecord()))
            table.Add(r.ProvidedAt.ToOffset(Matching.Contracts.JapanTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                r.FirmName, r.FirmId.ToString(), r.CandidateName ?? ErasedName, r.CandidateId.ToString(), string.Join("・", r.Items), "同意あり", r.ConsentId.ToString(),
                r.Channel, r.UserName);
        return table;
    }

    public static async Task<IResult> CsvAsync(string program, Request request, ServiceDatabase<CandidatesModule> database, CancellationToken ct) =>
        Results.File((await TableAsync(program, request, database, ct)).ToCsv(), ExportTable.CsvContentType, $"provisions-{program}.csv");

    public static async Task<IResult> XlsxAsync(string program, Request request, ServiceDatabase<CandidatesModule> database, CancellationToken ct) =>
        Results.File((await TableAsync(program, request, database, ct)).ToXlsx("第三者提供の記録"), ExportTable.XlsxContentType, $"provisions-{program}.xlsx");
}
