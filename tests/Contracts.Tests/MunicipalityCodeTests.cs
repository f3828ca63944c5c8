using System.Globalization;

namespace Matching.Contracts.Tests;

public sealed class MunicipalityCodeTests
{
    [Theory]
    [InlineData("011002", "01", "北海道")] // 札幌市
    [InlineData("012084", "01", "北海道")] // 北見市
    [InlineData("110001", "11", "埼玉県")] // 埼玉県
    [InlineData("131016", "13", "東京都")] // 千代田区
    public void Valid_municipality_code_passes_check_digit(string input, string prefecture, string prefectureName)
    {
        var parsed = MunicipalityCode.TryParse(input, out var code);

        Assert.True(parsed);
        Assert.Equal(input, code.ToString());
        Assert.Equal(prefecture, code.Prefecture.Value);
        Assert.Equal(prefectureName, code.Prefecture.Name);
    }

    [Theory]
    [InlineData("01100", '2')]
    [InlineData("01208", '4')]
    [InlineData("11000", '1')]
    public void Check_digit_is_computed_from_the_five_leading_digits(string fiveDigits, char expected)
    {
        var check = MunicipalityCode.ComputeCheckDigit(fiveDigits);

        Assert.Equal(expected, check);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("011003")]
    [InlineData("01100")]
    [InlineData("0110021")]
    [InlineData("01100a")]
    [InlineData("000001")] // check digit is right but there is no prefecture 00
    [InlineData("480002")] // check digit is right but there is no prefecture 48
    public void Malformed_wrong_check_digit_or_unknown_prefecture_is_rejected(string? input)
    {
        var valid = MunicipalityCode.IsValid(input);

        Assert.False(valid);
    }

    [Fact]
    public void Parse_throws_FormatException_for_invalid_code()
    {
        var input = "011003";

        Action act = () => MunicipalityCode.Parse(input);

        Assert.Throws<FormatException>(act);
    }

    [Fact]
    public void Every_code_in_the_localgovjp_list_passes_and_matches_its_prefecture()
    {
        var path = ReferenceData.Locate("municipalities-localgovjp.csv");

        // File.ReadLines strips the UTF-8 BOM; header is pid,pref,cid,city,citykana,lat,lng,url,phrase,lgcode.
        var rows = File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => (
                Pid: int.Parse(line[..line.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture),
                LgCode: line[(line.LastIndexOf(',') + 1)..].TrimEnd('\r')))
            .ToList();
        var invalid = rows.Where(r => !MunicipalityCode.IsValid(r.LgCode)).ToList();
        var wrongPrefecture = rows
            .Where(r => MunicipalityCode.IsValid(r.LgCode))
            .Where(r => MunicipalityCode.Parse(r.LgCode).Prefecture.Number != r.Pid
                || r.LgCode[..2] != r.Pid.ToString("D2", CultureInfo.InvariantCulture))
            .ToList();

        Assert.True(rows.Count > 1700, $"expected the full list, got {rows.Count} rows");
        Assert.Empty(invalid);
        Assert.Empty(wrongPrefecture);
    }
}
