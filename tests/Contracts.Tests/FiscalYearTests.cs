namespace Matching.Contracts.Tests;

public sealed class FiscalYearTests
{
    [Fact]
    public void Last_day_of_March_belongs_to_the_previous_fiscal_year()
    {
        var date = new DateOnly(2026, 3, 31);

        var fiscalYear = FiscalYear.Of(date);

        Assert.Equal(FiscalYear.From(2025), fiscalYear);
        Assert.Equal(date, fiscalYear.LastDay);
    }

    [Fact]
    public void First_day_of_April_starts_a_new_fiscal_year()
    {
        var date = new DateOnly(2026, 4, 1);

        var fiscalYear = FiscalYear.Of(date);

        Assert.Equal(FiscalYear.From(2026), fiscalYear);
        Assert.Equal(date, fiscalYear.FirstDay);
    }

    [Fact]
    public void Fiscal_year_contains_its_boundaries_and_not_their_neighbours()
    {
        var fy = FiscalYear.From(2025);

        var inside = new[] { new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31) };
        var outside = new[] { new DateOnly(2025, 3, 31), new DateOnly(2026, 4, 1) };

        Assert.All(inside, d => Assert.True(fy.Contains(d)));
        Assert.All(outside, d => Assert.False(fy.Contains(d)));
    }

    [Theory]
    [InlineData(1989, "平成", "平成元年度")]
    [InlineData(2018, "平成", "平成30年度")]
    [InlineData(2019, "令和", "令和元年度")]
    [InlineData(2020, "令和", "令和2年度")]
    [InlineData(2025, "令和", "令和7年度")]
    public void Fiscal_year_is_named_by_its_era(int startYear, string era, string japaneseName)
    {
        var fy = FiscalYear.From(startYear);

        Assert.Equal(era, fy.EraName);
        Assert.Equal(japaneseName, fy.JapaneseName);
    }

    [Fact]
    public void ToString_uses_the_FY_prefix()
    {
        var fy = new FiscalYear(2025);

        var text = fy.ToString();

        Assert.Equal("FY2025", text);
    }

    [Fact]
    public void Next_and_previous_step_by_one_year_and_compare_in_order()
    {
        var fy = FiscalYear.From(2025);

        var next = fy.Next;
        var previous = fy.Previous;

        Assert.Equal(2026, next.StartYear);
        Assert.Equal(2024, previous.StartYear);
        Assert.True(previous < fy && fy < next);
        Assert.True(fy.CompareTo(next) < 0);
    }

    [Theory]
    [InlineData("2025", 2025)]
    [InlineData("FY2025", 2025)]
    [InlineData("fy1989", 1989)]
    [InlineData("2100", 2100)]
    public void TryParse_accepts_plain_and_FY_prefixed_years(string input, int expected)
    {
        var parsed = FiscalYear.TryParse(input, out var fy);

        Assert.True(parsed);
        Assert.Equal(expected, fy.StartYear);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("FY")]
    [InlineData("1988")]
    [InlineData("2101")]
    [InlineData("FY 2025")]
    [InlineData("+2025")]
    [InlineData("令和7年度")]
    public void TryParse_rejects_malformed_or_out_of_range_input(string? input)
    {
        var parsed = FiscalYear.TryParse(input, out _);

        Assert.False(parsed);
    }

    [Theory]
    [InlineData(1988)]
    [InlineData(2101)]
    public void Out_of_range_start_year_is_rejected_by_factory_and_constructor(int startYear)
    {
        Action viaFactory = () => FiscalYear.From(startYear);
        Func<object> viaConstructor = () => new FiscalYear(startYear);

        Assert.Throws<ArgumentOutOfRangeException>(viaFactory);
        Assert.Throws<ArgumentOutOfRangeException>(viaConstructor);
    }
}
