namespace Matching.Programs.Kpis;

/// <summary>Whether a KPI is better when it grows (相談件数) or when it shrinks (離職率).</summary>
public enum KpiDirection
{
    Increase,
    Decrease,
}

/// <summary>
/// The published progress rule of prefectural KPI reports (進捗率): increase → actual ÷ target; decrease → target ÷
/// actual, and 0% where the actual is worse than the value at the start; a percentage with one decimal, rounded half
/// up in decimal arithmetic (67.45 → 67.5, never 67.4 from a binary 67.44999…); may exceed 100%; no actual → "-".
/// </summary>
public static class ProgressRule
{
    /// <summary>The rule in words, as reports print it beside the figures (the council page says the same).</summary>
    public static readonly Matching.Platform.Http.LocalizedText Statement = new(
        "増加を目指す指標は 実績値 ÷ 目標値、減少を目指す指標は 目標値 ÷ 実績値（実績値が事業開始前の値より悪化している場合は 0%）。"
        + "百分率の小数第 2 位を四捨五入。実績値がないものは「-」。100% を超える場合があります。累計の行は、期間の初年度から選んだ年度までの実績の合計を目標値と比べます。",
        "Indicators to increase: actual ÷ target; to decrease: target ÷ actual (0% where the actual is worse than the baseline). "
        + "In percent, rounded half up to one decimal; \"-\" where there is no actual; may exceed 100%. "
        + "A cumulative line compares the sum of the actuals from the span's first year to the selected year with its target.");

    /// <summary>The progress in percent, or null where it cannot be stated ("-").</summary>
    public static decimal? Percent(KpiDirection direction, decimal? actual, decimal? target, decimal? baseline)
    {
        if (actual is not { } a || target is not { } t)
            return null;
        if (direction == KpiDirection.Increase)
            return t == 0 ? null : Round(a * 100 / t);
        if (baseline is { } b && a > b)
            return 0m;
        if (a == 0)
            // Nothing left of what was to be reduced: met when the target was zero too, otherwise not a finite ratio.
            return t == 0 ? 100.0m : null;
        return Round(t * 100 / a);
    }

    /// <summary>One decimal, half up (away from zero), as the published tables round.</summary>
    public static decimal Round(decimal percent) => Math.Round(percent, 1, MidpointRounding.AwayFromZero);

    /// <summary>"67.5%", or "-" where there is no progress to show.</summary>
    public static string Display(decimal? percent) =>
        percent is { } p ? p.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "-";
}
