using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Companies.Tests.Needs;

public sealed class TalentNeedTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private static JsonObject Valid() => new()
    {
        ["role"] = "営業責任者",
        ["description"] = "首都圏の商社への販路開拓",
        ["requiredSkills"] = "法人営業 5 年以上",
        ["preferredSkills"] = "食品業界の経験",
        ["employmentForm"] = "fullTime",
        ["payUnit"] = "year",
        ["payMinYen"] = 5_000_000,
        ["payMaxYen"] = 7_000_000,
        ["remote"] = "partial",
        ["urgency"] = "high",
    };

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        { "role", "\"\"", "募集する役割を入力してください", "Role is required" },
        { "description", "\"" + new string('あ', 4001) + "\"", "業務内容", "Description" },
        { "requiredSkills", "\"" + new string('あ', 1001) + "\"", "必須スキル", "Required skills" },
        { "preferredSkills", "\"" + new string('あ', 1001) + "\"", "歓迎スキル", "Preferred skills" },
        { "employmentForm", "null", "雇用形態を入力してください", "Employment form is required" },
        { "payUnit", "null", "年収・月額・時給", "year, month or hour" },
        { "payMaxYen", "4000000", "下限は上限以下", "minimum is not above" },
        { "payMinYen", "-1", "0 円以上", "0 to 100,000,000" },
        { "municipalityCode", "\"012085\"", "チェックデジット", "check digit" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_refuses_with_a_message_in_both_languages(string field, string json, string japanese, string english)
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        var body = Valid();
        body[field] = JsonNode.Parse(json);
        var before = Product.Count("companies", "talent_needs");

        var ja = await Problem.ReadAsync(await PostAsync(company, body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await PostAsync(company, body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, Assert.Single(ja.Errors[field]), StringComparison.Ordinal);
        Assert.Contains(english, Assert.Single(en.Errors[field]), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Product.Count("companies", "talent_needs"));
    }

    [Fact]
    public async Task A_need_opened_from_a_consultation_marks_it_and_moves_through_its_statuses()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        var consultation = await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2025, 6, 2));
        var body = Valid();
        body["consultationId"] = consultation;

        var response = await OpenOnceTheConsultationIsKnownAsync(company, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = response.Headers.Location!;
        var need = await Product.Client.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("open", need.GetProperty("status").GetString());
        Assert.Equal(consultation, need.GetProperty("consultationId").GetGuid());
        Assert.Equal(JsonValueKind.Null, need.GetProperty("municipalityCode").ValueKind);
        Assert.Equal(5_000_000, need.GetProperty("payMinYen").GetInt64());
        await Poll.UntilAsync(async () =>
            (await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/consultations/{consultation}")).GetProperty("needIdentified").GetBoolean(),
            Slice.Eventually, "the consultation to be marked");

        var referred = await Product.Client.PostAsJsonAsync($"{location}/status", new { status = "referred", version = 1 });
        Assert.Equal(HttpStatusCode.OK, referred.StatusCode);
        var noReason = await Product.Client.PostAsJsonAsync($"{location}/status", new { status = "cancelled", version = 2 });
        Assert.True((await Problem.ReadAsync(noReason, HttpStatusCode.BadRequest)).Errors.ContainsKey("reason"));
        var filled = await Product.Client.PostAsJsonAsync($"{location}/status", new { status = "filled", version = 2 });
        Assert.Equal("filled", (await filled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await Problem.ReadAsync(await Product.Client.PostAsJsonAsync($"{location}/status", new { status = "open", version = 3 }), HttpStatusCode.Conflict);

        var list = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/needs?companyId={company}&status=filled");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Needs_in_progress_are_the_open_and_the_referred_ones_asked_for_together()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo", "株式会社進行中試験", "シンコウチュウシケン");
        var opened = new List<Uri>();
        for (var i = 0; i < 3; i++)
        {
            var response = await Product.Client.PostAsJsonAsync($"/api/programs/demo/companies/{company}/needs", Valid());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            opened.Add(response.Headers.Location!);
        }
        (await Product.Client.PostAsJsonAsync($"{opened[1]}/status", new { status = "referred", version = 1 })).EnsureSuccessStatusCode();
        (await Product.Client.PostAsJsonAsync($"{opened[2]}/status", new { status = "filled", version = 1 })).EnsureSuccessStatusCode();

        var list = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/needs?companyId={company}&status=open,referred");

        Assert.Equal(["open", "referred"], list.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("status").GetString()).Order());
        await Problem.ReadAsync(await Product.Client.GetAsync($"/api/programs/demo/needs?status=open,gone"), HttpStatusCode.BadRequest);
    }

    public enum Elsewhere
    {
        OtherCompany,
        OtherProgram,
        NoSuchConsultation,
    }

    [Theory]
    [InlineData(Elsewhere.OtherCompany)]
    [InlineData(Elsewhere.OtherProgram)]
    [InlineData(Elsewhere.NoSuchConsultation)]
    public async Task A_need_names_only_a_consultation_of_its_own_company(Elsewhere where)
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        var (program, otherCompany) = where == Elsewhere.OtherProgram
            ? await OtherProgramCompanyAsync()
            : ("demo", await fixture.Slice.RegisterCompanyAsync("demo", "株式会社別海酪農", "ベツカイラクノウ"));
        var consultation = await fixture.Slice.LogConsultationAsync(program, otherCompany, new DateOnly(2025, 6, 2));
        // Companies has its copy of the consultation (a need for its own company opens) before the refusal is asked for.
        var own = Valid();
        own["consultationId"] = consultation;
        Assert.Equal(HttpStatusCode.Created, (await OpenOnceTheConsultationIsKnownAsync(otherCompany, own, program)).StatusCode);
        var body = Valid();
        body["consultationId"] = where == Elsewhere.NoSuchConsultation ? Guid.NewGuid() : consultation;
        var before = Product.Count("companies", "talent_needs");

        var refused = await Problem.ReadAsync(await PostAsync(company, body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal(["consultationId"], refused.Errors.Keys);
        Assert.Contains("not a consultation logged for this company", refused.Errors["consultationId"][0], StringComparison.Ordinal);
        Assert.Equal(before, Product.Count("companies", "talent_needs"));
    }

    [Fact]
    public async Task A_need_for_an_unknown_company_is_404_and_writes_nothing()
    {
        var before = Product.Count("companies", "talent_needs");

        await Problem.ReadAsync(await PostAsync(Guid.NewGuid(), Valid(), "ja"), HttpStatusCode.NotFound);

        Assert.Equal(before, Product.Count("companies", "talent_needs"));
    }

    // Companies learns a consultation from ConsultationLogged, a moment after it is logged.
    private async Task<HttpResponseMessage> OpenOnceTheConsultationIsKnownAsync(Guid company, JsonObject body, string program = "demo")
    {
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () => (response = await PostAsync(company, body, "ja", program)).StatusCode != HttpStatusCode.BadRequest,
            Slice.Eventually, "Companies to know the consultation");
        return response;
    }

    private async Task<(string Program, Guid Company)> OtherProgramCompanyAsync()
    {
        var program = $"need-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "別プログラム");
        return (program, await fixture.Slice.RegisterCompanyAsync(program));
    }

    private Task<HttpResponseMessage> PostAsync(Guid company, JsonObject body, string language, string program = "demo")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/programs/{program}/companies/{company}/needs") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return Product.Client.SendAsync(request);
    }
}
