using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Http;

namespace Matching.Candidates.Profiles;

/// <summary>Where a candidate stands: 活動中, 就職済, 休止中, 退会.</summary>
internal enum CandidateStatus
{
    Active,
    Placed,
    Paused,
    Left,
}

/// <summary>One job of the career history (職歴): the employer, the role, the years.</summary>
internal sealed record CareerEntry(string? Company, string? Role, int? FromYear, int? ToYear);

/// <summary>
/// プロフェッショナル人材 — a candidate's profile as a coordinator records it. Only what matching needs is collected: the
/// Employment Security Act (職業安定法 第5条の5) and its guideline forbid collecting 本籍・出生地, beliefs, union membership,
/// family and the like, so those fields do not exist, and a request that carries one is refused on it, never stored.
/// </summary>
internal record CandidateDetails
{
    public string? Name { get; init; }

    /// <summary>フリガナ, in katakana or hiragana.</summary>
    public string? NameKana { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>Residence (現住所) prefecture, 01–47.</summary>
    public string? PrefectureCode { get; init; }

    /// <summary>Residence municipality (6-digit local government code), within the prefecture.</summary>
    public string? MunicipalityCode { get; init; }

    /// <summary>出身都道府県 — for U-turn fit (the prefecture only; a birthplace is not collected).</summary>
    public string? HometownPrefectureCode { get; init; }

    /// <summary>生年 (the year only).</summary>
    public int? BirthYear { get; init; }

    [MultiLine]
    public string? CareerSummary { get; init; }

    public IReadOnlyList<CareerEntry>? Career { get; init; }

    /// <summary>Skills from the program's vocabulary: a name, a synonym or a code, in any kana.</summary>
    public IReadOnlyList<string>? Skills { get; init; }

    /// <summary>Free tags, outside the vocabulary.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>資格・免許</summary>
    public IReadOnlyList<string>? Licences { get; init; }

    public IReadOnlyList<EmploymentForm>? EmploymentForms { get; init; }

    /// <summary>Prefecture (2 digits) or municipality (6 digits) codes the candidate would work in.</summary>
    public IReadOnlyList<string>? DesiredAreas { get; init; }

    public RemoteWork? Remote { get; init; }

    /// <summary>Hours a week available for a side job (副業・兼業).</summary>
    public int? SideJobHoursPerWeek { get; init; }

    public PayUnit? DesiredPayUnit { get; init; }

    public long? DesiredPayYen { get; init; }

    public DateOnly? AvailableFrom { get; init; }

    /// <summary>Every member of the body this record does not have: refused (a forbidden item by name), never dropped silently.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    /// <summary>
    /// Items the guideline of 職業安定法 第5条の5 says not to collect (本籍・出生地, 思想・信条, 宗教, 支持政党, 労働組合への加入,
    /// 家族の職業・収入 …), under the names a client might send them.
    /// </summary>
    internal static readonly IReadOnlySet<string> ForbiddenFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "honseki", "registeredDomicile", "permanentDomicile", "domicile", "birthplace", "placeOfBirth", "birthPlace", "birthDate",
        "dateOfBirth", "beliefs", "belief", "creed", "religion", "politicalParty", "politicalViews", "unionMembership", "laborUnion",
        "tradeUnion", "family", "familyMembers", "familyStructure", "familyOccupation", "familyIncome", "spouse", "children",
        "parents", "maritalStatus", "race", "ethnicity", "nationalOrigin", "socialStatus", "assets", "medicalHistory",
    };

    public static readonly LocalizedText NameLabel = new("氏名", "Name");
    public static readonly LocalizedText KanaLabel = new("フリガナ", "Name (kana)");
    public static readonly LocalizedText KanaInvalid = new("フリガナはカタカナまたはひらがなで入力してください（100 文字以内）。", "The reading is katakana or hiragana, at most 100 characters.");
    public static readonly LocalizedText EmailInvalid = new("メールアドレスの形式が正しくありません。", "The e-mail address is not valid.");
    public static readonly LocalizedText PhoneInvalid = new(
        "電話番号は数字とハイフン（先頭に + も可）で、数字 10〜15 桁で入力してください。", "The phone number is digits and hyphens (a leading + allowed), 10 to 15 digits.");
    public static readonly LocalizedText PrefectureInvalid = new("居住地の都道府県コードは 01〜47 で指定してください。", "The residence prefecture is a code from 01 to 47.");
    public static readonly LocalizedText MunicipalityInvalid = new(
        "居住地の市区町村コードは、その都道府県の 6 桁の全国地方公共団体コード（チェックデジット付き）で指定してください。",
        "The residence municipality is a 6-digit local government code (with its check digit) in the residence prefecture.");
    public static readonly LocalizedText HometownInvalid = new("出身都道府県コードは 01〜47 で指定してください。", "The hometown prefecture is a code from 01 to 47.");
    public static readonly LocalizedText BirthYearInvalid = new("生年は 1930 年から {0} 年までの西暦で入力してください。", "The birth year is from 1930 to {0}.");
    public static readonly LocalizedText SummaryTooLong = new("職務要約は 2000 文字以内で入力してください。", "The career summary is at most 2,000 characters.");
    public static readonly LocalizedText CareerTooMany = new("職歴は 20 件までにしてください。", "At most 20 jobs in the career history.");
    public static readonly LocalizedText CareerCompany = new("職歴の会社名を入力してください（100 文字以内）。", "Each job needs its company, at most 100 characters.");
    public static readonly LocalizedText CareerRole = new("職歴の役職・職種を入力してください（100 文字以内）。", "Each job needs its role, at most 100 characters.");
    public static readonly LocalizedText CareerYears = new(
        "職歴の期間は 1950 年から今年までで、終了年は開始年以降にしてください（在職中は終了年なし）。",
        "A job's years are from 1950 to this year, the end not before the start (no end while still there).");
    public static readonly LocalizedText SkillsInvalid = new("スキルは 50 件まで、各 50 文字以内で指定してください。", "At most 50 skills, each at most 50 characters.");
    public static readonly LocalizedText TagsInvalid = new("タグは 20 件まで、各 30 文字以内で指定してください。", "At most 20 tags, each at most 30 characters.");
    public static readonly LocalizedText LanguagesInvalid = new("語学は 10 件まで、各 50 文字以内で指定してください。", "At most 10 languages, each at most 50 characters.");
    public static readonly LocalizedText LicencesInvalid = new("資格・免許は 20 件まで、各 100 文字以内で指定してください。", "At most 20 licences, each at most 100 characters.");
    public static readonly LocalizedText EmploymentFormsInvalid = new(
        "希望する雇用形態を 1 つ以上選んでください（正社員・契約社員・副業・兼業・出向・業務委託）。",
        "Choose at least one desired employment form (fullTime, contract, sideJob, secondment, outsourcing).");
    public static readonly LocalizedText AreasInvalid = new(
        "希望勤務地は都道府県コード（2 桁）または市区町村コード（6 桁）で、20 件までにしてください。",
        "Desired areas are prefecture codes (2 digits) or municipality codes (6 digits), at most 20.");
    public static readonly LocalizedText RemoteInvalid = new("リモート希望は none、partial、full のいずれかです。", "Remote is none, partial or full.");
    public static readonly LocalizedText SideJobHoursInvalid = new("副業に使える時間は週 1〜60 時間で入力してください。", "Side-job hours are 1 to 60 a week.");
    public static readonly LocalizedText PayInvalid = new("希望年収・月額・時給は 0 円以上 1 億円以下で入力してください。", "The desired pay is 0 to 100,000,000 yen.");
    public static readonly LocalizedText PayNeedsUnit = new(
        "希望給与を入力する場合は、年収・月額・時給のいずれかを選んでください。", "Choose year, month or hour when you give a desired pay.");
    public static readonly LocalizedText AvailableInvalid = new("就業可能日は 2000-01-01 から 5 年先までの日付にしてください。", "The available date is from 2000-01-01 to five years ahead.");
    public static readonly LocalizedText ForbiddenField = new(
        "この項目は収集できません（職業安定法第5条の5・指針により、本籍・出生地、思想・信条、労働組合への加入、家族に関する情報などは取得しません）。",
        "This item may not be collected (Employment Security Act art. 5-5 and its guideline: no registered domicile or birthplace, beliefs, union membership, family …).");
    public static readonly LocalizedText UnknownField = new("この項目はありません。", "There is no such field.");

    private static readonly Regex PhoneShape = new(@"^\+?[0-9][0-9-]{8,18}[0-9]$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    private static readonly Regex KanaShape = new(@"^[\p{IsKatakana}\p{IsHiragana}ー・ 　]+$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    internal static bool IsPhone(string text) => PhoneShape.IsMatch(text) && text.Count(char.IsAsciiDigit) is >= 10 and <= 15;

    internal static bool IsKana(string text) => KanaShape.IsMatch(text.Normalize(System.Text.NormalizationForm.FormKC));

    internal static bool IsArea(string code) =>
        (code.Length == 2 && Contracts.PrefectureCode.IsValid(code)) || (code.Length == 6 && Contracts.MunicipalityCode.IsValid(code));

    internal static int ThisYear(TimeProvider clock) => clock.GetUtcNow().ToOffset(JapanTime.Offset).Year;

    internal static DateOnly Today(TimeProvider clock) => JapanTime.Today(clock);

    private static bool Within(IReadOnlyList<string>? items, int count, int length) =>
        items is null || (items.Count <= count && items.All(i => !string.IsNullOrWhiteSpace(i) && i.Trim().Length <= length));

    internal sealed class Validator : AbstractValidator<CandidateDetails>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.Name).NotEmpty().Label(NameLabel).MaximumLength(100).Label(NameLabel);
            RuleFor(r => r.NameKana).NotEmpty().Label(KanaLabel).Must(k => k!.Length <= 100 && IsKana(k)).Message(KanaInvalid);
            RuleFor(r => r.Email).Must(e => EmailAddress.IsValid(e!.Trim())).Message(EmailInvalid).When(r => !string.IsNullOrWhiteSpace(r.Email));
            RuleFor(r => r.Phone).Must(p => IsPhone(p!.Trim())).Message(PhoneInvalid).When(r => !string.IsNullOrWhiteSpace(r.Phone));
            RuleFor(r => r.PrefectureCode).Must(Contracts.PrefectureCode.IsValid).Message(PrefectureInvalid);
            RuleFor(r => r.MunicipalityCode)
                .Must((r, m) => Contracts.MunicipalityCode.TryParse(m, out var code) && code.Prefecture.Value == r.PrefectureCode?.Trim())
                .Message(MunicipalityInvalid).When(r => !string.IsNullOrWhiteSpace(r.MunicipalityCode) && Contracts.PrefectureCode.IsValid(r.PrefectureCode));
            RuleFor(r => r.HometownPrefectureCode).Must(Contracts.PrefectureCode.IsValid).Message(HometownInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.HometownPrefectureCode));
            RuleFor(r => r.BirthYear).Must(y => y >= 1930 && y <= ThisYear(clock) - 15)
                .WithMessage(_ => BirthYearInvalid.Format(ThisYear(clock) - 15).ToString()).When(r => r.BirthYear is not null);
            RuleFor(r => r.CareerSummary).MaximumLength(2000).Message(SummaryTooLong);
            RuleFor(r => r.Career).Must(c => c!.Count <= 20).Message(CareerTooMany).When(r => r.Career is not null);
            RuleForEach(r => r.Career).ChildRules(job =>
            {
                job.RuleFor(j => j.Company).Must(c => !string.IsNullOrWhiteSpace(c) && c.Trim().Length <= 100).Message(CareerCompany);
                job.RuleFor(j => j.Role).Must(c => !string.IsNullOrWhiteSpace(c) && c.Trim().Length <= 100).Message(CareerRole);
                job.RuleFor(j => j.FromYear).Must(y => y >= 1950 && y <= ThisYear(clock)).Message(CareerYears);
                job.RuleFor(j => j.ToYear).Must((j, y) => y >= (j.FromYear ?? 1950) && y <= ThisYear(clock)).Message(CareerYears).When(j => j.ToYear is not null);
            }).When(r => r.Career is { Count: <= 20 });
            RuleFor(r => r.Skills).Must(s => Within(s, 50, 50)).Message(SkillsInvalid);
            RuleFor(r => r.Tags).Must(s => Within(s, 20, 30)).Message(TagsInvalid);
            RuleFor(r => r.Languages).Must(s => Within(s, 10, 50)).Message(LanguagesInvalid);
            RuleFor(r => r.Licences).Must(s => Within(s, 20, 100)).Message(LicencesInvalid);
            RuleFor(r => r.EmploymentForms).Must(f => f is { Count: > 0 and <= 5 } && f.All(Enum.IsDefined)).Message(EmploymentFormsInvalid);
            RuleFor(r => r.DesiredAreas).Must(a => a is null || (a.Count <= 20 && a.All(x => IsArea(x.Trim())))).Message(AreasInvalid);
            RuleFor(r => r.Remote).IsInEnum().Message(RemoteInvalid);
            RuleFor(r => r.SideJobHoursPerWeek).InclusiveBetween(1, 60).Message(SideJobHoursInvalid);
            RuleFor(r => r.DesiredPayYen).InclusiveBetween(0, 100_000_000).Message(PayInvalid);
            RuleFor(r => r.DesiredPayUnit).IsInEnum().Message(PayNeedsUnit)
                .NotNull().Message(PayNeedsUnit).When(r => r.DesiredPayYen is not null);
            RuleFor(r => r.AvailableFrom).Must(d => d >= new DateOnly(2000, 1, 1) && d <= Today(clock).AddYears(5)).Message(AvailableInvalid)
                .When(r => r.AvailableFrom is not null);
            RuleFor(r => r.Unknown).Custom((unknown, context) =>
            {
                foreach (var name in unknown?.Keys.ToList() ?? [])
                    context.AddFailure(name, (ForbiddenFields.Contains(name) ? ForbiddenField : UnknownField).ToString());
            });
        }
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string> Trimmed(IReadOnlyList<string>? items) =>
        items?.Select(i => i.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];

    internal static string NameOf<TEnum>(TEnum value) where TEnum : struct, Enum =>
        MatchingJson.Options.PropertyNamingPolicy!.ConvertName(value.ToString());

    /// <summary>A valid profile as stored: trimmed, lists without repeats, skills as their vocabulary codes.</summary>
    internal CandidateRecord ToRecord(IReadOnlyList<string> skillCodes) => new(
        Name!.Trim(),
        NameKana!.Trim(),
        Trimmed(Email),
        Trimmed(Phone),
        PrefectureCode!.Trim(),
        Trimmed(MunicipalityCode),
        BirthYear,
        EmploymentForms!.Distinct().Select(NameOf).ToList(),
        new ProfileDocument(
            Trimmed(HometownPrefectureCode),
            Trimmed(CareerSummary),
            Career?.Select(c => c with { Company = c.Company!.Trim(), Role = c.Role!.Trim() }).ToList() ?? [],
            skillCodes,
            Trimmed(Tags),
            Trimmed(Languages),
            Trimmed(Licences),
            Trimmed(DesiredAreas),
            NameOf(Remote ?? RemoteWork.None),
            SideJobHoursPerWeek,
            DesiredPayUnit is { } unit ? NameOf(unit) : null,
            DesiredPayYen,
            AvailableFrom));
}

/// <summary>
/// A candidate as stored: identity, contact, residence and birth year in columns of their own (what an anonymised view
/// leaves out or coarsens), the rest of the profile one JSON document (enums by camelCase name, skills by code).
/// </summary>
internal sealed record CandidateRecord(
    string Name,
    string NameKana,
    string? Email,
    string? Phone,
    string PrefectureCode,
    string? MunicipalityCode,
    int? BirthYear,
    IReadOnlyList<string> EmploymentForms,
    ProfileDocument Profile);

/// <summary>The profile beyond identity and contact.</summary>
internal sealed record ProfileDocument(
    string? HometownPrefectureCode,
    string? CareerSummary,
    IReadOnlyList<CareerEntry> Career,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Licences,
    IReadOnlyList<string> DesiredAreas,
    string Remote,
    int? SideJobHoursPerWeek,
    string? DesiredPayUnit,
    long? DesiredPayYen,
    DateOnly? AvailableFrom);
