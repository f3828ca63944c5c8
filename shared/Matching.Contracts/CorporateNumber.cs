using System.Text;

namespace Matching.Contracts;

// 法人番号 (corporate number): 13 digits whose first digit is a check digit over the other 12.
// The constructor is private so every instance that exists (other than default) has passed the check.
public readonly record struct CorporateNumber
{
    private const int Length = 13;

    private CorporateNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? s, out CorporateNumber value)
    {
        value = default;
        if (s is null)
        {
            return false;
        }

        // NFKC so full-width digits (０-９) copied from Japanese documents are accepted.
        var normalized = s.Normalize(NormalizationForm.FormKC);
        if (normalized.Length != Length || !normalized.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (normalized[0] != ComputeCheckDigit(normalized[1..]))
        {
            return false;
        }

        value = new CorporateNumber(normalized);
        return true;
    }

    public static CorporateNumber Parse(string s) =>
        TryParse(s, out var value)
            ? value
            : throw new FormatException($"'{s}' is not a valid corporate number (法人番号).");

    public static bool IsValid(string? s) => TryParse(s, out _);

    // Digits are numbered n = 1..12 from the right; weight 1 for odd n, 2 for even n;
    // check = 9 − (Σ digit × weight mod 9).
    public static char ComputeCheckDigit(string twelveDigits)
    {
        ArgumentNullException.ThrowIfNull(twelveDigits);
        if (twelveDigits.Length != Length - 1 || !twelveDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Exactly 12 ASCII digits are required.", nameof(twelveDigits));
        }

        var sum = 0;
        for (var n = 1; n <= twelveDigits.Length; n++)
        {
            var digit = twelveDigits[^n] - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }

        return (char)('0' + (9 - (sum % 9)));
    }

    // default(CorporateNumber) has a null Value; keep ToString total anyway.
    public override string ToString() => Value ?? string.Empty;
}
