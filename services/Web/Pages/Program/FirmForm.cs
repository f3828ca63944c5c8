using Matching.Web.Api;

namespace Matching.Web.Pages.Program;

/// <summary>A recruiting firm's entry as the registration and edit forms post it (the first contact is edited; others are kept).</summary>
public sealed class FirmForm
{
    public string? Name { get; set; }

    public string? NameKana { get; set; }

    public string? LicenceNumber { get; set; }

    public string? CorporateNumber { get; set; }

    public string? HeadOffice { get; set; }

    /// <summary>Prefecture (2 digits) or municipality (6 digits) codes, separated by commas or spaces.</summary>
    public string? Areas { get; set; }

    public List<string> Industries { get; set; } = [];

    public List<string> Specialties { get; set; } = [];

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public string? FeeRule { get; set; }

    public string? Rules { get; set; }

    public string? Note { get; set; }

    /// <summary>The firm's contacts after the first, which the form does not show and keeps as they are.</summary>
    public IReadOnlyList<FirmContact> OtherContacts { get; set; } = [];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> SpecialtyOptions =
    [
        ("executive", "経営幹部", "Executives"),
        ("engineering", "技術者", "Engineers"),
        ("digital", "DX・IT", "Digital, IT"),
        ("sales", "営業・販路開拓", "Sales"),
        ("backOffice", "管理部門", "Back office"),
        ("sideJob", "副業・兼業", "Side jobs"),
        ("secondment", "出向", "Secondment"),
        ("succession", "事業承継", "Succession"),
    ];

    public static FirmForm Of(Firm f)
    {
        var first = f.Contacts.Count > 0 ? f.Contacts[0] : null;
        return new()
        {
            Name = f.Name, NameKana = f.NameKana, LicenceNumber = f.LicenceNumber, CorporateNumber = f.CorporateNumber, HeadOffice = f.HeadOffice,
            Areas = string.Join(", ", f.Areas), Industries = [.. f.Industries], Specialties = [.. f.Specialties],
            ContactName = first?.Name, ContactEmail = first?.Email, ContactPhone = first?.Phone,
            FeeRule = f.FeeRule, Rules = f.Rules, Note = f.Note, OtherContacts = [.. f.Contacts.Skip(1)],
        };
    }

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The API's request body.</summary>
    public Dictionary<string, object?> ToRequest(int? version = null)
    {
        var contacts = new List<FirmContact>();
        if (Text(ContactName) is not null || Text(ContactEmail) is not null || Text(ContactPhone) is not null)
            contacts.Add(new FirmContact(Text(ContactName), Text(ContactEmail), Text(ContactPhone)));
        contacts.AddRange(OtherContacts);
        var body = new Dictionary<string, object?>
        {
            ["name"] = Name ?? "", ["nameKana"] = NameKana ?? "", ["licenceNumber"] = LicenceNumber ?? "", ["corporateNumber"] = Text(CorporateNumber),
            ["headOffice"] = Text(HeadOffice),
            ["areas"] = (Areas ?? "").Split([',', '、', ' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ["industries"] = Industries, ["specialties"] = Specialties, ["contacts"] = contacts,
            ["feeRule"] = Text(FeeRule), ["rules"] = Text(Rules), ["note"] = Text(Note),
        };
        if (version is not null)
            body["version"] = version;
        return body;
    }
}
