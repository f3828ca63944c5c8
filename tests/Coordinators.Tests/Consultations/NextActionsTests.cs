using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Consultations;

/// <summary>次回アクション due up to a day: the coordinator's own, until the company's next consultation, never a voided one's.</summary>
public sealed class NextActionsTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private async Task<Guid> LogAsync(Guid company, string date, string? nextAction, string? nextActionDate, string coordinator = "テスト 担当")
    {
        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/consultations", new
        {
            companyId = company, date, coordinators = new[] { coordinator }, channel = "visit", nextAction, nextActionDate,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> KnownCompanyAsync(string name, string kana)
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo", name, kana);
        await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2026, 3, 1), coordinator: "外部 講師");
        return company;
    }

    private async Task<List<Guid>> DueAsync(string to, Guid coordinator) =>
        [.. (await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/consultations/next-actions?to={to}&coordinator={coordinator}"))
            .EnumerateArray().Select(i => i.GetProperty("consultationId").GetGuid())];

    [Fact]
    public async Task A_next_action_is_due_for_its_coordinators_until_the_company_is_consulted_again_and_never_when_voided()
    {
        var me = (await Product.Client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetGuid();
        await Poll.UntilAsync(async () => (await Product.Client.GetFromJsonAsync<JsonElement>("/api/programs/demo/consultations/coordinators"))
            .EnumerateArray().Any(m => m.GetProperty("userId").GetGuid() == me), Slice.Eventually, "Coordinators to know the test coordinator");
        var followedUp = await KnownCompanyAsync("株式会社次回試験甲", "ジカイシケンコウ");
        var waiting = await KnownCompanyAsync("株式会社次回試験乙", "ジカイシケンオツ");
        var elsewhere = await KnownCompanyAsync("株式会社次回試験丙", "ジカイシケンヘイ");
        var ahead = await KnownCompanyAsync("株式会社次回試験丁", "ジカイシケンテイ");

        var superseded = await LogAsync(followedUp, "2026-04-01", "見積りを送る", "2026-04-10");
        await LogAsync(followedUp, "2026-04-12", null, null);
        var overdue = await LogAsync(waiting, "2026-04-01", "候補者像を整理して再訪問", "2026-04-15");
        var voided = await LogAsync(waiting, "2026-04-03", "資料送付", "2026-04-20");
        (await Product.Client.PostAsJsonAsync($"/api/programs/demo/consultations/{voided}/void", new { reason = "重複", version = 1 })).EnsureSuccessStatusCode();
        var someoneElses = await LogAsync(elsewhere, "2026-04-04", "別担当の宿題", "2026-04-16", coordinator: "外部 講師");
        var later = await LogAsync(ahead, "2026-04-02", "社長に電話", "2026-05-20");

        var due = await DueAsync("2026-04-30", me);

        Assert.DoesNotContain(superseded, due);
        Assert.DoesNotContain(voided, due);
        Assert.DoesNotContain(someoneElses, due);
        Assert.DoesNotContain(later, due);
        Assert.Contains(overdue, due);
        Assert.Contains(later, await DueAsync("2026-05-31", me));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?to=2026-13-01")]
    [InlineData("?to=2026-04-01&coordinator=someone")]
    public async Task A_missing_or_unreadable_day_or_coordinator_is_a_400_on_to(string query)
    {
        var response = await Product.Client.GetAsync($"/api/programs/demo/consultations/next-actions{query}");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("to"));
    }
}
