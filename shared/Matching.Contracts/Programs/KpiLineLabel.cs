namespace Matching.Contracts.Programs;

/// <summary>
/// The heading of a KPI line as the plans' tables write it (平成29年度 増加分, KPI増加分の累計（平成29年度〜令和元年度）…),
/// and its English; by the target's kind as requests and answers name it (<c>yearly</c>, <c>cumulative</c>, <c>level</c>,
/// <c>atLeastBaseline</c>, <c>reference</c>).
/// </summary>
public static class KpiLineLabel
{
    public static string Of(string kind, int from, int to, bool english)
    {
        var first = new FiscalYear(from).JapaneseName;
        return (kind, english) switch
        {
            ("yearly", false) => $"{first} 増加分",
            ("yearly", true) => $"FY{from} increase",
            ("cumulative", false) => $"KPI増加分の累計（{first}〜{new FiscalYear(to).JapaneseName}）",
            ("cumulative", true) => $"Cumulative increase (FY{from}–FY{to})",
            ("level", false) => $"{first} 目標値",
            ("level", true) => $"FY{from} level",
            ("atLeastBaseline", false) => $"{first} 現状値以上",
            ("atLeastBaseline", true) => $"FY{from} at least the baseline",
            ("reference", false) => $"{first} 参照値（全国平均値等）",
            ("reference", true) => $"FY{from} reference (national average etc.)",
            _ => kind,
        };
    }
}
