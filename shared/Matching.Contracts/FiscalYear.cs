using System.Globalization;

namespace Matching.Contracts;

// 年度 (Japanese fiscal year): 1 April StartYear – 31 March StartYear+1.
// The property initializer validates the primary-constructor argument, so `new FiscalYear(1900)` throws too.
public readonly record struct FiscalYear(int StartYear) : IComparable<FiscalYear>
{
    public const int MinStartYear = 1989;
    public const int MaxStartYear = 2100;

    private const int ReiwaFirstFiscalYear = 2019;

    public int StartYear { get; } = Validate(StartYear);

    public DateOnly FirstDay => new(StartYear, 4, 1);

    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    public FiscalYear Next => new(StartYear + 1);

    public FiscalYear Previous => new(StartYear - 1);

    // Reiwa began on 2019-05-01, a month into FY2019, but official usage calls FY2019 令和元年度,
    // so the split is by fiscal year rather than by the era in force on FirstDay.
    public string EraName => StartYear >= ReiwaFirstFiscalYear ? "令和" : "平成";

    public string JapaneseName
    {
        get
        {
            var eraYear = StartYear >= ReiwaFirstFiscalYear ? StartYear - 2018 : StartYear - 1988;

            // The first year of an era is written 元 ("origin"), not 1.
            var yearText = eraYear == 1 ? "元" : eraYear.ToString(CultureInfo.InvariantCulture);
            return $"{EraName}{yearText}年度";
        }
    }

    public static FiscalYear From(int startYear) => new(startYear);

    public static FiscalYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public static bool TryParse(string? s, out FiscalYear value)
    {
        value = default;
        if (s is null)
        {
            return false;
        }

        var digits = s.StartsWith("FY", StringComparison.OrdinalIgnoreCase) ? s[2..] : s;
        if (digits.Length != 4
            || !digits.All(char.IsAsciiDigit)
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < MinStartYear or > MaxStartYear)
        {
            return false;
        }

        value = new FiscalYear(year);
        return true;
    }

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public int CompareTo(FiscalYear other) => StartYear.CompareTo(other.StartYear);

    public override string ToString() => $"FY{StartYear.ToString(CultureInfo.InvariantCulture)}";

    public static bool operator <(FiscalYear left, FiscalYear right) => left.CompareTo(right) < 0;

    public static bool operator <=(FiscalYear left, FiscalYear right) => left.CompareTo(right) <= 0;

    public static bool operator >(FiscalYear left, FiscalYear right) => left.CompareTo(right) > 0;

    public static bool operator >=(FiscalYear left, FiscalYear right) => left.CompareTo(right) >= 0;

    private static int Validate(int startYear) =>
        startYear is < MinStartYear or > MaxStartYear
            ? throw new ArgumentOutOfRangeException(
                nameof(startYear), startYear, $"Fiscal year must be between {MinStartYear} and {MaxStartYear}.")
            : startYear;
}
