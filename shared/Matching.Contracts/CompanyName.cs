using System.Text;

namespace Matching.Contracts;

/// <summary>
/// 企業名の照合 — the one comparison of company names: kana-folded (<see cref="KanaFolding"/>), without spacing and without
/// the legal form (法人格) written before or after the name, in full or abbreviated (株式会社, (株), ㈱, カブシキガイシャ …),
/// so that (株)北見精機, 株式会社 北見精機 and 北見精機株式会社 are one name. Duplicate warnings, imports and seminar
/// participants by name all match with <see cref="Key"/>.
/// </summary>
public static class CompanyName
{
    // Folded spellings (NFKC turns ㈱ and （株） into (株), and lower-cases NPO). Longer forms first, so 医療法人社団
    // is removed whole rather than leaving 社団. Migration 0007 of Companies recomputes stored keys with this same list.
    public static readonly IReadOnlyList<string> LegalForms =
    [
        "特定非営利活動法人", "地方独立行政法人", "有限責任事業組合", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人",
        "社会福祉法人", "社会医療法人", "医療法人社団", "医療法人財団", "独立行政法人", "株式会社", "有限会社", "合同会社",
        "合資会社", "合名会社", "npo法人", "医療法人", "学校法人", "宗教法人",
        "トクテイヒエイリカツドウホウジン", "イッパンシャダンホウジン", "イッパンザイダンホウジン", "コウエキシャダンホウジン",
        "コウエキザイダンホウジン", "シャカイフクシホウジン", "エヌピーオーホウジン", "カブシキガイシャ", "カブシキカイシャ",
        "ユウゲンガイシャ", "ユウゲンカイシャ", "ゴウドウガイシャ", "ゴウドウカイシャ", "ゴウシガイシャ", "ゴウメイガイシャ", "イリョウホウジン",
        "(一社)", "(一財)", "(公社)", "(公財)", "(特非)", "(npo)", "(社福)", "(医社)", "(医財)",
        "(株)", "(有)", "(同)", "(資)", "(名)", "(医)", "(学)", "(宗)", "(福)", "(社)", "(財)",
    ];

    /// <summary>The name as compared: folded, legal form before and after removed; a name that is only a legal form stays whole.</summary>
    public static string Key(string? name)
    {
        var key = KanaFolding.Fold(name);
        var prefix = LegalForms.FirstOrDefault(f => key.Length > f.Length && key.StartsWith(f, StringComparison.Ordinal));
        if (prefix is not null)
            key = key[prefix.Length..];
        var suffix = LegalForms.FirstOrDefault(f => key.Length > f.Length && key.EndsWith(f, StringComparison.Ordinal));
        if (suffix is not null)
            key = key[..^suffix.Length];
        return key;
    }

    /// <summary>
    /// The name as stored: half-width katakana (ｷﾀﾐｾｲｷ) widened to full width (キタミセイキ), everything else as written
    /// (full NFKC would also turn ㈱ into (株) and full-width letters into ASCII, which the writer chose).
    /// </summary>
    public static string Widen(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var start = 0;
        while (start < name.Length)
        {
            var end = start;
            while (end < name.Length && IsHalfWidthKana(name[end]) == IsHalfWidthKana(name[start]))
                end++;
            var run = name[start..end];
            builder.Append(IsHalfWidthKana(name[start]) ? run.Normalize(NormalizationForm.FormKC) : run);
            start = end;
        }
        return builder.ToString();
    }

    // U+FF61..U+FF9F: half-width punctuation 。「」、・ and katakana with the sound marks ﾞ ﾟ.
    private static bool IsHalfWidthKana(char c) => c is >= '\uFF61' and <= '\uFF9F';
}
