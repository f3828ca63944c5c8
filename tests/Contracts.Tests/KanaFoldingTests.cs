namespace Matching.Contracts.Tests;

public sealed class KanaFoldingTests
{
    [Theory]
    [InlineData("ｶﾌﾞｼｷｶﾞｲｼｬ")]
    [InlineData("カブシキガイシャ")]
    [InlineData("かぶしきがいしゃ")]
    public void Half_width_full_width_and_hiragana_spellings_fold_to_the_same_katakana(string input)
    {
        var folded = KanaFolding.Fold(input);

        Assert.Equal("カブシキガイシャ", folded);
    }

    [Fact]
    public void Full_width_ascii_is_narrowed_and_lower_cased()
    {
        var input = "ＡＢＣ　Ｃｏｒｐ";

        var folded = KanaFolding.Fold(input);

        Assert.Equal("abccorp", folded);
    }

    [Fact]
    public void Ascii_and_ideographic_spaces_are_removed()
    {
        var input = " ぱ ぴ\u3000ぷ\t";

        var folded = KanaFolding.Fold(input);

        Assert.Equal("パピプ", folded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Null_or_blank_folds_to_empty(string? input)
    {
        var folded = KanaFolding.Fold(input);

        Assert.Empty(folded);
    }
}
