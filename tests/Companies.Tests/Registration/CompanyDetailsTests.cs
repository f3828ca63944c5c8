using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Companies.Tests.Registration;

/// <summary>Every field of a company's record: one rule per case, its field key, and its message in Japanese and English.</summary>
public sealed class CompanyDetailsTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private static JsonObject Valid() => new()
    {
        ["name"] = "株式会社北見テック",
        ["nameKana"] = "キタミテック",
        ["prefectureCode"] = "01",
        ["municipalityCode"] = "012084",
        ["postalCode"] = "０９０－００２４",
        ["address"] = "北見市北4条東1丁目",
        ["industry"] = "製造業",
        ["employees"] = 86,
        ["capitalYen"] = 30_000_000,
        ["contactName"] = "佐藤 一郎",
        ["contactTitle"] = "代表取締役",
        ["contactPhone"] = "０１５７－２３－４５６７",
        ["contactEmail"] = "sato@example.jp",
        ["memberTier"] = "一般会員",
        ["annualFeeYen"] = 30_000,
        ["memberSince"] = "2024-04-01",
    };

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        // field, JSON value, a part of the Japanese message, a part of the English message
        { "name", "\"\"", "企業名を入力してください", "Company name is required" },
        { "nameKana", "\"Kitami Tech!\"", "カタカナ", "katakana" },
        { "corporateNumber", "\"1000012050002\"", "チェックデジット", "check digit" },
        { "prefectureCode", "\"48\"", "01（北海道）", "two digits" },
        { "municipalityCode", "\"012085\"", "チェックデジット", "check digit" },
        { "postalCode", "\"090-002\"", "郵便番号", "postal code" },
        { "address", "\"" + new string('町', 201) + "\"", "所在地", "Address" },
        { "industry", "\"Z\"", "日本標準産業分類", "JSIC" },
        { "employees", "-1", "従業員数", "Employees" },
        { "capitalYen", "-5", "資本金", "Capital" },
        { "contactName", "\"" + new string('名', 101) + "\"", "担当者名", "Contact name" },
        { "contactTitle", "\"" + new string('長', 101) + "\"", "役職", "Contact title" },
        { "contactPhone", "\"12-3456-7890\"", "電話番号", "phone number" },
        { "contactEmail", "\"sato@\"", "メールアドレス", "e-mail" },
        { "memberTier", "\"" + new string('会', 51) + "\"", "会員区分", "Member tier" },
        { "annualFeeYen", "100000001", "年会費", "annual fee" },
        { "memberSince", "\"1980-01-01\"", "入会日", "member-since" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_field_rule_refuses_with_a_message_in_both_languages(string field, string json, string japanese, string english)
    {
        var body = Valid();
        body[field] = JsonNode.Parse(json);
        var before = Product.Count("companies", "companies");

        var ja = await Problem.ReadAsync(await PostAsync(body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await PostAsync(body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, Assert.Single(ja.Errors[field]), StringComparison.Ordinal);
        Assert.Contains(english, Assert.Single(en.Errors[field]), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Product.Count("companies", "companies"));
    }

    [Fact]
    public async Task A_fee_without_a_member_tier_is_refused_on_the_tier()
    {
        var body = Valid();
        body.Remove("memberTier");

        var problem = await Problem.ReadAsync(await PostAsync(body, "ja"), HttpStatusCode.BadRequest);

        Assert.Contains("会員区分", Assert.Single(problem.Errors["memberTier"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_record_is_stored_in_normal_form_and_read_back()
    {
        var response = await PostAsync(Valid(), "ja");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var company = await Product.Client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal("090-0024", company.GetProperty("postalCode").GetString());
        Assert.Equal("E", company.GetProperty("industry").GetString());
        Assert.Equal("0157-23-4567", company.GetProperty("contactPhone").GetString());
        Assert.Equal(86, company.GetProperty("employees").GetInt32());
        Assert.Equal(30_000_000, company.GetProperty("capitalYen").GetInt64());
        Assert.Equal("2024-04-01", company.GetProperty("memberSince").GetString());
    }

    [Fact]
    public async Task A_correction_needs_the_version_seen_and_a_stale_one_is_refused()
    {
        var body = Valid();
        body["corporateNumber"] = null;
        body["name"] = "株式会社訂正テスト" + Guid.NewGuid().ToString("N")[..6];
        var location = (await PostAsync(body, "ja")).Headers.Location!;

        body["employees"] = 120;
        body["version"] = 1;
        var corrected = await Product.Client.PutAsJsonAsync(location, body);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var company = await corrected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(120, company.GetProperty("employees").GetInt32());
        Assert.Equal(2, company.GetProperty("version").GetInt32());
        Assert.True(company.TryGetProperty("updatedAt", out var updatedAt) && updatedAt.ValueKind == JsonValueKind.String);

        body["employees"] = 999;
        var stale = await Product.Client.PutAsJsonAsync(location, body);
        await Problem.ReadAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal(120, (await Product.Client.GetFromJsonAsync<JsonElement>(location)).GetProperty("employees").GetInt32());

        body.Remove("version");
        var missing = await Problem.ReadAsync(await Product.Client.PutAsJsonAsync(location, body), HttpStatusCode.BadRequest);
        Assert.True(missing.Errors.ContainsKey("version"));
    }

    [Fact]
    public async Task Search_filters_by_industry_division()
    {
        var body = Valid();
        body["name"] = "漁協テスト" + Guid.NewGuid().ToString("N")[..6];
        body["industry"] = "B";
        await PostAsync(body, "ja");

        var page = await Product.Client.GetFromJsonAsync<JsonElement>("/api/programs/demo/companies?industry=B&pageSize=100");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, c => Assert.Equal("B", c.GetProperty("industry").GetString()));
        await Problem.ReadAsync(await Product.Client.GetAsync("/api/programs/demo/companies?industry=Z"), HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject body, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/programs/demo/companies") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return Product.Client.SendAsync(request);
    }
}
