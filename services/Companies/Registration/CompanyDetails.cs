using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Http;

namespace Matching.Companies.Registration;

/// <summary>
/// What a coordinator writes about a company: identity, address, industry, size, main contact and membership (会員).
/// Registration, correction and import share this record and its rules, so a row of an imported file is refused for
/// exactly the reasons the form would refuse it.
/// </summary>
internal partial record CompanyDetails
{
    public string? Name { get; init; }

    public string? NameKana { get; init; }

    public string? CorporateNumber { get; init; }

    public string? PrefectureCode { get; init; }

    public string? MunicipalityCode { get; init; }

    public string? PostalCode { get; init; }

    public string? Address { get; init; }

    /// <summary>日本標準産業分類 大分類, A–T (or its Japanese name).</summary>
    public string? Industry { get; init; }

    public int? Employees { get; init; }

    public long? CapitalYen { get; init; }

    public string? ContactName { get; init; }

    public string? ContactTitle { get; init; }

    public string? ContactPhone { get; init; }

    public string? ContactEmail { get; init; }

    /// <summary>会員区分 — the program's own tiers (一般会員, 賛助会員, 無料会員 …); empty for a company that is not a member.</summary>
    public string? MemberTier { get; init; }

    public long? AnnualFeeYen { get; init; }

    public DateOnly? MemberSince { get; init; }

    public static readonly LocalizedText NameLabel = new("企業名", "Company name");
    public static readonly LocalizedText NameKanaLabel = new("企業名（フリガナ）", "Company name (kana)");
    public static readonly LocalizedText PrefectureLabel = new("都道府県コード", "Prefecture code");
    public static readonly LocalizedText MunicipalityLabel = new("市区町村コード", "Municipality code");
    public static readonly LocalizedText AddressLabel = new("所在地", "Address");
    public static readonly LocalizedText ContactNameLabel = new("担当者名", "Contact name");
    public static readonly LocalizedText ContactTitleLabel = new("担当者の役職", "Contact title");
    public static readonly LocalizedText MemberTierLabel = new("会員区分", "Member tier");
    public static readonly LocalizedText CorporateNumberInvalid = new(
        "法人番号は 13 桁の数字で、先頭のチェックデジットが正しい必要があります。",
        "The corporate number is 13 digits whose first digit is a valid check digit.");
    public static readonly LocalizedText KanaOnly = new(
        "フリガナはカタカナ（またはひらがな）で入力してください。", "Write the reading in katakana (or hiragana).");
    public static readonly LocalizedText PrefectureInvalid = new(
        "都道府県コードは 01（北海道）〜 47（沖縄県）の 2 桁で入力してください。", "The prefecture code is two digits, 01 (Hokkaido) to 47 (Okinawa).");
    public static readonly LocalizedText MunicipalityInvalid = new(
        "市区町村コードは 6 桁の全国地方公共団体コード（チェックデジット付き）で入力してください。",
        "The municipality code is the 6-digit local government code with a valid check digit.");
    public static readonly LocalizedText MunicipalityOutsidePrefecture = new(
        "市区町村コードが都道府県コードの都道府県のものではありません。", "The municipality is not in the given prefecture.");
    public static readonly LocalizedText PostalCodeInvalid = new(
        "郵便番号は 7 桁の数字（例: 090-0024）で入力してください。", "The postal code is 7 digits, e.g. 090-0024.");
    public static readonly LocalizedText IndustryInvalid = new(
        "業種は日本標準産業分類の大分類（A〜T）から選んでください。", "The industry is a JSIC division, A to T.");
    public static readonly LocalizedText EmployeesInvalid = new(
        "従業員数は 0 〜 1,000,000 の整数で入力してください。", "Employees is a whole number from 0 to 1,000,000.");
    public static readonly LocalizedText CapitalInvalid = new(
        "資本金は 0 円以上、1,000 兆円未満の金額（円）で入力してください。", "Capital is an amount in yen, 0 or more and below 10^15.");
    public static readonly LocalizedText PhoneInvalid = new(
        "電話番号は 0 から始まる 10〜11 桁の数字で入力してください（ハイフン可）。", "The phone number is 10 or 11 digits starting with 0 (hyphens allowed).");
    public static readonly LocalizedText EmailInvalid = new(
        "メールアドレスの形式が正しくありません。", "The e-mail address is not valid.");
    public static readonly LocalizedText FeeInvalid = new(
        "年会費は 0 〜 1 億円の金額（円）で入力してください。", "The annual fee is an amount in yen from 0 to 100,000,000.");
    public static readonly LocalizedText SinceInvalid = new(
        "入会日は 1989-04-01 以降、今日から 1 年以内の日付を入力してください。", "The member-since date must be on or after 1989-04-01 and at most a year from today.");
    public static readonly LocalizedText MembershipNeedsTier = new(
        "年会費や入会日を入力する場合は、会員区分も入力してください。", "Give the member tier when you give a fee or a member-since date.");

    internal sealed class Validator : AbstractValidator<CompanyDetails>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.Name).NotEmpty().Label(NameLabel).MaximumLength(200).Label(NameLabel);
            RuleFor(r => r.NameKana).NotEmpty().Label(NameKanaLabel).MaximumLength(200).Label(NameKanaLabel)
                .Must(BeKana).Message(KanaOnly);
            RuleFor(r => r.CorporateNumber).Must(Contracts.CorporateNumber.IsValid).Message(CorporateNumberInvalid)
                .When(r => !string.IsNullOrEmpty(r.CorporateNumber));
            RuleFor(r => r.PrefectureCode).NotEmpty().Label(PrefectureLabel)
                .Must(Contracts.PrefectureCode.IsValid).Message(PrefectureInvalid);
            RuleFor(r => r.MunicipalityCode).NotEmpty().Label(MunicipalityLabel)
                .Must(Contracts.MunicipalityCode.IsValid).Message(MunicipalityInvalid)
                .DependentRules(() =>
                    RuleFor(r => r.MunicipalityCode)
                        .Must((r, code) => !Contracts.PrefectureCode.IsValid(r.PrefectureCode)
                                           || Contracts.MunicipalityCode.Parse(code!).Prefecture == Contracts.PrefectureCode.Parse(r.PrefectureCode!))
                        .Message(MunicipalityOutsidePrefecture));
            RuleFor(r => r.PostalCode).Must(p => NormalizePostalCode(p) is not null).Message(PostalCodeInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.PostalCode));
            RuleFor(r => r.Address).MaximumLength(200).Label(AddressLabel);
            RuleFor(r => r.Industry).Must(IndustryDivision.IsValid).Message(IndustryInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.Industry));
            RuleFor(r => r.Employees).InclusiveBetween(0, 1_000_000).Message(EmployeesInvalid);
            RuleFor(r => r.CapitalYen).InclusiveBetween(0, 999_999_999_999_999).Message(CapitalInvalid);
            RuleFor(r => r.ContactName).MaximumLength(100).Label(ContactNameLabel);
            RuleFor(r => r.ContactTitle).MaximumLength(100).Label(ContactTitleLabel);
            RuleFor(r => r.ContactPhone).Must(p => NormalizePhone(p) is not null).Message(PhoneInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.ContactPhone));
            RuleFor(r => r.ContactEmail).MaximumLength(254).Message(EmailInvalid).EmailAddress().Message(EmailInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.ContactEmail));
            RuleFor(r => r.MemberTier).MaximumLength(50).Label(MemberTierLabel)
                .NotEmpty().Message(MembershipNeedsTier).When(r => r.AnnualFeeYen is not null || r.MemberSince is not null);
            RuleFor(r => r.AnnualFeeYen).InclusiveBetween(0, 100_000_000).Message(FeeInvalid);
            RuleFor(r => r.MemberSince)
                .Must(d => d >= new DateOnly(1989, 4, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(1)))
                .Message(SinceInvalid).When(r => r.MemberSince is not null);
        }

        // Katakana, hiragana, the prolonged sound mark, middle dot, spaces, and the Latin letters and digits
        // company names carry (ＡＢＣ株式会社 is read エービーシー but often written as is).
        private static bool BeKana(string? kana) =>
            kana is not null && KanaFolding.Fold(kana).All(c => c is (>= '\u30A0' and <= '\u30FF') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '・' or 'ー' or '－' or '-' or '&' or '.');
    }

    /// <summary>"0900024", "090-0024", "〒０９０－００２４" → "090-0024"; null when it is not a postal code.</summary>
    internal static string? NormalizePostalCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var digits = new string(text.Normalize(NormalizationForm.FormKC).Where(char.IsAsciiDigit).ToArray());
        var shape = PostalShape().IsMatch(text.Normalize(NormalizationForm.FormKC).Trim());
        return shape && digits.Length == 7 ? digits[..3] + "-" + digits[3..] : null;
    }

    /// <summary>Keeps the number as written (hyphens say where the area code ends), in ASCII; null when it is not a phone number.</summary>
    internal static string? NormalizePhone(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var normalized = text.Normalize(NormalizationForm.FormKC).Trim().Replace('ー', '-').Replace('‐', '-');
        if (!PhoneShape().IsMatch(normalized))
            return null;
        var digits = normalized.Count(char.IsAsciiDigit);
        return normalized[0] == '0' || normalized[0] == '(' ? digits is 10 or 11 ? normalized : null : null;
    }

    [GeneratedRegex(@"^〒?\s*\d{3}-?\d{4}$")]
    private static partial Regex PostalShape();

    [GeneratedRegex(@"^\(?0\d{0,4}\)?[-\s]?\d{1,4}[-\s]?\d{3,4}$")]
    private static partial Regex PhoneShape();

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The column values of a valid record, as the companies table stores them.</summary>
    internal Columns ToColumns(string program)
    {
        // Half-width kana typed or imported is stored in full width; the keys compare names whatever their legal form.
        var name = CompanyName.Widen(Name!.Trim());
        var nameKana = CompanyName.Widen(NameKana!.Trim());
        return new Columns(
            program, name, nameKana, KanaFolding.Fold(name + " " + nameKana), CompanyName.Key(name), CompanyName.Key(nameKana),
            string.IsNullOrEmpty(CorporateNumber) ? null : Contracts.CorporateNumber.Parse(CorporateNumber).Value,
            Contracts.PrefectureCode.Parse(PrefectureCode!).Value, Contracts.MunicipalityCode.Parse(MunicipalityCode!).Value,
            NormalizePostalCode(PostalCode), Trimmed(Address),
            string.IsNullOrWhiteSpace(Industry) ? null : IndustryDivision.Parse(Industry).Value,
            Employees, CapitalYen, Trimmed(ContactName), Trimmed(ContactTitle), NormalizePhone(ContactPhone), Trimmed(ContactEmail),
            Trimmed(MemberTier), AnnualFeeYen, MemberSince);
    }

    internal sealed record Columns(
        string Program, string Name, string NameKana, string NameFolded, string NameKey, string ReadingKey, string? CorporateNumber,
        string PrefectureCode, string MunicipalityCode, string? PostalCode, string? Address, string? Industry,
        int? Employees, long? CapitalYen, string? ContactName, string? ContactTitle, string? ContactPhone, string? ContactEmail,
        string? MemberTier, long? AnnualFeeYen, DateOnly? MemberSince);
}
