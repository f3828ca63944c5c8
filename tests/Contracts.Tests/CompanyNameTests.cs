namespace Matching.Contracts.Tests;

public sealed class CompanyNameTests
{
    [Theory]
    [InlineData("(株)北見精機")]
    [InlineData("（株）北見精機")]
    [InlineData("㈱北見精機")]
    [InlineData("株式会社 北見精機")]
    [InlineData("株式会社　北見精機")]
    [InlineData("北見精機株式会社")]
    [InlineData("北見精機 ㈱")]
    [InlineData("北見 精機")]
    public void Legal_form_before_or_after_and_spacing_do_not_change_the_key(string name)
    {
        var key = CompanyName.Key(name);

        Assert.Equal(CompanyName.Key("北見精機"), key);
    }

    [Theory]
    [InlineData("ｷﾀﾐｾｲｷ", "キタミセイキ")]
    [InlineData("ｶﾌﾞｼｷｶﾞｲｼｬ ｷﾀﾐｾｲｷ", "キタミセイキ")]
    [InlineData("きたみせいき", "キタミセイキ")]
    [InlineData("有限会社 ｵﾎｰﾂｸ", "オホーツク")]
    [InlineData("(有)オホーツク", "オホーツク")]
    [InlineData("㈲オホーツク", "オホーツク")]
    [InlineData("合同会社さくら", "サクラ")]
    [InlineData("(同)さくら", "サクラ")]
    [InlineData("一般社団法人 北見観光協会", "北見観光協会")]
    [InlineData("(一社)北見観光協会", "北見観光協会")]
    [InlineData("特定非営利活動法人 森の学校", "森ノ学校")]
    [InlineData("NPO法人 森の学校", "森ノ学校")]
    [InlineData("ＮＰＯ法人森の学校", "森ノ学校")]
    [InlineData("社会福祉法人 北見福祉会", "北見福祉会")]
    [InlineData("医療法人社団 北見病院", "北見病院")]
    [InlineData("合資会社北見商店", "北見商店")]
    [InlineData("北見商店合名会社", "北見商店")]
    public void Kana_spellings_and_abbreviations_of_legal_forms_fold_alike(string name, string expected)
    {
        var key = CompanyName.Key(name);

        Assert.Equal(expected, key);
    }

    [Fact]
    public void Companies_sharing_only_the_legal_form_have_different_keys()
    {
        var kitami = CompanyName.Key("株式会社北見精機");

        var abashiri = CompanyName.Key("株式会社網走精機");

        Assert.NotEqual(kitami, abashiri);
    }

    [Fact]
    public void The_legal_form_in_the_middle_of_a_name_is_part_of_the_name()
    {
        var key = CompanyName.Key("北見株式会社販売");

        Assert.Equal("北見株式会社販売", key);
    }

    [Fact]
    public void A_name_that_is_only_a_legal_form_keeps_it()
    {
        var key = CompanyName.Key("株式会社");

        Assert.Equal("株式会社", key);
    }

    [Theory]
    [InlineData("ｷﾀﾐｾｲｷ", "キタミセイキ")]
    [InlineData("ｶﾌﾞｼｷｶﾞｲｼｬ ﾎﾟｰﾙ", "カブシキガイシャ ポール")]
    [InlineData("㈱ＡＢＣ ｻｰﾋﾞｽ", "㈱ＡＢＣ サービス")]
    [InlineData("北見精機", "北見精機")]
    public void Half_width_kana_is_stored_in_full_width_and_nothing_else_changes(string typed, string stored)
    {
        var widened = CompanyName.Widen(typed);

        Assert.Equal(stored, widened);
    }
}
