using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Seminars;

public sealed class HoldSeminarTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        { "date", "null", "開催日を入力してください", "Date is required" },
        { "kind", "\"party\"", "形式", "format" },
        { "title", "\"\"", "名称を入力してください", "Title is required" },
        { "place", "\"" + new string('会', 201) + "\"", "会場", "Place" },
        { "participants", "-1", "参加者数", "Participants" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_refuses_with_a_message_in_both_languages(string field, string json, string japanese, string english)
    {
        var body = new JsonObject { ["date"] = "2025-07-10", ["kind"] = "seminar", ["title"] = "人材活用セミナー", ["participants"] = 30 };
        body[field] = JsonNode.Parse(json);
        var before = Product.Count("coordinators", "seminars");

        var ja = await Problem.ReadAsync(await PostAsync("demo", body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await PostAsync("demo", body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, string.Join(" ", ja.Errors.Values.SelectMany(v => v)), StringComparison.Ordinal);
        Assert.Contains(english, string.Join(" ", en.Errors.Values.SelectMany(v => v)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Product.Count("coordinators", "seminars"));
    }

    [Fact]
    public async Task A_seminar_with_its_companies_is_counted_by_a_kpi_of_seminars_held()
    {
        var program = $"sem-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "セミナーテスト");
        using var office = await TestUsers.MemberAsync(Product.Admin, program, "office");
        var a = await fixture.Slice.RegisterCompanyAsync(program, "株式会社セミナー参加一", "セミナーサンカイチ");
        var b = await fixture.Slice.RegisterCompanyAsync(program, "株式会社セミナー参加二", "セミナーサンカニ");
        await fixture.Slice.LogConsultationAsync(program, a, new DateOnly(2025, 5, 1));
        await fixture.Slice.LogConsultationAsync(program, b, new DateOnly(2025, 5, 1));
        var define = await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "seminars", name = "セミナー開催数", unit = "回", direction = "increase", source = "counted", countedKind = "seminar-held",
            targets = new[] { new { kind = "yearly", fiscalYear = 2025, value = 4 } },
        });
        Assert.Equal(HttpStatusCode.Created, define.StatusCode);

        var unknown = await PostAsync(program, new JsonObject
        {
            ["date"] = "2025-07-10", ["kind"] = "seminar", ["title"] = "人材活用セミナー", ["companyIds"] = new JsonArray(a.ToString(), Guid.NewGuid().ToString()),
        }, "ja");
        Assert.True((await Problem.ReadAsync(unknown, HttpStatusCode.BadRequest)).Errors.ContainsKey("companyIds"));

        var held = await PostAsync(program, new JsonObject
        {
            ["date"] = "2025-07-10", ["kind"] = "jointRecruiting", ["title"] = "合同採用説明会", ["place"] = "北見市民会館",
            ["companyIds"] = new JsonArray(a.ToString(), b.ToString()), ["participants"] = 42,
        }, "ja");

        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var seminar = await Product.Client.GetFromJsonAsync<JsonElement>(held.Headers.Location);
        Assert.Equal(2, seminar.GetProperty("companyIds").GetArrayLength());
        var ofCompany = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/seminars?companyId={a}");
        Assert.Equal("合同採用説明会", Assert.Single(ofCompany.EnumerateArray()).GetProperty("title").GetString());
        await Poll.UntilAsync(async () =>
        {
            var report = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2025");
            var line = report.GetProperty("kpis")[0].GetProperty("lines")[0];
            return line.GetProperty("actual").ValueKind == JsonValueKind.Number && line.GetProperty("actual").GetDecimal() == 1m
                   && line.GetProperty("progressText").GetString() == "25.0%";
        }, Slice.Eventually, "the seminar to be counted");
    }

    private Task<HttpResponseMessage> PostAsync(string program, JsonObject body, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/programs/{program}/seminars") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return Product.Client.SendAsync(request);
    }
}
