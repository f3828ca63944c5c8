using System.Text;
using System.Xml;

namespace Matching.Platform.Exports;

/// <summary>
/// The one rule for text that leaves the system in a CSV or Excel file. A cell must never run as a formula in the
/// reader's spreadsheet (OWASP, CSV Injection): text starting with = + - @, tab or CR, with their full-width forms
/// ＝ ＋ － ＠ (a Japanese IME types them, and Excel reads them as the half-width ones), or with | (DDE, in older
/// Excel) is formula-like. And no string breaks a writer: what XML 1.0 cannot hold (NUL and the other C0 controls,
/// U+FFFE, U+FFFF) is dropped and a lone surrogate becomes U+FFFD.
/// </summary>
public static class SpreadsheetText
{
    /// <remarks>A dash alone (a report's "none") is no formula and stays as it is.</remarks>
    public static bool StartsLikeFormula(string text) =>
        text.Length > 0 && text is not ("-" or "－") && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '|' or '＝' or '＋' or '－' or '＠' or '｜';

    /// <summary>A CSV cell: formula-like text gets the leading apostrophe Excel reads as "this is text" and hides.</summary>
    public static string ForCsv(string text)
    {
        var clean = Clean(text);
        return StartsLikeFormula(clean) ? "'" + clean : clean;
    }

    /// <summary>The text without the characters an XML document (an .xlsx part) cannot hold.</summary>
    public static string Clean(string text)
    {
        if (IsClean(text))
            return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                clean.Append(text, i++, 2);
            else if (char.IsSurrogate(text[i]))
                clean.Append('\uFFFD');
            else if (XmlConvert.IsXmlChar(text[i]))
                clean.Append(text[i]);
        }
        return clean.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                i++;
            else if (!XmlConvert.IsXmlChar(text[i]))
                return false;
        }
        return true;
    }
}
