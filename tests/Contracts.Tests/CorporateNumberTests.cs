namespace Matching.Contracts.Tests;

public sealed class CorporateNumberTests
{
    // 国税庁 (National Tax Agency).
    private const string NationalTaxAgency = "7000012050002";

    [Fact]
    public void Valid_corporate_number_passes_check_digit()
    {
        var input = NationalTaxAgency;

        var parsed = CorporateNumber.TryParse(input, out var number);

        Assert.True(parsed);
        Assert.Equal(NationalTaxAgency, number.Value);
        Assert.Equal(NationalTaxAgency, number.ToString());
    }

    [Fact]
    public void Check_digit_is_computed_from_the_twelve_trailing_digits()
    {
        var twelveDigits = NationalTaxAgency[1..];

        var check = CorporateNumber.ComputeCheckDigit(twelveDigits);

        Assert.Equal('7', check);
    }

    [Fact]
    public void Full_width_digits_are_normalised_to_ascii()
    {
        var input = "７００００１２０５０００２";

        var number = CorporateNumber.Parse(input);

        Assert.Equal(NationalTaxAgency, number.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1000012050002")]
    [InlineData("700001205000")]
    [InlineData("70000120500021")]
    [InlineData("7000-12050002")]
    [InlineData(" 7000012050002")]
    [InlineData("0000000000000")]
    public void Malformed_or_wrong_check_digit_is_rejected(string? input)
    {
        var valid = CorporateNumber.IsValid(input);

        Assert.False(valid);
    }

    [Fact]
    public void Parse_throws_FormatException_for_invalid_number()
    {
        var input = "1000012050002";

        Action act = () => CorporateNumber.Parse(input);

        Assert.Throws<FormatException>(act);
    }

    public static TheoryData<int> AllPositions() => new(Enumerable.Range(0, 13));

    [Theory]
    [MemberData(nameof(AllPositions))]
    public void Mutating_any_single_digit_makes_the_number_invalid(int position)
    {
        // A mod-9 checksum cannot see 0↔9 swaps (both are ≡ 0 mod 9), so those are excluded here.
        var original = NationalTaxAgency[position];
        var mutants = "0123456789"
            .Where(d => d != original && !IsZeroNineSwap(original, d))
            .Select(d => string.Concat(NationalTaxAgency.AsSpan(0, position), d.ToString(), NationalTaxAgency.AsSpan(position + 1)))
            .ToList();

        var stillValid = mutants.Where(CorporateNumber.IsValid).ToList();

        Assert.NotEmpty(mutants);
        Assert.Empty(stillValid);
    }

    [Fact]
    public void Swapping_zero_for_nine_in_the_body_is_not_detected_by_the_mod_9_check()
    {
        // Documents a limit of the official algorithm, not a bug: position 1 is '0' with weight 2.
        var mutant = "7" + "9" + NationalTaxAgency[2..];

        var valid = CorporateNumber.IsValid(mutant);

        Assert.True(valid);
    }

    private static bool IsZeroNineSwap(char a, char b) => (a, b) is ('0', '9') or ('9', '0');
}
