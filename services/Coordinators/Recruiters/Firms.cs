using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;

namespace Matching.Coordinators.Recruiters;

/// <summary>登録状況 — a firm's standing with one program; only a registered firm receives referrals.</summary>
internal enum RegistrationStatus
{
    /// <summary>申請中</summary>
    Applied,

    /// <summary>登録済</summary>
    Registered,

    /// <summary>一時停止</summary>
    Suspended,

    /// <summary>登録取消・辞退</summary>
    Withdrawn,
}

/// <summary>得意分野 — what a firm is good at placing.</summary>
internal enum Specialty
{
    /// <summary>経営幹部・経営人材</summary>
    Executive,

    /// <summary>技術者・エンジニア</summary>
    Engineering,

    /// <summary>DX・IT 人材</summary>
    Digital,

    /// <summary>営業・販路開拓</summary>
    Sales,

    /// <summary>管理部門（財務・人事・総務）</summary>
    BackOffice,

    /// <summary>副業・兼業</summary>
    SideJob,

    /// <summary>出向・在籍型出向</summary>
    Secondment,

    /// <summary>事業承継</summary>
    Succession,
}

/// <summary>A contact person of a firm: who gets the referral mail.</summary>
internal sealed record FirmContact(string? Name, string? Email, string? Phone);

/// <summary>
/// 登録民間人材ビジネス事業者 — a recruiting firm as a program registers it: who it is (corporate number, licence of 有料職業紹介事業),
/// where and in what it works, who to contact, and the terms of its registration with this program.
/// </summary>
internal record FirmDetails
{
    public string? Name { get; init; }

    public string? NameKana { get; init; }

    public string? CorporateNumber { get; init; }

    /// <summary>有料職業紹介事業 許可番号, <c>13-ユ-123456</c>.</summary>
    public string? LicenceNumber { get; init; }

    public string? HeadOffice { get; init; }

    /// <summary>Prefecture codes (<c>01</c>) or municipality codes (<c>012084</c>) the firm covers; empty for all of Japan.</summary>
    public IReadOnlyList<string>? Areas { get; init; }

    /// <summary>JSIC divisions (<c>E</c> 製造業 …) the firm covers; empty for all.</summary>
    public IReadOnlyList<string>? Industries { get; init; }

    public IReadOnlyList<Specialty>? Specialties { get; init; }

    public IReadOnlyList<FirmContact>? Contacts { get; init; }

    /// <summary>手数料の取り決め</summary>
    [MultiLine]
    public string? FeeRule { get; init; }

    /// <summary>登録要件・遵守事項</summary>
    [MultiLine]
    public string? Rules { get; init; }

    [MultiLine]
    public string? Note { get; init; }

    public static readonly LocalizedText NameLabel = new("事業者名", "Firm name");
    public static readonly LocalizedText KanaLabel = new("事業者名（カナ）", "Firm name (kana)");
    public static readonly LocalizedText HeadOfficeLabel = new("本社所在地", "Head office");
    public static readonly LocalizedText LicenceInvalid = new(
        "有料職業紹介事業の許可番号は「13-ユ-123456」の形（都道府県コード 01〜47、ユ、6 桁の数字）で入力してください。",
        "The licence number of a fee-charging employment agency looks like 13-ユ-123456 (prefecture code 01–47, ユ, six digits).");
    public static readonly LocalizedText CorporateNumberInvalid = new(
        "法人番号は 13 桁の数字で、先頭のチェックデジットが正しい必要があります。", "The corporate number is 13 digits with a valid check digit.");
    public static readonly LocalizedText AreaInvalid = new(
        "対応地域は都道府県コード（2 桁）または市区町村コード（6 桁）で、20 件までにしてください。",
        "Areas are prefecture codes (2 digits) or municipality codes (6 digits), at most 20.");
    public static readonly LocalizedText IndustryInvalid = new(
        "対応業種は日本標準産業分類の大分類（A〜T）で指定してください。", "Industries are JSIC divisions, A to T.");
    public static readonly LocalizedText SpecialtyInvalid = new("得意分野は一覧から選んでください。", "Choose specialties from the list.");
    public static readonly LocalizedText ContactsInvalid = new(
        "担当者は 10 人まで、名前は 50 文字まで、メールアドレスは正しい形式で入力してください。",
        "At most 10 contacts; names up to 50 characters; e-mail addresses must be valid.");
    public static readonly LocalizedText TextTooLong = new("{0}文字以内で入力してください。", "At most {0} characters.");

    private static readonly Regex Licence = new(@"^(0[1-9]|[1-3][0-9]|4[0-7])-ユ-[0-9]{6}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>Whether a licence number has the shape 都道府県コード-ユ-6 桁 (the prefecture code 01–47).</summary>
    internal static bool IsLicenceNumber(string? text) => text is not null && Licence.IsMatch(text.Trim());

    internal static bool IsArea(string code) =>
        (code.Length == 2 && PrefectureCode.TryParse(code, out _)) || (code.Length == 6 && MunicipalityCode.IsValid(code));

    internal static bool IsEmail(string? text) => EmailAddress.IsValid(text);

    internal sealed class Validator : AbstractValidator<FirmDetails>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().Label(NameLabel).MaximumLength(200).Label(NameLabel);
            RuleFor(r => r.NameKana).NotEmpty().Label(KanaLabel).MaximumLength(200).Label(KanaLabel);
            RuleFor(r => r.CorporateNumber).Must(c => Contracts.CorporateNumber.IsValid(c!)).Message(CorporateNumberInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.CorporateNumber));
            RuleFor(r => r.LicenceNumber).Must(IsLicenceNumber).Message(LicenceInvalid);
            RuleFor(r => r.HeadOffice).MaximumLength(300).Label(HeadOfficeLabel);
            RuleFor(r => r.Areas).Must(a => a is null || (a.Count <= 20 && a.All(IsArea))).Message(AreaInvalid);
            RuleFor(r => r.Industries).Must(i => i is null || (i.Count <= 20 && i.All(x => IndustryDivision.TryParse(x, out _)))).Message(IndustryInvalid);
            RuleFor(r => r.Specialties).Must(s => s is null || (s.Count <= 8 && s.All(Enum.IsDefined))).Message(SpecialtyInvalid);
            RuleFor(r => r.Contacts).Must(c => c is null || (c.Count <= 10 && c.All(x =>
                    (x.Name?.Length ?? 0) <= 50 && (x.Phone?.Length ?? 0) <= 30 && (x.Email is null || IsEmail(x.Email)))))
                .Message(ContactsInvalid);
            RuleFor(r => r.FeeRule).MaximumLength(1000).Message(TextTooLong.Format(1000));
            RuleFor(r => r.Rules).MaximumLength(2000).Message(TextTooLong.Format(2000));
            RuleFor(r => r.Note).MaximumLength(2000).Message(TextTooLong.Format(2000));
        }
    }

    internal static string Json<T>(IReadOnlyList<T>? list) => JsonSerializer.Serialize(list ?? [], MatchingJson.Options);

    internal object ToColumns() => new
    {
        name = Name!.Trim(),
        nameKana = NameKana!.Trim(),
        corporateNumber = string.IsNullOrWhiteSpace(CorporateNumber) ? null : CorporateNumber.Trim(),
        licenceNumber = LicenceNumber!.Trim(),
        headOffice = string.IsNullOrWhiteSpace(HeadOffice) ? null : HeadOffice.Trim(),
        areas = Json(Areas?.Select(a => a.Trim()).Distinct().ToList()),
        industries = Json(Industries?.Select(i => i.Trim().ToUpperInvariant()).Distinct().ToList()),
        specialties = Json(Specialties?.Distinct().Select(s => MatchingJson.Options.PropertyNamingPolicy!.ConvertName(s.ToString())).ToList()),
        contacts = Json(Contacts),
        feeRule = string.IsNullOrWhiteSpace(FeeRule) ? null : FeeRule.Trim(),
        rules = string.IsNullOrWhiteSpace(Rules) ? null : Rules.Trim(),
        note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
    };
}

/// <summary>A firm as a program sees it: the firm and its registration with the program.</summary>
/// <param name="LicenceNumber">Null only for a firm entered from a recruiter membership's name, until the office completes it.</param>
internal sealed record Firm(
    Guid Id, string Name, string NameKana, string? CorporateNumber, string? LicenceNumber, string? HeadOffice,
    IReadOnlyList<string> Areas, IReadOnlyList<string> Industries, IReadOnlyList<string> Specialties, IReadOnlyList<FirmContact> Contacts,
    string Status, DateOnly StatusOn, string? StatusReason, string? FeeRule, string? Rules, string? Note, int Version, int RegistrationVersion);

/// <summary>Reading firms of a program, and which firm a recruiter user belongs to.</summary>
internal static class FirmStore
{
    internal const string SelectSql = """
        SELECT f.id AS Id, f.name AS Name, f.name_kana AS NameKana, f.corporate_number AS CorporateNumber, f.licence_number AS LicenceNumber,
               f.head_office AS HeadOffice, f.areas AS Areas, f.industries AS Industries, f.specialties AS Specialties, f.contacts AS Contacts,
               r.status AS Status, r.status_on AS StatusOn, r.status_reason AS StatusReason, r.fee_rule AS FeeRule, r.rules AS Rules,
               r.note AS Note, f.version AS Version, r.version AS RegistrationVersion
          FROM firm_registrations r JOIN firms f ON f.id = r.firm_id
         WHERE r.program = @program
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string NameKana { get; init; } = "";
        public string? CorporateNumber { get; init; }
        public string? LicenceNumber { get; init; }
        public string? HeadOffice { get; init; }
        public string Areas { get; init; } = "[]";
        public string Industries { get; init; } = "[]";
        public string Specialties { get; init; } = "[]";
        public string Contacts { get; init; } = "[]";
        public string Status { get; init; } = "";
        public DateOnly StatusOn { get; init; }
        public string? StatusReason { get; init; }
        public string? FeeRule { get; init; }
        public string? Rules { get; init; }
        public string? Note { get; init; }
        public int Version { get; init; }
        public int RegistrationVersion { get; init; }

        public Firm ToFirm() => new(Id, Name, NameKana, CorporateNumber, LicenceNumber, HeadOffice, List<string>(Areas), List<string>(Industries),
            List<string>(Specialties), List<FirmContact>(Contacts), Status, StatusOn, StatusReason, FeeRule, Rules, Note, Version, RegistrationVersion);

        private static List<T> List<T>(string json) => JsonSerializer.Deserialize<List<T>>(json, MatchingJson.Options) ?? [];
    }

    public static async Task<Firm?> GetAsync(ServiceDatabase database, string program, Guid id, CancellationToken ct) =>
        (await database.QuerySingleOrDefaultAsync<Row>(SelectSql + " AND f.id = @id", new { program, id }, ct))?.ToFirm();

    public static async Task<Firm?> GetAsync(DatabaseTransaction tx, string program, Guid id, CancellationToken ct) =>
        (await tx.QuerySingleOrDefaultAsync<Row>(SelectSql + " AND f.id = @id", new { program, id }, ct))?.ToFirm();

    public static async Task<IReadOnlyList<Firm>> ListAsync(ServiceDatabase database, string program, CancellationToken ct) =>
        (await database.QueryAsync<Row>(SelectSql + " ORDER BY f.name_kana, f.id", new { program }, ct)).Select(r => r.ToFirm()).ToList();

    internal const string ByNameSql = """
        SELECT f.id FROM firm_registrations r JOIN firms f ON f.id = r.firm_id WHERE r.program = @program AND f.name = @name
        """;

    internal const string ByIdSql = "SELECT firm_id FROM firm_registrations WHERE program = @program AND firm_id = @id";

    internal const string NamesSql = """
        SELECT f.id AS Id, f.name AS Name, f.licence_number AS LicenceNumber
          FROM firm_registrations r JOIN firms f ON f.id = r.firm_id
         WHERE r.program = @program
        """;

    private sealed record NamedFirm(Guid Id, string Name, string? LicenceNumber);

    /// <summary>The program's firms whose name folds (kana, width, spacing) to the same text as <paramref name="name"/>.</summary>
    public static async Task<IReadOnlyList<(Guid Id, bool Placeholder)>> WithNameAsync(DatabaseTransaction tx, string program, string name, CancellationToken ct)
    {
        var folded = KanaFolding.Fold(name);
        return (await tx.QueryAsync<NamedFirm>(NamesSql, new { program }, ct))
            .Where(f => KanaFolding.Fold(f.Name) == folded).Select(f => (f.Id, f.LicenceNumber is null)).ToList();
    }

    /// <summary>A firm entered from a recruiter membership's name (no licence yet) with this name, if there is one.</summary>
    public static async Task<Guid?> NamedByMembershipAsync(DatabaseTransaction tx, string program, string name, CancellationToken ct) =>
        (await WithNameAsync(tx, program, name, ct)).Where(f => f.Placeholder).Select(f => (Guid?)f.Id).FirstOrDefault();

    /// <summary>
    /// The firm a recruiter belongs to in a program: its membership names the firm by id, or (memberships made before the
    /// registry) by the firm's name. Null for anyone else, and for a recruiter whose firm is not in the program's registry.
    /// </summary>
    public static async Task<Guid?> OfRecruiterAsync(ServiceDatabase database, string program, MatchingUser? user, CancellationToken ct)
    {
        if (user?.MembershipOf(program) is not { Role: ProgramRole.Recruiter, Firm: { Length: > 0 } firm })
            return null;
        if (Guid.TryParse(firm, out var id))
            return await database.QuerySingleOrDefaultAsync<Guid?>(ByIdSql, new { program, id }, ct);
        var byName = await database.QueryAsync<Guid>(ByNameSql, new { program, name = firm.Trim() }, ct);
        return byName.Count == 1 ? byName[0] : null;
    }
}
