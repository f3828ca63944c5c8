using Matching.Companies.Registration;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Imports;

namespace Matching.Companies.Imports;

/// <summary>
/// 法人番号公表サイトの全件・差分データ — the National Tax Agency's corporate number download (CSV without header, 30 fixed
/// columns, Unicode or Shift_JIS). It refreshes the program's companies by 法人番号: name, reading (フリガナ, where given),
/// postal code, address and municipality as the registry now has them. Corporations the program does not serve are left
/// out (a prefecture's file holds every corporation in it); rows that are not the latest of their number are left out too.
/// </summary>
internal sealed class CorporateNumberImport(TimeProvider clock) : ImportKind
{
    public override string Name => "nta";

    public override LocalizedText Title { get; } = new("法人番号公表サイト データ", "NTA corporate number data");

    private static readonly LocalizedText LatestLabel = new("最新履歴", "Latest");
    private static readonly LocalizedText CloseDateLabel = new("登記記録の閉鎖等年月日", "Closed on");

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new("corporateNumber", new("法人番号", "Corporate number"), true),
        new("name", new("商号又は名称", "Name"), true),
        new("prefectureName", new("国内所在地（都道府県）", "Prefecture"), false),
        new("cityName", new("国内所在地（市区町村）", "City"), false),
        new("streetNumber", new("国内所在地（丁目番地等）", "Street"), false),
        new("prefectureCode", new("都道府県コード", "Prefecture code"), true),
        new("cityCode", new("市区町村コード", "City code"), true),
        new("postCode", new("郵便番号", "Postal code"), false),
        new("closeDate", CloseDateLabel, false),
        new("latest", LatestLabel, false),
        new("furigana", new("フリガナ", "Kana"), false),
    ];

    public override IReadOnlyList<string?> FixedColumns { get; } =
    [
        null, "corporateNumber", null, null, null, null, "name", null, null, "prefectureName", "cityName", "streetNumber", null,
        "prefectureCode", "cityCode", "postCode", null, null, "closeDate", null, null, null, null, "latest", null, null, null, null,
        "furigana", null,
    ];

    private sealed record Refresh(Guid Id, CompanyDetails Details, int Version);

    private async Task<(ImportCheck Check, List<Refresh> Refreshes)> PlanAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var current = (await tx.QueryAsync<GetCompany.Response>(
                GetCompany.SelectColumns + " FROM companies WHERE program = @program AND corporate_number IS NOT NULL", new { program }, ct))
            .ToDictionary(c => c.CorporateNumber!, StringComparer.Ordinal);
        var validator = new CompanyDetails.Validator(clock);
        var errors = new List<ImportError>();
        var refreshes = new Dictionary<string, Refresh>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var row in rows)
        {
            if (!CorporateNumber.TryParse(row["corporateNumber"], out var number))
            {
                errors.Add(new ImportError(row.Line, "corporateNumber", CompanyDetails.CorporateNumberInvalid.ToString()));
                continue;
            }
            // 最新履歴 0 marks a superseded row of a history (差分データ); a closed corporation keeps its record as it was.
            if (row["latest"] == "0" || row["closeDate"] is not null || !current.TryGetValue(number.Value, out var company))
            {
                skipped++;
                continue;
            }
            var cityCode = row["cityCode"] ?? "";
            var municipality = cityCode.Length == 3 && (row["prefectureCode"] ?? "").Length == 2
                ? ImportValues.MunicipalityCode(row["prefectureCode"] + cityCode) : null;
            var details = new CompanyDetails
            {
                Name = row["name"], NameKana = row["furigana"] ?? company.NameKana, CorporateNumber = number.Value,
                PrefectureCode = row["prefectureCode"], MunicipalityCode = municipality,
                PostalCode = row["postCode"] ?? company.PostalCode,
                Address = string.Concat(row["prefectureName"], row["cityName"], row["streetNumber"]) is { Length: > 0 } a ? a : company.Address,
                Industry = company.Industry, Employees = company.Employees, CapitalYen = company.CapitalYen,
                ContactName = company.ContactName, ContactTitle = company.ContactTitle, ContactPhone = company.ContactPhone,
                ContactEmail = company.ContactEmail, MemberTier = company.MemberTier, AnnualFeeYen = company.AnnualFeeYen,
                MemberSince = company.MemberSince,
            };
            var result = await validator.ValidateAsync(details, ct);
            if (!result.IsValid)
            {
                errors.AddRange(result.Errors.Select(e => new ImportError(row.Line, e.PropertyName, e.ErrorMessage)));
                continue;
            }
            // A later row of the same number (a diff file lists changes in order) wins.
            refreshes[number.Value] = new Refresh(company.Id, details, company.Version);
        }
        return (new ImportCheck(errors, new ImportCounts(0, refreshes.Count, skipped)), refreshes.Values.ToList());
    }

    public override async Task<ImportCheck> CheckAsync(DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct) =>
        (await PlanAsync(tx, program, rows, ct)).Check;

    public override async Task<ImportCheck> CommitAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, IProgress<int> progress, CancellationToken ct)
    {
        var (check, refreshes) = await PlanAsync(tx, program, rows, ct);
        if (check.Errors.Count > 0)
            return check;
        var now = clock.GetUtcNow();
        var done = 0;
        foreach (var refresh in refreshes)
        {
            if (!await CompanyStore.UpdateAsync(tx, refresh.Id, refresh.Version, refresh.Details.ToColumns(program), now, ct))
                throw new InvalidOperationException($"Company {refresh.Id} changed during the import.");
            if (++done % 500 == 0)
                progress.Report(done);
        }
        progress.Report(rows.Count);
        return check;
    }
}
