namespace Matching.Contracts.Tests;

public sealed class MunicipalityTests
{
    [Fact]
    public void Every_municipality_of_the_shipped_list_is_known_by_its_code_with_name_and_reading()
    {
        var kitami = Municipality.Find("012084");

        Assert.Equal(("北見市", "キタミシ", "北海道"), (kitami?.Name, kitami?.Kana, kitami?.Prefecture.Name));
        Assert.Equal(1916, Municipality.All.Count);
    }

    [Fact]
    public void A_ward_is_named_with_its_city()
    {
        var chuo = Municipality.Find("011011");

        Assert.Equal("札幌市中央区", chuo?.Name);
    }

    [Fact]
    public void A_prefecture_lists_its_own_municipalities()
    {
        var hokkaido = Municipality.In(PrefectureCode.Parse("01")).ToList();

        Assert.All(hokkaido, m => Assert.Equal("01", m.Code.Value[..2]));
        Assert.Contains(hokkaido, m => m.Name == "網走市");
    }

    [Theory]
    [InlineData("北見")]
    [InlineData("きたみ")]
    [InlineData("ｷﾀﾐｼ")]
    public void A_municipality_is_found_by_part_of_its_name_or_reading(string text)
    {
        var found = Municipality.Matching(text);

        Assert.Contains(found, m => m.Code.Value == "012084");
    }

    [Theory]
    [InlineData("012084", "北海道 北見市")]
    [InlineData("019992", "北海道（019992）")]
    [InlineData("12", "12")]
    public void A_code_is_described_by_its_name(string code, string expected)
    {
        var text = Municipality.Describe(code);

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("01208", "012084")]
    [InlineData("０１２０８", "012084")]
    [InlineData("012084", "012084")]
    [InlineData(" 1208 ", "1208")]
    public void Five_digits_gain_their_check_digit_as_the_import_reads_them(string typed, string expected)
    {
        var code = MunicipalityCode.Complete(typed);

        Assert.Equal(expected, code);
    }
}
