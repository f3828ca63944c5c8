using System.Globalization;
using System.Text;

namespace Matching.Contracts;

// 都道府県コード (prefecture code): "01".."47" in the JIS X 0401 order, 北海道 to 沖縄県.
public readonly record struct PrefectureCode
{
    private static readonly string[] Names =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
        "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
        "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
        "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
        "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
        "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
        "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    private PrefectureCode(int number) => Number = number;

    public int Number { get; }

    public string Value => Number.ToString("D2", CultureInfo.InvariantCulture);

    public string Name => Names[Number - 1];

    public static bool TryParse(string? s, out PrefectureCode value)
    {
        value = default;
        if (s is null)
        {
            return false;
        }

        var normalized = s.Normalize(NormalizationForm.FormKC);
        if (normalized.Length != 2 || !normalized.All(char.IsAsciiDigit))
        {
            return false;
        }

        var number = ((normalized[0] - '0') * 10) + (normalized[1] - '0');
        if (number is < 1 or > 47)
        {
            return false;
        }

        value = new PrefectureCode(number);
        return true;
    }

    public static PrefectureCode Parse(string s) =>
        TryParse(s, out var value)
            ? value
            : throw new FormatException($"'{s}' is not a valid prefecture code (都道府県コード).");

    public static bool IsValid(string? s) => TryParse(s, out _);

    public override string ToString() => Value;
}
