using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Companies.Tests.Registration;

public sealed class FindLikelyDuplicatesTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private async Task<string> ProgramAsync()
    {
        var program = $"dup-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "重複テスト");
        await fixture.Slice.RegisterCompanyAsync(program, "カブシキガイシャ北見", "カブシキガイシャキタミ", "7000012050002", "01", "012084");
        return program;
    }

    private async Task<List<string>> ReasonsAsync(string program, string query)
    {
        var candidates = await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies/duplicates?{query}");
        return candidates.EnumerateArray().Select(c => c.GetProperty("reason").GetString()!).ToList();
    }

    [Fact]
    public async Task Same_corporate_number_is_a_likely_duplicate()
    {
        var program = await ProgramAsync();

        var reasons = await ReasonsAsync(program, "corporateNumber=7000012050002");

        Assert.Equal(["法人番号が同じです。"], reasons);
    }

    [Fact]
    public async Task Same_folded_name_in_the_same_municipality_is_a_likely_duplicate()
    {
        var program = await ProgramAsync();

        var reasons = await ReasonsAsync(program, "municipalityCode=012084&name=" + Uri.EscapeDataString("ｶﾌﾞｼｷｶﾞｲｼｬ 北見"));

        Assert.Equal(["同じ市区町村に同じ名称の企業があります。"], reasons);
    }

    [Fact]
    public async Task Same_name_in_another_municipality_is_not_a_duplicate()
    {
        var program = await ProgramAsync();

        var reasons = await ReasonsAsync(program, "municipalityCode=011002&name=" + Uri.EscapeDataString("カブシキガイシャ北見"));

        Assert.Empty(reasons);
    }

    [Theory]
    [InlineData("(株)北見精機")]
    [InlineData("株式会社 北見精機")]
    [InlineData("㈱北見精機")]
    [InlineData("ｷﾀﾐｾｲｷ")]
    public async Task The_same_company_written_with_another_legal_form_or_in_its_reading_is_warned(string name)
    {
        var program = await ProgramAsync();
        await fixture.Slice.RegisterCompanyAsync(program, "北見精機株式会社", "キタミセイキ", null, "01", "012084");

        var reasons = await ReasonsAsync(program, "municipalityCode=012084&name=" + Uri.EscapeDataString(name));

        Assert.Equal(["同じ市区町村に同じ名称の企業があります。"], reasons);
    }

    [Fact]
    public async Task A_company_sharing_only_the_legal_form_is_not_a_duplicate()
    {
        var program = await ProgramAsync();
        await fixture.Slice.RegisterCompanyAsync(program, "北見精機株式会社", "キタミセイキ", null, "01", "012084");

        var reasons = await ReasonsAsync(program, "municipalityCode=012084&name=" + Uri.EscapeDataString("株式会社網走精機"));

        Assert.Empty(reasons);
    }

    [Fact]
    public async Task A_question_without_number_or_name_and_municipality_is_refused()
    {
        var response = await fixture.Product.Client.GetAsync("/api/programs/demo/companies/duplicates?name=x");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("query"), string.Join(",", problem.Errors.Keys));
    }
}
