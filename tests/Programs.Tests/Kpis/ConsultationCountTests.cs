using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Kpis;

public sealed class ConsultationCountTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task Consultations_are_counted_in_their_fiscal_year_up_to_the_as_of_date()
    {
        await fixture.Slice.CreateProgramAsync("kitami", "北見市 ICT 人材拠点");
        var company = await fixture.Slice.RegisterCompanyAsync("kitami");
        // FY2025 runs 2025-04-01 .. 2026-03-31.
        await fixture.Slice.LogConsultationAsync("kitami", company, new DateOnly(2025, 3, 31));
        await fixture.Slice.LogConsultationAsync("kitami", company, new DateOnly(2025, 4, 1));
        await fixture.Slice.LogConsultationAsync("kitami", company, new DateOnly(2026, 1, 31));
        await fixture.Slice.LogConsultationAsync("kitami", company, new DateOnly(2026, 2, 1));
        await fixture.Slice.LogConsultationAsync("kitami", company, new DateOnly(2026, 3, 31));
        await fixture.Slice.LogConsultationAsync("kitami", company, new DateOnly(2026, 4, 1));

        // Counts follow the events a moment later, each fiscal year on its own: wait for all of them.
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync("kitami", 2025), 4L, Slice.Eventually, "FY2025 count");
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync("kitami", 2024), 1L, Slice.Eventually, "FY2024 count");
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync("kitami", 2026), 1L, Slice.Eventually, "FY2026 count");

        Assert.Equal(2, await fixture.Slice.ConsultationCountAsync("kitami", 2025, new DateOnly(2026, 1, 31)));
        Assert.Equal(4, await fixture.Slice.ConsultationCountAsync("kitami", 2025));
    }

    [Fact]
    public async Task Count_answer_names_the_fiscal_year_in_the_Japanese_era()
    {
        var answer = await fixture.Product.Client.GetFromJsonAsync<JsonElement>("/api/programs/demo/kpis/consultations?fiscalYear=2019");

        Assert.Equal("令和元年度", answer.GetProperty("fiscalYearName").GetString());
        Assert.Equal("2020-03-31", answer.GetProperty("asOf").GetString());
    }

    [Theory]
    [InlineData("", "fiscalYear")]
    [InlineData("fiscalYear=1900", "fiscalYear")]
    [InlineData("fiscalYear=2025&asOf=31/01/2026", "asOf")]
    public async Task Bad_query_is_reported_on_its_parameter(string query, string field)
    {
        var response = await fixture.Product.Client.GetAsync($"/api/programs/demo/kpis/consultations?{query}");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey(field), string.Join(",", problem.Errors.Keys));
    }
}
