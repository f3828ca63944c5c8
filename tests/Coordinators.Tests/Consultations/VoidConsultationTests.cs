using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Consultations;

public sealed class VoidConsultationTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private async Task<(string Program, Guid First, Guid Second)> TwoConsultationsAsync()
    {
        var program = $"void-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "取消テスト");
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        var first = await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 1));
        var second = await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 2));
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync(program, 2025), 2L, Slice.Eventually, "both counted");
        return (program, first, second);
    }

    private Task<HttpResponseMessage> VoidAsync(string program, Guid id, object body) =>
        fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations/{id}/void", body);

    [Fact]
    public async Task Voided_consultation_stays_in_the_log_with_its_reason_and_is_no_longer_counted()
    {
        var (program, first, _) = await TwoConsultationsAsync();

        var response = await VoidAsync(program, first, new { reason = "別の企業の相談を誤って登録", version = 1 });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync(program, 2025), 1L, Slice.Eventually, "the count after voiding");
        var voided = await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/consultations/{first}");
        Assert.Equal("別の企業の相談を誤って登録", voided.GetProperty("voidReason").GetString());
        Assert.Equal(2, voided.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Voiding_twice_is_a_conflict()
    {
        var (program, first, _) = await TwoConsultationsAsync();
        await VoidAsync(program, first, new { reason = "重複登録", version = 1 });

        var again = await VoidAsync(program, first, new { reason = "重複登録", version = 2 });

        var problem = await Problem.ReadAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("既に取り消されています", problem.Title);
    }

    [Fact]
    public async Task Stale_version_is_a_conflict_and_changes_nothing()
    {
        var (program, _, second) = await TwoConsultationsAsync();

        var response = await VoidAsync(program, second, new { reason = "誤登録", version = 7 });

        await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        var unchanged = await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/consultations/{second}");
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("voidedAt").ValueKind);
    }

    [Fact]
    public async Task A_reason_is_required()
    {
        var (program, first, _) = await TwoConsultationsAsync();

        var response = await VoidAsync(program, first, new { version = 1 });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("取消の理由", problem.Errors["reason"][0]);
    }

    [Fact]
    public async Task Unknown_consultation_is_404()
    {
        var response = await VoidAsync("demo", Guid.NewGuid(), new { reason = "誤登録", version = 1 });

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }
}
