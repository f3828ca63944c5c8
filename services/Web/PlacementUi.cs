namespace Matching.Web;

/// <summary>The labels of introductions, placements and follow-ups, in Japanese and English (the codes are the API's).</summary>
public static class PlacementUi
{
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> EndReasons =
    [
        ("skillsMismatch", "経験・スキルが合わない", "Experience or skills do not fit"),
        ("conditionsMismatch", "条件（給与・勤務地など）が合わない", "Terms (pay, place …) do not fit"),
        ("cultureFit", "社風・人柄が合わない", "Culture or personality do not fit"),
        ("positionFilled", "採用枠が埋まった", "The opening was filled"),
        ("otherOffer", "他社に決まった", "Took another offer"),
        ("currentEmployer", "現職に残ることにした", "Stays with the current employer"),
        ("family", "家庭の事情・転居できない", "Family reasons, cannot move"),
        ("needChanged", "企業のニーズが変わった", "The company's need changed"),
        ("candidateUnavailable", "候補者と連絡が取れない・都合がつかない", "The candidate cannot be reached or is unavailable"),
        ("offerRevoked", "内定取消", "Offer revoked by the company"),
        ("other", "その他", "Other"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> LeavingReasons =
    [
        ("personal", "一身上の都合", "Personal reasons"),
        ("jobMismatch", "仕事内容・社風のミスマッチ", "The work or culture did not fit"),
        ("conditions", "労働条件（給与・勤務時間など）", "Working conditions (pay, hours …)"),
        ("health", "健康上の理由", "Health"),
        ("family", "家庭の事情（介護・転居など）", "Family (care, moving …)"),
        ("companyReasons", "会社都合", "The company's reasons"),
        ("contractEnded", "契約期間の満了", "The contract ended"),
        ("other", "その他", "Other"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> FollowUpChannels =
    [
        ("visit", "訪問", "Visit"), ("phone", "電話", "Phone"), ("online", "オンライン", "Online"), ("email", "メール", "E-mail"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> GrantKinds =
    [
        ("reviCareer", "REVICareer 給付金", "REVICareer grant"), ("sideJob", "副業・兼業人材の活用補助", "Side-job talent subsidy"),
        ("secondment", "在籍型出向の支援", "Secondment support"), ("relocation", "移住支援金", "Relocation grant"), ("other", "その他", "Other"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> GrantStatuses =
    [
        ("eligible", "対象", "Eligible"), ("applied", "申請済", "Applied"), ("paid", "支給済", "Paid"), ("rejected", "不支給", "Rejected"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Turns =
    [
        ("u", "Uターン", "U-turn"), ("i", "Iターン", "I-turn"), ("j", "Jターン", "J-turn"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> CountingRules =
    [
        ("offerAccepted", "内定承諾日に計上", "Counted on the accepted offer"), ("start", "入社日に計上", "Counted on the start date"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> PlacementStatuses =
    [
        ("active", "在籍", "Employed"), ("cancelled", "取消", "Cancelled"), ("ended", "離職", "Left"),
    ];

    /// <summary>The default names of the stages (a program may rename them; the API's answers carry its names).</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> StageLabels =
    [
        ("introduced", "紹介", "Introduced"), ("screening", "書類選考", "Document screening"), ("interview", "面接", "Interview"),
        ("offer", "内定", "Offer"), ("offerAccepted", "内定承諾", "Offer accepted"), ("placed", "成約", "Placed"),
        ("rejected", "不採用", "Rejected"), ("withdrawn", "紹介取下げ", "Withdrawn"), ("declined", "辞退", "Declined"), ("cancelled", "成約取消", "Placement cancelled"),
    ];

    /// <summary>The stages of the board, in order; the ended ones are one column.</summary>
    public static readonly IReadOnlyList<string> BoardStages = ["introduced", "screening", "interview", "offer", "offerAccepted", "placed"];

    public static bool IsEnded(string stage) => stage is "placed" or "rejected" or "withdrawn" or "declined" or "cancelled";

    /// <summary>A yen amount given in 万円 (10,000 yen), as offices think of annual pay; null when empty.</summary>
    public static long? ManYen(decimal? man) => man is { } m ? (long)decimal.Round(m * 10_000m) : null;

    public static string ManYenText(long? yen) => yen is { } y ? (y / 10_000m).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : "";
}
