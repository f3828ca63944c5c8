using System.Globalization;
using Matching.Companies.Registration;
using Matching.Platform.Data;
using Matching.Platform.Exports;
using Microsoft.AspNetCore.Http;

namespace Matching.Companies.Search;

/// <summary>
/// 企業リストの出力 — the companies a search finds, as a CSV file Excel opens (UTF-8 with BOM) under the same headers the
/// import reads, so a list can go out and come back (市区町村名, the municipality's name beside its code, is for the reader;
/// the import reads the code). <see cref="ExportTable"/> writes it: a name imported from a file
/// never runs as a formula in someone's spreadsheet.
/// </summary>
internal static class ExportCompanies
{
    private static readonly string[] Headers =
    [
        "企業名", "フリガナ", "法人番号", "都道府県コード", "市区町村コード", "市区町村名", "郵便番号", "所在地", "業種", "従業員数", "資本金",
        "担当者名", "役職", "電話番号", "メールアドレス", "会員区分", "年会費", "入会日", "登録日",
    ];

    public static async Task<IResult> HandleAsync(
        string program, SearchCompanies.Request request, ServiceDatabase<CompaniesModule> database, CancellationToken ct)
    {
        var folded = request.Q is null ? null : Contracts.KanaFolding.Fold(request.Q);
        // Every match, not a page: the search's own source (the trigram index on SQLite), without its count limit.
        var source = SearchCompanies.Source(request, folded, database.Dialect);
        var companies = await database.QueryAsync<GetCompany.Response>(
            GetCompany.SelectColumns + source + SearchCompanies.OrderBy[request.Sort], SearchCompanies.Parameters(program, request, folded), ct);

        var table = new ExportTable(Headers);
        foreach (var c in companies)
        {
            table.Add(
                c.Name, c.NameKana, c.CorporateNumber, c.PrefectureCode, c.MunicipalityCode, Contracts.Municipality.Describe(c.MunicipalityCode), c.PostalCode, c.Address, c.Industry,
                c.Employees, c.CapitalYen, c.ContactName, c.ContactTitle, c.ContactPhone, c.ContactEmail, c.MemberTier, c.AnnualFeeYen,
                c.MemberSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                c.RegisteredAt.ToOffset(Matching.Contracts.JapanTime.Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return Results.File(table.ToCsv(), ExportTable.CsvContentType, $"companies-{program}.csv");
    }
}
