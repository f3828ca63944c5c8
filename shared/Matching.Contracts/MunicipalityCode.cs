using System.Text;

namespace Matching.Contracts;

// 全国地方公共団体コード (local government code): 5 digits plus a check digit.
// The first two digits are the prefecture, so a code is only valid if that prefix is 01..47.
public readonly record struct MunicipalityCode
{
    private const int Length = 6;

    private static readonly int[] Weights = [6, 5, 4, 3, 2];

    private MunicipalityCode(string value) => Value = value;

    public string Value { get; }

    public PrefectureCode Prefecture => PrefectureCode.Parse(Value[..2]);

    public static bool TryParse(string? s, out MunicipalityCode value)
    {
        value = default;
        if (s is null)
        {
            return false;
        }

        // NFKC so full-width digits are accepted, as for the other codes.
        var normalized = s.Normalize(NormalizationForm.FormKC);
        if (normalized.Length != Length || !normalized.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (normalized[^1] != ComputeCheckDigit(normalized[..^1]) || !PrefectureCode.IsValid(normalized[..2]))
        {
            return false;
        }

        value = new MunicipalityCode(normalized);
        return true;
    }

    public static MunicipalityCode Parse(string s) =>
        TryParse(s, out var value)
            ? value
            : throw new FormatException($"'{s}' is not a valid municipality code (全国地方公共団体コード).");

    public static bool IsValid(string? s) => TryParse(s, out _);

    /// <summary>
    /// A code as people write it: the 5 digits without the check digit (as many lists give it) gain their check digit,
    /// full-width digits are narrowed; anything else is returned trimmed, for the validator to refuse.
    /// </summary>
    public static string? Complete(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var s = text.Normalize(NormalizationForm.FormKC).Trim();
        return s.Length == 5 && s.All(char.IsAsciiDigit) ? s + ComputeCheckDigit(s) : s;
    }

    // Σ digit × weight (6,5,4,3,2); check = (11 − (sum mod 11)) mod 10.
    public static char ComputeCheckDigit(string fiveDigits)
    {
        ArgumentNullException.ThrowIfNull(fiveDigits);
        if (fiveDigits.Length != Weights.Length || !fiveDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Exactly 5 ASCII digits are required.", nameof(fiveDigits));
        }

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (fiveDigits[i] - '0') * Weights[i];
        }

        return (char)('0' + ((11 - (sum % 11)) % 10));
    }

    public override string ToString() => Value ?? string.Empty;
}
