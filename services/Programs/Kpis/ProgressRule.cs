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
