using Microsoft.AspNetCore.Http;

namespace Matching.Platform.Http;

/// <summary>Reading optional query-string parameters the same way in every list and search endpoint.</summary>
public static class QueryValues
{
    /// <summary>The trimmed value, or null when the parameter is absent or blank.</summary>
    public static string? Text(this IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// A whole number: <paramref name="fallback"/> when absent or blank, <see cref="int.MinValue"/> when unreadable (so the
    /// endpoint's validator refuses it on its field instead of quietly using the fallback).
    /// </summary>
    public static int WholeNumber(this IQueryCollection query, string name, int fallback)
    {
        var text = query[name].ToString();
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : text.Length == 0 ? fallback : int.MinValue;
    }

    /// <summary>True when the text is one of the enum's names (any case); never a number, which Enum.TryParse would take.</summary>
    public static bool IsEnumName<TEnum>(string text) where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Contains(text, StringComparer.OrdinalIgnoreCase);
}
