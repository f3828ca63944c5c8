using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Imports;

namespace Matching.Coordinators.Consultations;

/// <summary>
/// 相談記録の取込 — the consultation log an office kept in a spreadsheet. Each row names its company by corporate number or by
/// its name (compared kana-folded, as registration does), which must already be registered; channel and issues may be written
/// in Japanese (訪問, 電話, 販路開拓 …). Rows are checked by the rules of the consultation form.
/// </summary>
internal sealed class ConsultationLogImport(TimeProvider clock) : ImportKind
{
    public override string Name => "consultations";

    public override LocalizedText Title { get; } = new("相談記録", "Consultation log");

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new("company", new("企業名", "Company"), false, "企業名", "会社名", "法人名", "事業所名", "相談企業", "company"),
        new("corporateNumber", new("法人番号", "Corporate number"), false, "法人番号"),
        new("date", LogConsultation.DateLabel, true, "相談日", "日付", "年月日", "実施日", "訪問日", "date"),
        new("coordinators", ConsultationContent.CoordinatorsLabel, true, "担当", "担当者", "コーディネーター", "担当コーディネーター", "対応者", "coordinator"),
        new("channel", ConsultationContent.ChannelLabel, true, "相談方法", "方法", "手段", "対応方法", "channel"),
        new("issues", new("経営課題", "Issues"), false, "経営課題", "課題", "相談分野", "分野"),
        new("notes", ConsultationContent.NotesLabel, false, "相談内容", "内容", "概要", "メモ", "備考", "notes"),
        new("nextAction", ConsultationContent.NextActionLabel, false, "次回アクション", "次回対応", "今後の対応"),
        new("nextActionDate", new("次回アクション日", "Next action date"), false, "次回予定日", "次回日", "次回アクション日"),
    ];

    public static readonly LocalizedText CompanyNeeded = new(
        "企業名か法人番号のどちらかの列を指定してください。", "Map a column to the company name or its corporate number.");
    public static readonly LocalizedText UnknownCompany = new(
        "「{0}」はこのプログラムに登録されていません（先に企業リストを取り込んでください）。",
        "'{0}' is not registered in this program (import the company list first).");
    public static readonly LocalizedText AmbiguousCompany = new(
        "「{0}」という名称の企業が複数あります。法人番号で指定してください。", "More than one company is named '{0}': give its corporate number.");
    public static readonly LocalizedText UnknownChannel = new(
        "相談方法「{0}」が分かりません（訪問・電話・オンライン・セミナー）。", "Unknown channel '{0}' (visit, phone, online, seminar).");
    public static readonly LocalizedText UnknownIssue = new(
        "経営課題「{0}」が分かりません。", "Unknown issue '{0}'.");
    public static readonly LocalizedText NotADate = new(
        "「{0}」は日付として読めません（例: 2024/4/1、2024-04-01）。", "'{0}' is not a date (e.g. 2024/4/1, 2024-04-01).");

    private static readonly Dictionary<string, ConsultationChannel> Channels = new(StringComparer.Ordinal)
    {
        ["訪問"] = ConsultationChannel.Visit, ["来訪"] = ConsultationChannel.Visit, ["面談"] = ConsultationChannel.Visit, ["visit"] = ConsultationChannel.Visit,
        ["電話"] = ConsultationChannel.Phone, ["tel"] = ConsultationChannel.Phone, ["phone"] = ConsultationChannel.Phone,
        ["オンライン"] = ConsultationChannel.Online, ["web"] = ConsultationChannel.Online, ["zoom"] = ConsultationChannel.Online, ["online"] = ConsultationChannel.Online,
        ["セミナー"] = ConsultationChannel.Seminar, ["イベント"] = ConsultationChannel.Seminar, ["seminar"] = ConsultationChannel.Seminar,
    };

    private static readonly Dictionary<string, ManagementIssue> Issues = new(StringComparer.Ordinal)
    {
        ["販路開拓"] = ManagementIssue.SalesChannels, ["販路拡大"] = ManagementIssue.SalesChannels, ["営業"] = ManagementIssue.SalesChannels,
        ["事業承継"] = ManagementIssue.Succession, ["後継者"] = ManagementIssue.Succession,
        ["海外展開"] = ManagementIssue.OverseasExpansion, ["海外"] = ManagementIssue.OverseasExpansion, ["輸出"] = ManagementIssue.OverseasExpansion,
        ["dx"] = ManagementIssue.Dx, ["dx・it化"] = ManagementIssue.Dx, ["it化"] = ManagementIssue.Dx, ["デジタル化"] = ManagementIssue.Dx,
        ["組織"] = ManagementIssue.Organisation, ["組織・人材育成"] = ManagementIssue.Organisation, ["人材育成"] = ManagementIssue.Organisation,
        ["新規事業"] = ManagementIssue.NewBusiness, ["新事業"] = ManagementIssue.NewBusiness,
        ["生産性向上"] = ManagementIssue.Productivity, ["生産性"] = ManagementIssue.Productivity,
        ["その他"] = ManagementIssue.Other,
    };

    private sealed record KnownCompany(Guid Id, string? CorporateNumber, string Name, string? MunicipalityCode, string? Industry)
    {
        public LogConsultation.CompanyPlace Place => new(MunicipalityCode, Industry);
    }

    private sealed record Planned(ImportRow Row, KnownCompany Company, LogConsultation.Request Request);

    private async Task<(ImportCheck Check, List<Planned> Rows)> PlanAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        if (rows.Count > 0 && !rows[0].Values.ContainsKey("company") && !rows[0].Values.ContainsKey("corporateNumber"))
            return (new ImportCheck([new ImportError(0, "company", CompanyNeeded.ToString())], new ImportCounts(0, 0, 0)), []);
        var companies = await tx.QueryAsync<KnownCompany>(
            """
            SELECT id AS Id, corporate_number AS CorporateNumber, name AS Name,
                   municipality_code AS MunicipalityCode, industry AS Industry
              FROM companies WHERE program = @program
            """,
            new { program }, ct);
        var byNumber = companies.Where(c => c.CorporateNumber is not null).ToDictionary(c => c.CorporateNumber!, StringComparer.Ordinal);
        var byName = companies.GroupBy(c => CompanyName.Key(c.Name), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var validator = new LogConsultation.Validator(clock);
        var errors = new List<ImportError>();
        var planned = new List<Planned>();
        foreach (var row in rows)
        {
            var rowErrors = new List<ImportError>();
            void Fail(string field, LocalizedText message) => rowErrors.Add(new ImportError(row.Line, field, message.ToString()));

            KnownCompany? company = null;
            if (row["corporateNumber"] is { } number)
            {
                if (CorporateNumber.TryParse(number.Replace("-", "", StringComparison.Ordinal), out var parsed) && byNumber.TryGetValue(parsed.Value, out var known))
                    company = known;
                else
                    Fail("corporateNumber", UnknownCompany.Format(number));
            }
            else if (row["company"] is { } name)
            {
                if (!byName.TryGetValue(CompanyName.Key(name), out var named))
                    Fail("company", UnknownCompany.Format(name));
                else if (named.Count > 1)
                    Fail("company", AmbiguousCompany.Format(name));
                else
                    company = named[0];
            }
            else
            {
                Fail("company", CompanyNeeded);
            }

            ConsultationChannel? channel = null;
            if (row["channel"] is { } channelText)
            {
                if (Channels.TryGetValue(KanaFolding.Fold(channelText), out var c) || Channels.TryGetValue(channelText.Trim(), out c))
                    channel = c;
                else
                    Fail("channel", UnknownChannel.Format(channelText));
            }
            var issues = new List<ManagementIssue>();
            foreach (var issue in (row["issues"] ?? "").Split(['、', ',', '・', '/', '／', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Issues.TryGetValue(KanaFolding.Fold(issue), out var known) || Issues.TryGetValue(issue, out known))
                    issues.Add(known);
                else
                    Fail("issues", UnknownIssue.Format(issue));
            }
            DateOnly? Date(string field)
            {
                var text = row[field];
                if (text is null)
                    return null;
                if (ImportDates.TryRead(text, out var d))
                    return d;
                Fail(field, NotADate.Format(text));
                return null;
            }
            var request = new LogConsultation.Request
            {
                CompanyId = company?.Id ?? Guid.Empty,
                Date = Date("date"),
                Coordinators = (row["coordinators"] ?? "").Split(['、', ',', '，', '/', '／'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Channel = channel,
                Issues = issues.Distinct().ToList(),
                OtherIssue = issues.Contains(ManagementIssue.Other) ? row["issues"] : null,
                Notes = row["notes"],
                NextAction = row["nextAction"],
                NextActionDate = Date("nextActionDate"),
            };
            var result = await validator.ValidateAsync(request, ct);
            rowErrors.AddRange(result.Errors
                .Where(e => e.PropertyName != "companyId" && rowErrors.All(r => r.Field != e.PropertyName) && !(e.PropertyName == "channel" && row["channel"] is not null))
                .Select(e => new ImportError(row.Line, e.PropertyName, e.ErrorMessage)));
            if (rowErrors.Count > 0)
                errors.AddRange(rowErrors);
            else
                planned.Add(new Planned(row, company!, request));
        }
        return (new ImportCheck(errors, new ImportCounts(planned.Count, 0, 0)), planned);
    }

    public override async Task<ImportCheck> CheckAsync(DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct) =>
        (await PlanAsync(tx, program, rows, ct)).Check;

    public override async Task<ImportCheck> CommitAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, IProgress<int> progress, CancellationToken ct)
    {
        var (check, planned) = await PlanAsync(tx, program, rows, ct);
        if (check.Errors.Count > 0)
            return check;
        var now = clock.GetUtcNow();
        var done = 0;
        foreach (var row in planned)
        {
            await LogConsultation.InsertAsync(tx, program, row.Company.Id, row.Company.Place, row.Request, now, ct);
            if (++done % 500 == 0)
                progress.Report(done);
        }
        progress.Report(rows.Count);
        return check;
    }
}
