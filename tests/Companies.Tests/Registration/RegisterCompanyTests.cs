using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Companies.Tests.Registration;

public sealed class RegisterCompanyTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private static object ValidCompany(string? corporateNumber = null) => new
    {
        name = "株式会社北見テック",
        nameKana = "キタミテック",
        corporateNumber,
        prefectureCode = "01",
        municipalityCode = "012084",
    };

    // A refusal is audited, and its audit entry published (AuditRecorded): not a company's event.
    private (long Companies, long Outbox) Written() =>
        (Product.Count("companies", "companies"), Product.Count("companies", "outbox_messages WHERE message_type NOT LIKE 'Matching.Contracts.Audit.%'"));

    [Fact]
    public async Task Registered_company_is_answered_with_its_location_and_reads_back()
    {
        var response = await fixture.Slice.RegisterCompanyAsync("demo", "株式会社札幌ロジ", "サッポロロジ", "7000012050002", "01", "011002");

        var company = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/companies/{response}");
        Assert.Equal("株式会社札幌ロジ", company.GetProperty("name").GetString());
        Assert.Equal("7000012050002", company.GetProperty("corporateNumber").GetString());
        Assert.Equal("011002", company.GetProperty("municipalityCode").GetString());
    }

    [Fact]
    public async Task A_name_typed_in_half_width_kana_is_stored_in_full_width()
    {
        var id = await fixture.Slice.RegisterCompanyAsync("demo", "ｶﾌﾞｼｷｶﾞｲｼｬ ﾎﾟｰﾙｽﾀｰ", "ﾎﾟｰﾙｽﾀｰ", null, "01", "012084");

        var company = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/companies/{id}");
        Assert.Equal(("カブシキガイシャ ポールスター", "ポールスター"),
            (company.GetProperty("name").GetString(), company.GetProperty("nameKana").GetString()));
    }

    [Fact]
    public async Task Created_answer_carries_a_location_that_resolves()
    {
        await fixture.Slice.RegisterCompanyAsync("demo");

        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/companies", ValidCompany());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/api/programs/demo/companies/", location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await Product.Client.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task Corporate_number_with_a_wrong_check_digit_is_refused_and_nothing_is_written()
    {
        await fixture.Slice.RegisterCompanyAsync("demo");
        var before = Written();

        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/companies", ValidCompany("1000012050002"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("チェックデジット", Assert.Single(problem.Errors["corporateNumber"]));
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Municipality_code_with_a_wrong_check_digit_is_refused()
    {
        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/companies", new
        {
            name = "株式会社北見テック", nameKana = "キタミテック", prefectureCode = "01", municipalityCode = "012085",
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("municipalityCode"));
    }

    [Fact]
    public async Task Municipality_outside_the_prefecture_is_refused()
    {
        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/companies", new
        {
            name = "株式会社北見テック", nameKana = "キタミテック", prefectureCode = "11", municipalityCode = "012084",
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("都道府県", Assert.Single(problem.Errors["municipalityCode"]));
    }

    [Fact]
    public async Task Missing_fields_get_one_error_each_in_Japanese_by_default()
    {
        var before = Written();

        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/companies", new { });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["municipalityCode", "name", "nameKana", "prefectureCode"], problem.Errors.Keys.Order());
        Assert.Contains("企業名", problem.Errors["name"][0]);
        Assert.Equal("入力内容に誤りがあります。", problem.Title);
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Messages_are_English_when_the_client_asks_for_English()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/programs/demo/companies") { Content = JsonContent.Create(new { }) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));

        var response = await Product.Client.SendAsync(request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("One or more fields are invalid.", problem.Title);
        Assert.Contains("Company name", problem.Errors["name"][0]);
    }

    [Fact]
    public async Task Malformed_json_is_refused_and_nothing_is_written()
    {
        var before = Written();

        var response = await Product.Client.PostAsync("/api/programs/demo/companies",
            new StringContent("{\"name\": \"株式会社", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("body"), string.Join(",", problem.Errors.Keys));
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_reported_on_its_field()
    {
        var response = await Product.Client.PostAsync("/api/programs/demo/companies",
            new StringContent("{\"name\": [1, 2]}", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("name"));
    }

    [Fact]
    public async Task Oversized_body_is_refused_with_413_and_nothing_is_written()
    {
        var before = Written();
        var huge = new string('あ', 600_000);

        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/companies", new
        {
            name = huge, nameKana = "キタミ", prefectureCode = "01", municipalityCode = "012084",
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("リクエスト本文が大きすぎます。", problem.Title);
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Unknown_program_is_404_and_nothing_is_written()
    {
        var before = Written();

        var response = await Product.Client.PostAsJsonAsync("/api/programs/no-such-program/companies", ValidCompany());

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-program", problem.Title);
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Second_company_with_the_same_corporate_number_is_a_conflict_and_writes_nothing()
    {
        await fixture.Slice.RegisterCompanyAsync("demo", corporateNumber: "2000012010019");
        var before = Written();

        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/companies", ValidCompany("2000012010019"));

        await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Registration_writes_the_company_and_its_event_in_one_transaction()
    {
        await fixture.Slice.RegisterCompanyAsync("demo");
        var before = Written();

        await fixture.Slice.RegisterCompanyAsync("demo");

        Assert.Equal((before.Companies + 1, before.Outbox + 1), Written());
    }
}
