using System.Globalization;
using System.Text;
using Matching.Contracts;
using Matching.Platform.Http;

namespace Matching.Platform.Imports;

/// <summary>Reads cells as offices write them: full-width digits, thousands separators, 万/億, 円 and 人, slashes in dates.</summary>
public static class ImportValues
{
    public static readonly LocalizedText NotANumber = new("「{0}」は数値として読めません。", "'{0}' is not a number.");
    public static readonly LocalizedText NotADate = new(
        "「{0}」は日付として読めません（例: 2024/4/1、2024-04-01、2024年4月1日）。", "'{0}' is not a date (e.g. 2024/4/1, 2024-04-01).");

    /// <summary>"3,000万円" → 30000000; "８６人" → 86; null for an empty cell; false when it is not a number.</summary>
    public static bool TryNumber(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var s = text.Normalize(NormalizationForm.FormKC).Trim().Replace(",", "", StringComparison.Ordinal)
            .Replace("円", "", StringComparison.Ordinal).Replace("人", "", StringComparison.Ordinal).Replace("名", "", StringComparison.Ordinal)
            .Replace("社", "", StringComparison.Ordinal).Trim();
        long multiplier = 1;
        if (s.EndsWith('億'))
        {
            multiplier = 100_000_000;
            s = s[..^1];
        }
        else if (s.EndsWith('万'))
        {
            multiplier = 10_000;
            s = s[..^1];
        }
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return false;
        var scaled = number * multiplier;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
            return false;
        value = (long)scaled;
        return true;
    }

    public static bool TryDate(string? text, out DateOnly? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!ImportDates.TryRead(text, out var date))
            return false;
        value = date;
        return true;
    }

    /// <summary>A 6-digit code as is; a 5-digit code (without check digit, as many lists keep it) completed with its check digit.</summary>
    public static string? MunicipalityCode(string? text) => Contracts.MunicipalityCode.Complete(text);

    /// <summary>"01", "1", "北海道", "東京都" → the two-digit code; unknown text is passed on for the validator to refuse.</summary>
    public static string? PrefectureCode(string? text, string? municipalityCode)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Contracts.MunicipalityCode.TryParse(municipalityCode, out var m) ? m.Prefecture.Value : null;
        var s = text.Normalize(NormalizationForm.FormKC).Trim();
        if (s.Length == 1 && char.IsAsciiDigit(s[0]))
            s = "0" + s;
        if (Contracts.PrefectureCode.TryParse(s, out var code))
            return code.Value;
        for (var n = 1; n <= 47; n++)
        {
            var candidate = Contracts.PrefectureCode.Parse(n.ToString("D2", CultureInfo.InvariantCulture));
            if (candidate.Name == s || candidate.Name.TrimEnd('都', '府', '県') == s)
                return candidate.Value;
        }
        return s;
    }
}
