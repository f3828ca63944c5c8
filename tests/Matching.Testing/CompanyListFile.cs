using System.Text;

namespace Matching.Testing;

/// <summary>A company list as an office exports it, as large as a test needs: every row a distinct, valid company.</summary>
public static class CompanyListFile
{
    private const string KanaDigits = "アイウエオカキクケコ";

    public static byte[] Csv(int rows, string namePrefix = "試験")
    {
        var csv = new StringBuilder("会社名,フリガナ,市町村コード\r\n", rows * 40);
        for (var i = 0; i < rows; i++)
        {
            var kana = string.Concat(i.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => KanaDigits[d - '0']));
            csv.Append("株式会社").Append(namePrefix).Append(i).Append(",シケン").Append(kana).Append(",012084\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
