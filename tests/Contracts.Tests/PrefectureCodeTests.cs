namespace Matching.Contracts.Tests;

public sealed class PrefectureCodeTests
{
    [Theory]
    [InlineData("01", 1, "北海道")]
    [InlineData("13", 13, "東京都")]
    [InlineData("14", 14, "神奈川県")]
    [InlineData("26", 26, "京都府")]
    [InlineData("27", 27, "大阪府")]
    [InlineData("30", 30, "和歌山県")]
    [InlineData("46", 46, "鹿児島県")]
    [InlineData("47", 47, "沖縄県")]
    public void Valid_prefecture_code_has_number_and_japanese_name(string input, int number, string name)
    {
        var code = PrefectureCode.Parse(input);

        Assert.Equal(number, code.Number);
        Assert.Equal(name, code.Name);
        Assert.Equal(input, code.ToString());
    }

    [Fact]
    public void All_47_prefectures_have_distinct_names_ending_in_a_prefecture_suffix()
    {
        var codes = Enumerable.Range(1, 47).Select(n => PrefectureCode.Parse($"{n:D2}")).ToList();

        var names = codes.Select(c => c.Name).ToList();

        Assert.Equal(47, names.Distinct().Count());
        Assert.All(names, n => Assert.True(n is "北海道" || n.EndsWith('県') || n.EndsWith('都') || n.EndsWith('府'), n));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("48")]
    [InlineData("1")]
    [InlineData("001")]
    [InlineData("1a")]
    public void Out_of_range_or_malformed_prefecture_code_is_rejected(string? input)
    {
        var valid = PrefectureCode.IsValid(input);

        Assert.False(valid);
    }

    [Fact]
    public void Parse_throws_FormatException_for_invalid_code()
    {
        var input = "48";

        Action act = () => PrefectureCode.Parse(input);

        Assert.Throws<FormatException>(act);
    }
}
