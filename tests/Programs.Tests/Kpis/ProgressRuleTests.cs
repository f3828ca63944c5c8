using Matching.Programs.Kpis;

namespace Matching.Programs.Tests.Kpis;

/// <summary>The published progress rule, one rule per test.</summary>
public sealed class ProgressRuleTests
{
    [Theory]
    [InlineData(260, 250, 104.0)]
    [InlineData(125, 250, 50.0)]
    [InlineData(0, 250, 0.0)]
    public void Increase_is_actual_over_target(int actual, int target, double expected) =>
        Assert.Equal((decimal)expected, ProgressRule.Percent(KpiDirection.Increase, actual, target, null));

    [Fact]
    public void Progress_may_exceed_100_percent() =>
        Assert.Equal(120.0m, ProgressRule.Percent(KpiDirection.Increase, 300, 250, 223));

    [Theory]
    // 67.45 → 67.5, as the published tables round.
    [InlineData("1349", "2000", "67.5")]
    // 0.15 is 0.1499999… as a binary double, which would round down to 0.1.
    [InlineData("3", "2000", "0.2")]
    // 1.05 → 1.1 (binary 1.04999…).
    [InlineData("21", "2000", "1.1")]
    // Below the half stays down.
    [InlineData("13489", "20000", "67.4")]
    public void Rounding_is_half_up_on_the_first_decimal_in_decimal_arithmetic(string actual, string target, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ProgressRule.Percent(KpiDirection.Increase, decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(target, System.Globalization.CultureInfo.InvariantCulture), null));

    [Fact]
    public void Decrease_is_target_over_actual() =>
        Assert.Equal(80.0m, ProgressRule.Percent(KpiDirection.Decrease, 12.5m, 10m, 15m));

    [Fact]
    public void Decrease_worse_than_at_the_start_is_0_percent() =>
        Assert.Equal(0.0m, ProgressRule.Percent(KpiDirection.Decrease, 16m, 10m, 15m));

    [Fact]
    public void Decrease_equal_to_the_start_is_not_0_percent() =>
        Assert.Equal(66.7m, ProgressRule.Percent(KpiDirection.Decrease, 15m, 10m, 15m));

    [Fact]
    public void Decrease_below_the_target_exceeds_100_percent() =>
        Assert.Equal(125.0m, ProgressRule.Percent(KpiDirection.Decrease, 8m, 10m, 15m));

    [Fact]
    public void No_actual_is_a_dash_never_zero()
    {
        var progress = ProgressRule.Percent(KpiDirection.Increase, null, 250, 223);

        Assert.Null(progress);
        Assert.Equal("-", ProgressRule.Display(progress));
    }

    [Fact]
    public void No_target_yet_is_a_dash() =>
        Assert.Equal("-", ProgressRule.Display(ProgressRule.Percent(KpiDirection.Increase, 10, null, null)));

    [Fact]
    public void Display_has_one_decimal_and_a_percent_sign()
    {
        Assert.Equal("104.0%", ProgressRule.Display(104m));
        Assert.Equal("0.0%", ProgressRule.Display(0m));
        Assert.Equal("67.5%", ProgressRule.Display(ProgressRule.Percent(KpiDirection.Increase, 1349, 2000, null)));
    }
}
