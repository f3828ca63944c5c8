using System.Globalization;
using System.Text;

namespace Matching.Platform.Imports;

/// <summary>Dates as offices write them in their files: 2024/4/1, 2024-04-01, 2024.4.1, 2024年4月1日, 20240401, or an Excel serial number.</summary>
public static class ImportDates
{
    private static readonly string[] Formats = ["yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public static bool TryRead(string? text, out DateOnly value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Normalize(NormalizationForm.FormKC).Trim();
        // Excel may hand over a date cell as its serial number (days since 1899-12-30).
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            value = DateOnly.FromDateTime(new DateTime(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified).AddDays(serial));
            return true;
        }
        return DateOnly.TryParseExact(s, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
