using System.Globalization;
using Matching.Candidates.Consents;
using Matching.Candidates.Profiles;
using Matching.Candidates.Provisions;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Exports;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Disclosure;

/// <summary>
/// 保有個人データの開示 — on the person's request (個人情報保護法 第33条, and 第三者提供記録の開示 under 第33条第5項), the office
/// gives the person their own record: the profile as held, every consent with its withdrawal, and every provision of their
/// data to a firm (when, to whom, which items, under which consent). Each disclosure is in the audit log.
/// </summary>
internal static class PersonalDataDisclosure
{
    public sealed record Response(DateTimeOffset PreparedAt, GetCandidate.Response Profile, IReadOnlyList<ProvisionRecords.Record> Provisions);

    private static async Task<Response?> PrepareAsync(
        string program, Guid id, string format, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        if (await GetCandidate.ReadAsync(database, program, id, ct) is not { } profile)
            return null;
        var provisions = await ProvisionRecords.OfCandidateAsync(database, program, id, ct);
        var user = context.User.MatchingUser();
        var at = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.PersonalDataDisclosed, program, user?.Id, user?.UserName, $"candidate:{id}", format), at, ct);
        await tx.CommitAsync(ct);
        return new Response(at, profile, provisions);
    }

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> GetAsync(
        string program, Guid id, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct) =>
        await PrepareAsync(program, id, "page", context, database, clock, ct) is { } disclosure
            ? TypedResults.Ok(disclosure)
            : Problems.NotFound(GetCandidate.UnknownCandidate);

    public static async Task<IResult> CsvAsync(
        string program, Guid id, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct) =>
        await PrepareAsync(program, id, "csv", context, database, clock, ct) is { } disclosure
            ? Results.File(Table(disclosure).ToCsv(), ExportTable.CsvContentType, $"disclosure-{id}.csv")
            : Problems.NotFound(GetCandidate.UnknownCandidate);

    public static async Task<IResult> XlsxAsync(
        string program, Guid id, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct) =>
        await PrepareAsync(program, id, "xlsx", context, database, clock, ct) is { } disclosure
            ? Results.File(Table(disclosure).ToXlsx("保有個人データの開示"), ExportTable.XlsxContentType, $"disclosure-{id}.xlsx")
            : Problems.NotFound(GetCandidate.UnknownCandidate);

    public static readonly string[] Headers = ["区分", "日時", "項目", "内容"];

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["fullTime"] = "正社員", ["contract"] = "契約社員", ["sideJob"] = "副業・兼業", ["secondment"] = "出向・在籍型出向", ["outsourcing"] = "業務委託",
        ["none"] = "なし", ["partial"] = "一部リモート", ["full"] = "フルリモート", ["year"] = "年収", ["month"] = "月額", ["hour"] = "時給",
        ["active"] = "活動中", ["placed"] = "就職済", ["paused"] = "休止中", ["left"] = "退会",
        ["dataBank"] = "人材データバンクへの登録", ["introduction"] = "求人の紹介のための第三者提供",
        ["program"] = "プログラム", ["registeredFirms"] = "登録事業者全般", ["firm"] = "特定の事業者",
        ["written"] = "書面", ["electronic"] = "電子（Web・メール）", ["oral"] = "口頭", ["import"] = "取込（リストに記載の同意）",
    };

    private static string Word(string? code) => code is null ? "" : Words.GetValueOrDefault(code, code);

    private static string Jst(DateTimeOffset at) => at.ToOffset(Matching.Contracts.JapanTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Described(Consent c) =>
        $"{Word(c.Purpose)}（提供先: {Word(c.Recipient)}{(c.FirmName is null ? "" : " " + c.FirmName)}）／方法: {Word(c.Method)}／同意文の版: {c.TextVersion}"
        + (c.WithdrawnAt is { } w ? $"／{Jst(w)} 撤回" : "／有効");

    /// <summary>The disclosure as one table the person can read: the profile item by item, then the consents, then the provisions.</summary>
    internal static ExportTable Table(Response d)
    {
        var p = d.Profile;
        var table = new ExportTable(Headers);
        void Item(string label, string? value) => table.Add("登録内容", "", label, value ?? "");
        Item("氏名", p.Name);
        Item("フリガナ", p.NameKana);
        Item("メールアドレス", p.Email);
        Item("電話番号", p.Phone);
        Item("居住地", p.PrefectureName + (p.MunicipalityCode is null ? "" : $"（{p.MunicipalityCode}）"));
        Item("出身都道府県", p.HometownPrefectureCode is null ? null : Contracts.PrefectureCode.Parse(p.HometownPrefectureCode).Name);
        Item("生年", p.BirthYear?.ToString(CultureInfo.InvariantCulture));
        Item("職務要約", p.CareerSummary);
        foreach (var job in p.Career)
            Item("職歴", $"{job.Company} {job.Role} {job.FromYear}–{job.ToYear}");
        Item("スキル", string.Join("、", p.Skills.Select(s => s.Name)));
        Item("タグ", string.Join("、", p.Tags));
        Item("語学", string.Join("、", p.Languages));
        Item("資格・免許", string.Join("、", p.Licences));
        Item("希望する雇用形態", string.Join("、", p.EmploymentForms.Select(Word)));
        Item("希望勤務地", string.Join("、", p.DesiredAreas));
        Item("リモート希望", Word(p.Remote));
        Item("副業に使える時間（週）", p.SideJobHoursPerWeek?.ToString(CultureInfo.InvariantCulture));
        Item("希望給与", p.DesiredPayYen is { } pay ? $"{Word(p.DesiredPayUnit)} {pay.ToString("N0", CultureInfo.InvariantCulture)} 円" : null);
        Item("就業可能日", p.AvailableFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Item("状況", Word(p.Status));
        Item("登録日時", Jst(p.RegisteredAt));
        foreach (var c in p.Consents)
            table.Add("同意", Jst(c.GivenAt), Word(c.Purpose), Described(c));
        foreach (var r in d.Provisions)
            table.Add("第三者提供の記録", Jst(r.ProvidedAt), r.FirmName, $"提供した項目: {string.Join("・", r.Items)}／同意ID: {r.ConsentId}／方法: {r.Channel}");
        table.Add("作成", Jst(d.PreparedAt), "この開示の作成日時", "");
        return table;
    }
}
