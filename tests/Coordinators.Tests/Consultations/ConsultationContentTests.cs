using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Consultations;

/// <summary>A consultation's content: coordinators, issues, next action, need; each rule, and corrections that keep history.</summary>
public sealed class ConsultationContentTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private async Task<(Guid Company, Guid Consultation)> LoggedAsync()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        var consultation = await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2025, 6, 2));
        return (company, consultation);
    }

    private static JsonObject Valid(Guid company) => new()
    {
        ["companyId"] = company,
        ["date"] = "2025-06-02",
        ["coordinators"] = new JsonArray("山田 太郎", "鈴木 花子"),
        ["channel"] = "visit",
        ["issues"] = new JsonArray("succession", "other"),
        ["otherIssue"] = "工場用地の確保",
        ["notes"] = "後継者候補の育成について",
        ["nextAction"] = "後継者候補と面談",
        ["nextActionDate"] = "2025-06-20",
        ["needIdentified"] = true,
    };

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        { "coordinators", "[]", "担当コーディネーターを入力してください", "Coordinators is required" },
        { "coordinators", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]", "5 人まで", "five" },
        { "coordinators", "[\"山田 太郎\",\"山田 太郎\"]", "重複なく", "each named once" },
        { "coordinators", "[\"  \"]", "1〜100 文字", "1 to 100" },
        { "channel", "null", "相談方法を入力してください", "Channel is required" },
        { "otherIssue", "null", "その他", "Other" },
        { "notes", "\"" + new string('あ', 4001) + "\"", "相談内容", "Notes" },
        { "nextAction", "\"" + new string('あ', 501) + "\"", "次回アクション", "Next action" },
        { "nextActionDate", "\"2025-06-01\"", "相談日以降", "on or after" },
        { "date", "\"1980-01-01\"", "1989-04-01", "1989-04-01" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_refuses_with_a_message_in_both_languages(string field, string json, string japanese, string english)
    {
        var (company, _) = await LoggedAsync();
        var body = Valid(company);
        body[field] = JsonNode.Parse(json);
        var before = Product.Count("coordinators", "consultations");

        var ja = await Problem.ReadAsync(await PostAsync(body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await PostAsync(body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, Assert.Single(ja.Errors[field]), StringComparison.Ordinal);
        Assert.Contains(english, Assert.Single(en.Errors[field]), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Product.Count("coordinators", "consultations"));
    }

    [Fact]
    public async Task An_issue_outside_the_list_is_refused()
    {
        var (company, _) = await LoggedAsync();
        var body = Valid(company);
        body["issues"] = new JsonArray("fishing");

        var problem = await Problem.ReadAsync(await PostAsync(body, "ja"), HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.Errors);
    }

    [Fact]
    public async Task Full_content_reads_back()
    {
        var (company, _) = await LoggedAsync();

        var response = await PostAsync(Valid(company), "ja");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var consultation = await Product.Client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal(["山田 太郎", "鈴木 花子"], consultation.GetProperty("coordinators").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["succession", "other"], consultation.GetProperty("issues").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("2025-06-20", consultation.GetProperty("nextActionDate").GetString());
        Assert.True(consultation.GetProperty("needIdentified").GetBoolean());
        Assert.Equal("株式会社オホーツク精機", consultation.GetProperty("companyName").GetString());
    }

    [Fact]
    public async Task The_log_names_each_company_as_the_companies_service_last_said()
    {
        var program = $"name-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "社名テスト");
        var company = await fixture.Slice.RegisterCompanyAsync(program, "旧社名株式会社", "キュウシャメイ");
        await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 2));

        var renamed = await Product.Client.PutAsJsonAsync($"/api/programs/{program}/companies/{company}", new
        {
            name = "新社名株式会社", nameKana = "シンシャメイ", prefectureCode = "01", municipalityCode = "012084", version = 1,
        });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        await Poll.UntilAsync(async () =>
        {
            var log = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/consultations?companyId={company}");
            return log.GetProperty("items")[0].GetProperty("companyName").GetString() == "新社名株式会社";
        }, Slice.Eventually, "the new name to reach the consultation log");
    }

    [Fact]
    public async Task A_correction_keeps_the_replaced_version_in_the_history_and_does_not_change_the_count()
    {
        var program = $"fix-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "修正テスト");
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        var id = await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 2));
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync(program, 2025), 1L, Slice.Eventually, "counted");
        var location = $"/api/programs/{program}/consultations/{id}";

        var correction = Valid(company);
        correction.Remove("companyId");
        correction.Remove("date");
        correction["version"] = 1;
        var response = await Product.Client.PutAsJsonAsync(location, correction);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await Product.Client.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal(2, read.GetProperty("version").GetInt32());
        Assert.Equal("後継者候補の育成について", read.GetProperty("notes").GetString());
        var revision = Assert.Single(read.GetProperty("revisions").EnumerateArray());
        Assert.Equal(1, revision.GetProperty("version").GetInt32());
        Assert.Equal("販路開拓の相談", revision.GetProperty("notes").GetString());
        // History names the person as the product shows them (テスト 担当), not their sign-in name.
        Assert.Equal("テスト 担当", revision.GetProperty("replacedBy").GetString());

        await Problem.ReadAsync(await Product.Client.PutAsJsonAsync(location, correction), HttpStatusCode.Conflict);
        Assert.Equal(1L, await fixture.Slice.ConsultationCountAsync(program, 2025));
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject body, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/programs/demo/consultations") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return Product.Client.SendAsync(request);
    }
}
