using System.Text;

namespace Matching.Contracts;

// 日本標準産業分類 大分類 (JSIC division): one letter A–T.
public readonly record struct IndustryDivision
{
    private static readonly (string Japanese, string English)[] Names =
    [
        ("農業，林業", "Agriculture and forestry"),
        ("漁業", "Fisheries"),
        ("鉱業，採石業，砂利採取業", "Mining and quarrying of stone and gravel"),
        ("建設業", "Construction"),
        ("製造業", "Manufacturing"),
        ("電気・ガス・熱供給・水道業", "Electricity, gas, heat supply and water"),
        ("情報通信業", "Information and communications"),
        ("運輸業，郵便業", "Transport and postal activities"),
        ("卸売業，小売業", "Wholesale and retail trade"),
        ("金融業，保険業", "Finance and insurance"),
        ("不動産業，物品賃貸業", "Real estate and goods rental and leasing"),
        ("学術研究，専門・技術サービス業", "Scientific research, professional and technical services"),
        ("宿泊業，飲食サービス業", "Accommodations, eating and drinking services"),
        ("生活関連サービス業，娯楽業", "Living-related and personal services and amusement services"),
        ("教育，学習支援業", "Education, learning support"),
        ("医療，福祉", "Medical, health care and welfare"),
        ("複合サービス事業", "Compound services"),
        ("サービス業（他に分類されないもの）", "Services, not elsewhere classified"),
        ("公務（他に分類されるものを除く）", "Government, except elsewhere classified"),
        ("分類不能の産業", "Industries unable to classify"),
    ];

    private IndustryDivision(char letter) => Letter = letter;

    public char Letter { get; }

    public string Value => Letter.ToString();

    public string Name => Names[Letter - 'A'].Japanese;

    public string EnglishName => Names[Letter - 'A'].English;

    public static IEnumerable<IndustryDivision> All => Enumerable.Range(0, Names.Length).Select(i => new IndustryDivision((char)('A' + i)));

    /// <summary>Accepts the letter in either width or case ("E", "ｅ"), or the division's Japanese name ("製造業").</summary>
    public static bool TryParse(string? s, out IndustryDivision value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            return false;
        }

        var normalized = s.Normalize(NormalizationForm.FormKC).Trim();
        if (normalized.Length == 1 && char.ToUpperInvariant(normalized[0]) is var letter and >= 'A' and <= 'T')
        {
            value = new IndustryDivision(letter);
            return true;
        }

        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i].Japanese.Normalize(NormalizationForm.FormKC), normalized, StringComparison.Ordinal))
            {
                value = new IndustryDivision((char)('A' + i));
                return true;
            }
        }

        return false;
    }

    public static IndustryDivision Parse(string s) =>
        TryParse(s, out var value)
            ? value
            : throw new FormatException($"'{s}' is not a JSIC division (日本標準産業分類 大分類 A–T).");

    public static bool IsValid(string? s) => TryParse(s, out _);

    public override string ToString() => Value;
}
