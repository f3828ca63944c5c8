using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Consultations;

public sealed class ListConsultationsTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private async Task<JsonElement> ListAsync(string program, string query) =>
        await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/consultations?{query}");

    private static List<string> Dates(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("date").GetString()!).ToList();

    [Fact]
    public async Task A_company_s_consultations_are_listed_newest_first_within_the_range()
    {
        var program = $"log-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "相談記録テスト");
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        var other = await fixture.Slice.RegisterCompanyAsync(program, "別の会社", "ベツノカイシャ");
        foreach (var day in new[] { 3, 1, 2 })
            await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 5, day));
        await fixture.Slice.LogConsultationAsync(program, other, new DateOnly(2025, 5, 2));

        var all = await ListAsync(program, $"companyId={company}");
        var ranged = await ListAsync(program, $"companyId={company}&from=2025-05-02&to=2025-05-03");
        var paged = await ListAsync(program, $"companyId={company}&pageSize=2&page=2");

        Assert.Equal(["2025-05-03", "2025-05-02", "2025-05-01"], Dates(all));
        Assert.Equal(["2025-05-03", "2025-05-02"], Dates(ranged));
        Assert.Equal(["2025-05-01"], Dates(paged));
        Assert.Equal(3, paged.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("companyId=nope", "companyId")]
    [InlineData("from=2025/05/01", "from")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("from=2025-05-02&to=2025-05-01", "to")]
    public async Task Bad_list_parameters_are_reported_on_their_field(string query, string field)
    {
        var response = await fixture.Product.Client.GetAsync($"/api/programs/demo/consultations?{query}");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey(field), string.Join(",", problem.Errors.Keys));
    }
}
