using Matching.Web.Api;

namespace Matching.Web.Pages.Program;

/// <summary>The company record as the registration and correction forms post it.</summary>
public sealed class CompanyForm
{
    public string? Name { get; set; }

    public string? NameKana { get; set; }

    public string? CorporateNumber { get; set; }

    public string? PrefectureCode { get; set; }

    /// <summary>The municipality chosen by name.</summary>
    public string? MunicipalityCode { get; set; }

    /// <summary>Or its code typed, 5 or 6 digits as the import reads it; it wins over the choice when given.</summary>
    public string? MunicipalityCodeTyped { get; set; }

    /// <summary>The municipality the form gives: the typed code, else the one chosen.</summary>
    public string? Municipality => Contracts.MunicipalityCode.Complete(MunicipalityCodeTyped) ?? Text(MunicipalityCode);

    public string? PostalCode { get; set; }

    public string? Address { get; set; }

    public string? Industry { get; set; }

    public int? Employees { get; set; }

    public long? CapitalYen { get; set; }

    public string? ContactName { get; set; }

    public string? ContactTitle { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public string? MemberTier { get; set; }

    public long? AnnualFeeYen { get; set; }

    public string? MemberSince { get; set; }

    public static CompanyForm Of(Company c) => new()
    {
        Name = c.Name, NameKana = c.NameKana, CorporateNumber = c.CorporateNumber, PrefectureCode = c.PrefectureCode,
        MunicipalityCode = c.MunicipalityCode, PostalCode = c.PostalCode, Address = c.Address, Industry = c.Industry,
        Employees = c.Employees, CapitalYen = c.CapitalYen, ContactName = c.ContactName, ContactTitle = c.ContactTitle,
        ContactPhone = c.ContactPhone, ContactEmail = c.ContactEmail, MemberTier = c.MemberTier, AnnualFeeYen = c.AnnualFeeYen,
        MemberSince = c.MemberSince?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The API's request body (empty text is absent, so optional fields stay empty).</summary>
    public Dictionary<string, object?> ToRequest(int? version = null)
    {
        var municipality = Municipality ?? "";
        // The prefecture follows from a municipality chosen or typed without it.
        var prefecture = string.IsNullOrEmpty(PrefectureCode) && Contracts.MunicipalityCode.TryParse(municipality, out var m)
            ? m.Prefecture.Value : PrefectureCode ?? "";
        var body = new Dictionary<string, object?>
        {
            ["name"] = Name ?? "", ["nameKana"] = NameKana ?? "", ["corporateNumber"] = Text(CorporateNumber),
            ["prefectureCode"] = prefecture, ["municipalityCode"] = municipality, ["postalCode"] = Text(PostalCode),
            ["address"] = Text(Address), ["industry"] = Text(Industry), ["employees"] = Employees, ["capitalYen"] = CapitalYen,
            ["contactName"] = Text(ContactName), ["contactTitle"] = Text(ContactTitle), ["contactPhone"] = Text(ContactPhone),
            ["contactEmail"] = Text(ContactEmail), ["memberTier"] = Text(MemberTier), ["annualFeeYen"] = AnnualFeeYen,
            ["memberSince"] = Text(MemberSince),
        };
        if (version is not null)
            body["version"] = version;
        return body;
    }
}
