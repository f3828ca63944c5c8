namespace Matching.Platform.Data;

/// <summary>LIKE patterns that search for text as typed: % and _ are not wildcards (every query using them says <c>ESCAPE '\'</c>).</summary>
public static class LikePattern
{
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary><c>%text%</c>, the text escaped.</summary>
    public static string Containing(string text) => "%" + Escape(text) + "%";
}
