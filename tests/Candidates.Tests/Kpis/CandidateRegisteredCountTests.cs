using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests.Kpis;

public sealed class CandidateRegisteredCountTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task Registrations_are_counted_once_each_by_residence_prefecture_and_main_employment_form()
    {
        var bank = await DataBank.CreateAsync(fixture, "kpi");
        await bank.DefineRegistrationKpiAsync();
        await bank.RegisterAsync(DataBank.Profile(email: "a@example.jp"));
        var hokkaido = DataBank.Profile("佐藤 花子", "サトウ ハナコ", "b@example.jp");
        hokkaido["prefectureCode"] = "01";
        hokkaido["municipalityCode"] = null;
        hokkaido["employmentForms"] = new JsonArray("sideJob", "fullTime");
        await bank.RegisterAsync(hokkaido);
        hokkaido["email"] = "c@example.jp";
        await bank.RegisterAsync(hokkaido);
        var fiscalYear = Today().Month >= 4 ? Today().Year : Today().Year - 1;

        var byPrefecture = await Poll.UntilEqualAsync(
            async () => Rows(await bank.GetAsync($"/kpis/data-bank/breakdown?fiscalYear={fiscalYear}&by=prefecture", bank.Office)),
            "01 北海道=2;13 東京都=1", Slice.Eventually, "the prefecture breakdown");
        var byForm = Rows(await bank.GetAsync($"/kpis/data-bank/breakdown?fiscalYear={fiscalYear}&by=employmentForm", bank.Office));

        Assert.Equal("01 北海道=2;13 東京都=1", byPrefecture);
        Assert.Equal("sideJob=2;fullTime=1", byForm);
        Assert.Equal(3, fixture.Product.Count("programs", $"counted_events WHERE program = '{bank.Program}' AND kind = 'candidate-registered'"));
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);

    private static string Rows(JsonElement breakdown) =>
        string.Join(';', breakdown.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("label").GetString()}={r.GetProperty("count").GetInt64()}"));
}
