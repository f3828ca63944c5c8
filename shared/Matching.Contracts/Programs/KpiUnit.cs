namespace Matching.Contracts.Programs;

/// <summary>The units KPIs are written in, as the plans write them (人, 件, 社 …), and their English.</summary>
public static class KpiUnit
{
    private static readonly Dictionary<string, string> InEnglish = new(StringComparer.Ordinal)
    {
        ["人"] = "people", ["件"] = "cases", ["社"] = "companies", ["回"] = "times", ["団体"] = "organisations", ["事業所"] = "offices",
        ["％"] = "%", ["%"] = "%", ["円"] = "yen", ["千円"] = "thousand yen", ["万円"] = "10,000 yen", ["倍"] = "times",
    };

    /// <summary>The unit in English when it is one of the plans' units; otherwise as written.</summary>
    public static string English(string unit) => InEnglish.TryGetValue(unit.Trim(), out var en) ? en : unit;
}
