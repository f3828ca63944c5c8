namespace Matching.Contracts.Programs;

/// <summary>
/// An axis a counted KPI is broken down by (内訳), by the name requests carry (<c>municipality</c> …), with how a page or
/// a file names the breakdown (市区町村別) and its column (市区町村), in Japanese and English.
/// </summary>
public sealed record BreakdownAxis(string Value, string Ja, string En, string ColumnJa, string ColumnEn)
{
    public static readonly IReadOnlyList<BreakdownAxis> All =
    [
        new("municipality", "市区町村別", "By municipality", "市区町村", "Municipality"),
        new("prefecture", "都道府県別", "By prefecture", "都道府県", "Prefecture"),
        new("industry", "業種別", "By industry", "業種", "Industry"),
        new("coordinator", "担当コーディネーター別", "By coordinator", "担当コーディネーター", "Coordinator"),
        new("firm", "紹介事業者別", "By firm", "紹介事業者", "Firm"),
        new("employmentForm", "雇用形態別", "By employment form", "雇用形態", "Employment form"),
        new("turn", "U・I・Jターン別", "By U/I/J-turn", "U・I・Jターン", "U/I/J-turn"),
    ];

    public static BreakdownAxis? Named(string value) => All.FirstOrDefault(a => a.Value == value);
}
