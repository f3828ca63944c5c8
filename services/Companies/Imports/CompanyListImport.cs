using Matching.Companies.Registration;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Imports;

namespace Matching.Companies.Imports;

/// <summary>
/// 企業リストの取込 — an office's existing company list. Each row is checked by the rules of the registration form; a row whose
/// company is already registered (same corporate number, or same name in the same municipality) is left as it is.
/// </summary>
internal sealed class CompanyListImport(TimeProvider clock) : ImportKind
{
    public override string Name => "companies";

    public override LocalizedText Title { get; } = new("企業リスト", "Company list");

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new("name", CompanyDetails.NameLabel, true, "企業名", "会社名", "法人名", "事業所名", "事業者名", "名称", "商号", "company", "company name"),
        new("nameKana", CompanyDetails.NameKanaLabel, true, "フリガナ", "ふりがな", "カナ", "よみがな", "読み", "企業名カナ", "企業名フリガナ", "会社名フリガナ", "会社名カナ", "法人名フリガナ", "kana"),
        new("corporateNumber", new("法人番号", "Corporate number"), false, "法人番号", "corporate number"),
        new("prefectureCode", CompanyDetails.PrefectureLabel, false, "都道府県", "都道府県名", "都道府県コード", "県", "prefecture"),
        new("municipalityCode", CompanyDetails.MunicipalityLabel, true, "市区町村コード", "市町村コード", "団体コード", "地方公共団体コード", "自治体コード", "municipality code"),
        new("postalCode", new("郵便番号", "Postal code"), false, "郵便番号", "〒", "postal code", "zip"),
        new("address", CompanyDetails.AddressLabel, false, "所在地", "住所", "本社所在地", "所在地住所", "address"),
        new("industry", new("業種（日本標準産業分類）", "Industry (JSIC)"), false, "業種", "産業分類", "業種コード", "大分類", "industry"),
        new("employees", new("従業員数", "Employees"), false, "従業員数", "従業員", "社員数", "employees"),
        new("capitalYen", new("資本金（円）", "Capital (yen)"), false, "資本金", "資本金円", "capital"),
        new("contactName", CompanyDetails.ContactNameLabel, false, "担当者", "担当者名", "窓口担当者", "ご担当者", "contact"),
        new("contactTitle", CompanyDetails.ContactTitleLabel, false, "役職", "担当者役職", "title"),
        new("contactPhone", new("電話番号", "Phone"), false, "電話番号", "電話", "TEL", "phone"),
        new("contactEmail", new("メールアドレス", "E-mail"), false, "メールアドレス", "メール", "Eメール", "E-mail", "email"),
        new("memberTier", CompanyDetails.MemberTierLabel, false, "会員区分", "会員種別", "会員"),
        new("annualFeeYen", new("年会費（円）", "Annual fee (yen)"), false, "年会費", "会費"),
        new("memberSince", new("入会日", "Member since"), false, "入会日", "入会年月日"),
    ];

    public static readonly LocalizedText CorporateNumberTwice = new(
        "法人番号 {0} は {1} 行目にもあります。", "The corporate number {0} is also on line {1}.");

    private sealed record ExistingCompany(string? CorporateNumber, string MunicipalityCode, string NameKey);

    private const string ExistingSql = """
        SELECT corporate_number AS CorporateNumber, municipality_code AS MunicipalityCode, name_key AS NameKey
          FROM companies WHERE program = @program
        """;

    /// <summary>The row as a registration request, and the cells that could not be read as their type.</summary>
    private static (CompanyDetails Details, List<ImportError> Errors) Read(ImportRow row)
    {
        var errors = new List<ImportError>();
        long? Number(string field)
        {
            if (ImportValues.TryNumber(row[field], out var n))
                return n;
            errors.Add(new ImportError(row.Line, field, ImportValues.NotANumber.Format(row[field]).ToString()));
            return null;
        }
        DateOnly? Date(string field)
        {
            if (ImportValues.TryDate(row[field], out var d))
                return d;
            errors.Add(new ImportError(row.Line, field, ImportValues.NotADate.Format(row[field]).ToString()));
            return null;
        }
        var municipality = ImportValues.MunicipalityCode(row["municipalityCode"]);
        var employees = Number("employees");
        var details = new CompanyDetails
        {
            Name = row["name"],
            NameKana = row["nameKana"],
            CorporateNumber = row["corporateNumber"]?.Replace("-", "", StringComparison.Ordinal),
            PrefectureCode = ImportValues.PrefectureCode(row["prefectureCode"], municipality),
            MunicipalityCode = municipality,
            PostalCode = row["postalCode"],
            Address = row["address"],
            Industry = row["industry"],
            Employees = employees is > int.MaxValue or < int.MinValue ? -1 : (int?)employees,
            CapitalYen = Number("capitalYen"),
            ContactName = row["contactName"],
            ContactTitle = row["contactTitle"],
            ContactPhone = row["contactPhone"],
            ContactEmail = row["contactEmail"],
            MemberTier = row["memberTier"],
            AnnualFeeYen = Number("annualFeeYen"),
            MemberSince = Date("memberSince"),
        };
        return (details, errors);
    }

    private async Task<(ImportCheck Check, List<(ImportRow Row, CompanyDetails Details)> ToRegister)> PlanAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var validator = new CompanyDetails.Validator(clock);
        var existing = await tx.QueryAsync<ExistingCompany>(ExistingSql, new { program }, ct);
        var numbers = existing.Where(e => e.CorporateNumber is not null).Select(e => e.CorporateNumber!).ToHashSet(StringComparer.Ordinal);
        var names = existing.Select(e => (e.MunicipalityCode, e.NameKey)).ToHashSet();
        var seenNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<ImportError>();
        var toRegister = new List<(ImportRow, CompanyDetails)>();
        var skipped = 0;
        foreach (var row in rows)
        {
            var (details, readErrors) = Read(row);
            var result = await validator.ValidateAsync(details, ct);
            // A prefecture taken from a wrong municipality code is one problem, not two.
            var prefectureFromMunicipality = row["prefectureCode"] is null;
            var rowErrors = readErrors.Concat(result.Errors
                .Where(e => readErrors.All(r => r.Field != e.PropertyName))
                .Where(e => !(prefectureFromMunicipality && e.PropertyName == "prefectureCode" && result.Errors.Any(m => m.PropertyName == "municipalityCode")))
                .Select(e => new ImportError(row.Line, e.PropertyName, e.ErrorMessage))).ToList();
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                continue;
            }
            var number = string.IsNullOrEmpty(details.CorporateNumber) ? null : CorporateNumber.Parse(details.CorporateNumber).Value;
            if (number is not null && !seenNumbers.TryAdd(number, row.Line))
            {
                errors.Add(new ImportError(row.Line, "corporateNumber", CorporateNumberTwice.Format(number, seenNumbers[number]).ToString()));
                continue;
            }
            var columns = details.ToColumns(program);
            if ((number is not null && numbers.Contains(number)) || names.Contains((columns.MunicipalityCode, columns.NameKey)))
            {
                skipped++;
                continue;
            }
            names.Add((columns.MunicipalityCode, columns.NameKey));
            toRegister.Add((row, details));
        }
        return (new ImportCheck(errors, new ImportCounts(toRegister.Count, 0, skipped)), toRegister);
    }

    public override async Task<ImportCheck> CheckAsync(DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct) =>
        (await PlanAsync(tx, program, rows, ct)).Check;

    public override async Task<ImportCheck> CommitAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, IProgress<int> progress, CancellationToken ct)
    {
        var (check, toRegister) = await PlanAsync(tx, program, rows, ct);
        if (check.Errors.Count > 0)
            return check;
        var now = clock.GetUtcNow();
        var done = 0;
        foreach (var (_, details) in toRegister)
        {
            await CompanyStore.InsertAsync(tx, details.ToColumns(program), now, ct);
            if (++done % 500 == 0)
                progress.Report(done + check.Counts.Skipped);
        }
        progress.Report(rows.Count);
        return check;
    }
}
