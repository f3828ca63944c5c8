using System.Text;

namespace Matching.Contracts;

// カナ正規化 (kana folding): makes ｶﾌﾞｼｷｶﾞｲｼｬ, カブシキガイシャ and かぶしきがいしゃ compare equal
// so that names from sources with different kana conventions can be matched.
public static class KanaFolding
{
    private const char FirstHiragana = '\u3041';
    private const char LastHiragana = '\u3096';
    private const int HiraganaToKatakana = 0x60;

    public static string Fold(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        // NFKC widens half-width katakana (composing ﾞ/ﾟ) and narrows full-width ASCII.
        var normalized = s.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            // char.IsWhiteSpace includes the ideographic space U+3000.
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            var folded = c is >= FirstHiragana and <= LastHiragana ? (char)(c + HiraganaToKatakana) : c;
            builder.Append(char.ToLowerInvariant(folded));
        }

        return builder.ToString();
    }
}
