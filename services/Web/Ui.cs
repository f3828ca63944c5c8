using System.Globalization;
using Matching.Contracts;
using Matching.Platform.Auth;

namespace Matching.Web;

/// <summary>How the UI says things: Japanese by default, English when switched; dates with fiscal year and era.</summary>
public static class Ui
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Lang => English ? "en" : "ja";

    public static string L(string ja, string en) => English ? en : ja;

    public static string Date(DateOnly date) =>
        English ? date.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : $"{date.Year}年{date.Month}月{date.Day}日";

    public static string Date(DateTimeOffset time) => Date(JapanTime.DayOf(time));

    /// <summary>The day and the time of day in Japan: 2026年12月2日 14:05.</summary>
    public static string Moment(DateTimeOffset time) =>
        $"{Date(time)} {time.ToOffset(JapanTime.Offset).ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>令和7年度（2025年度） / FY2025 (Reiwa 7).</summary>
    public static string FiscalYear(FiscalYear year) =>
        English ? $"FY{year.StartYear} ({(year.EraName == "令和" ? "Reiwa" : "Heisei")} {EraYear(year)})" : $"{year.JapaneseName}（{year.StartYear}年度）";

    private static string EraYear(FiscalYear year)
    {
        var name = year.JapaneseName;
        var number = new string([.. name.Where(char.IsDigit)]);
        return number.Length > 0 ? number : "1";
    }

    public static string Role(Membership m) => m.Role switch
    {
        ProgramRole.Coordinator => L("コーディネーター", "Coordinator") + m.Level switch
        {
            CoordinatorLevel.Main => L("（メイン）", " (main)"),
            CoordinatorLevel.Sub => L("（サブ）", " (sub)"),
            CoordinatorLevel.Assistant => L("（アシスタント）", " (assistant)"),
            _ => "",
        },
        ProgramRole.Recruiter => L("登録人材紹介事業者", "Registered recruiter") + ((m.FirmName ?? m.Firm) is { } f ? $" — {f}" : ""),
        ProgramRole.Office => L("事務局", "Program office"),
        _ => m.Role.ToString(),
    };

    /// <summary>"（メイン）" for a coordinator's level as Programs names it (main, sub, assistant).</summary>
    public static string StaffLevel(string? level) => level switch
    {
        "main" => L("（メイン）", " (main)"),
        "sub" => L("（サブ）", " (sub)"),
        "assistant" => L("（アシスタント）", " (assistant)"),
        _ => "",
    };

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Channels =
    [
        ("visit", "訪問", "Visit"),
        ("phone", "電話", "Phone"),
        ("online", "オンライン", "Online"),
        ("seminar", "セミナー", "Seminar"),
    ];

    public static string Channel(string value) =>
        Channels.FirstOrDefault(c => c.Value == value) is { Value: not null } c ? L(c.Ja, c.En) : value;

    /// <summary>経営課題 — the fixed list of management issues a consultation may be about.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Issues =
    [
        ("salesChannels", "販路開拓", "Sales channels"),
        ("succession", "事業承継", "Succession"),
        ("overseasExpansion", "海外展開", "Overseas expansion"),
        ("dx", "DX・IT化", "DX / IT"),
        ("organisation", "組織・人材育成", "Organisation and people"),
        ("newBusiness", "新規事業", "New business"),
        ("productivity", "生産性向上", "Productivity"),
        ("other", "その他", "Other"),
    ];

    public static string Issue(string value) =>
        Issues.FirstOrDefault(c => c.Value == value) is { Value: not null } c ? L(c.Ja, c.En) : value;

    public static string Industry(string? letter) =>
        IndustryDivision.TryParse(letter, out var d) ? $"{d.Letter} {(English ? d.EnglishName : d.Name)}" : "";

    /// <summary>"山田 太郎、鈴木 花子" (or commas, or one per line) → the names.</summary>
    public static string[] Names(string? text) =>
        (text ?? "").Split(['、', ',', '，', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Yen(long? yen) => yen is { } y ? (English ? $"¥{Number(y)}" : $"{Number(y)}円") : "";

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> EmploymentForms =
    [
        ("fullTime", "正社員", "Full-time"),
        ("contract", "契約社員", "Contract"),
        ("sideJob", "副業・兼業", "Side job"),
        ("secondment", "出向・在籍型出向", "Secondment"),
        ("outsourcing", "業務委託", "Outsourcing"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> NeedStatuses =
    [
        ("open", "募集中", "Open"),
        ("referred", "取次済", "Referred"),
        ("filled", "充足", "Filled"),
        ("cancelled", "取下げ", "Cancelled"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Urgencies =
    [
        ("high", "高", "High"),
        ("normal", "中", "Normal"),
        ("low", "低", "Low"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> RemoteOptions =
    [
        ("none", "出社", "On site"),
        ("partial", "一部リモート", "Partly remote"),
        ("full", "フルリモート", "Fully remote"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> PayUnits =
    [
        ("year", "年収", "per year"),
        ("month", "月額", "per month"),
        ("hour", "時給", "per hour"),
    ];

    /// <summary>取次の状況.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> ReferralStatuses =
    [
        ("sent", "回答待ち", "Awaiting answer"),
        ("accepted", "承諾", "Accepted"),
        ("declined", "辞退", "Declined"),
        ("expired", "期限切れ", "Expired"),
        ("withdrawn", "取消", "Withdrawn"),
    ];

    /// <summary>辞退の理由.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> DeclineReasons =
    [
        ("noCandidates", "紹介できる候補者がいない", "No candidates to introduce"),
        ("outOfArea", "対応地域外", "Outside our areas"),
        ("outOfField", "専門外の職種", "Outside our field"),
        ("noCapacity", "対応できる余力がない", "No capacity"),
        ("termsMismatch", "条件が合わない", "Terms do not fit"),
        ("other", "その他", "Other"),
    ];

    /// <summary>Webhook 配信の状況.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> DeliveryStatuses =
    [
        ("pending", "送信待ち", "Pending"),
        ("delivered", "配信済", "Delivered"),
        ("failed", "失敗", "Failed"),
    ];

    /// <summary>事業者の登録状況.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> RegistrationStatuses =
    [
        ("applied", "申請中", "Applied"),
        ("registered", "登録済", "Registered"),
        ("suspended", "一時停止", "Suspended"),
        ("withdrawn", "登録取消", "Withdrawn"),
    ];

    /// <summary>登録者の状況.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> CandidateStatuses =
    [
        ("active", "活動中", "Active"),
        ("placed", "就職済", "Placed"),
        ("paused", "休止中", "Paused"),
        ("left", "退会", "Left"),
    ];

    /// <summary>同意の提供先.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> ConsentRecipients =
    [
        ("program", "プログラム（データバンクへの登録）", "The program (data bank)"),
        ("registeredFirms", "登録事業者全般への提供", "Registered firms in general"),
        ("firm", "特定の事業者への提供", "One named firm"),
    ];

    /// <summary>同意の方法.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> ConsentMethods =
    [
        ("written", "書面", "In writing"),
        ("electronic", "電子（Web・メール）", "Electronically"),
        ("oral", "口頭（記録）", "Orally (recorded)"),
        ("import", "取込（リストに記載の同意）", "Imported (as the list states)"),
    ];

    /// <summary>重複の候補が一致した点.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> DuplicateMatches =
    [
        ("email", "メールアドレス", "e-mail"),
        ("phone", "電話番号", "phone"),
        ("nameAndBirthYear", "氏名・フリガナと生年", "name, reading and birth year"),
    ];

    /// <summary>個人データの消去の理由.</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> ErasureReasons =
    [
        ("request", "本人の求め", "The person asked"),
        ("retention", "保存期間の経過", "The retention period ended"),
    ];

    /// <summary>"1980年代" / "1980s": what an anonymised profile says of the age.</summary>
    public static string Decade(int? decade) => decade is { } d ? L($"{d}年代生まれ", $"born in the {d}s") : "";

    /// <summary>A municipality code as a reader knows it: 北海道 北見市 (the prefecture and the code for one the list lacks).</summary>
    public static string Place(string? municipalityCode) =>
        MunicipalityCode.IsValid(municipalityCode) ? Municipality.Describe(municipalityCode) : "";

    /// <summary>The label of a value from one of the lists above.</summary>
    public static string Label(IReadOnlyList<(string Value, string Ja, string En)> list, string? value) =>
        list.FirstOrDefault(c => c.Value == value) is { Value: not null } c ? L(c.Ja, c.En) : value ?? "";

    public static IEnumerable<PrefectureCode> Prefectures() =>
        Enumerable.Range(1, 47).Select(n => PrefectureCode.Parse(n.ToString("D2", CultureInfo.InvariantCulture)));

    /// <summary>Today in Japan, where the programs work.</summary>
    public static DateOnly Today(TimeProvider clock) => JapanTime.Today(clock);

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
