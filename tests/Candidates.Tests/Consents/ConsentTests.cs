using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Matching.Testing;

namespace Matching.Candidates.Tests.Consents;

public sealed class ConsentTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    /// <summary>Every personal value of <see cref="DataBank.Profile"/> that an anonymised answer must not hold.</summary>
    private static readonly string[] PersonalValues =
        ["鈴木", "スズキ", "ichiro.suzuki@example.jp", "090-1234-5678", "131016", "1978", "東京精密工業", "精密機械メーカー", "Uターン希望"];

    private static void AssertNoPersonalField(string json)
    {
        foreach (var value in PersonalValues)
            Assert.DoesNotContain(value, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recruiter_without_consent_gets_no_personal_field_through_any_route_it_may_call()
    {
        var bank = await DataBank.CreateAsync(fixture, "anon");
        var (_, recruiter) = await bank.FirmAsync();
        var id = await bank.RegisterAsync();
        await bank.ConsentAsync(id, "program");

        var profile = await recruiter.GetAsync($"/api/programs/{bank.Program}/candidates/{id}/shared");
        var list = await recruiter.GetAsync($"/api/programs/{bank.Program}/candidates/shared");
        var full = await recruiter.GetAsync($"/api/programs/{bank.Program}/candidates/{id}");
        var search = await recruiter.GetAsync($"/api/programs/{bank.Program}/candidates?q=" + Uri.EscapeDataString("鈴木"));
        var provisions = await recruiter.GetAsync($"/api/programs/{bank.Program}/provisions");

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var body = await profile.Content.ReadAsStringAsync();
        AssertNoPersonalField(body);
        var shared = JsonDocument.Parse(body).RootElement;
        Assert.True(shared.GetProperty("anonymised").GetBoolean());
        Assert.Equal("13", shared.GetProperty("prefectureCode").GetString());
        Assert.Equal(1970, shared.GetProperty("birthDecade").GetInt32());
        Assert.Equal("営業部長", shared.GetProperty("career")[0].GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, shared.GetProperty("career")[0].GetProperty("company").ValueKind);
        var listed = await list.Content.ReadAsStringAsync();
        AssertNoPersonalField(listed);
        Assert.False(JsonDocument.Parse(listed).RootElement.GetProperty("items")[0].GetProperty("covered").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, full.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, provisions.StatusCode);
        Assert.Equal(0, Product.Count("candidates", $"provisions WHERE candidate_id = '{id}'"));
    }

    [Fact]
    public async Task With_consent_to_registered_firms_the_full_read_is_in_the_provision_record_and_after_withdrawal_the_next_read_is_anonymised()
    {
        var bank = await DataBank.CreateAsync(fixture, "full");
        var (firm, recruiter) = await bank.FirmAsync();
        var id = await bank.RegisterAsync();
        var consent = await bank.ConsentAsync(id, "registeredFirms");
        var url = $"/api/programs/{bank.Program}/candidates/{id}/shared";
        // The firm's registration reaches Candidates from Coordinators a moment after it was made.
        await Poll.UntilAsync(async () => !(await recruiter.GetFromJsonAsync<JsonElement>(url)).GetProperty("anonymised").GetBoolean(),
            Slice.Eventually, "the firm's registration to reach Candidates");

        var read = await recruiter.GetFromJsonAsync<JsonElement>(url);
        var records = await bank.GetAsync($"/provisions?candidateId={id}", bank.Office);
        var csv = await bank.Office.GetAsync($"/api/programs/{bank.Program}/provisions/export.csv?firmId={firm}");
        var xlsx = await bank.Office.GetAsync($"/api/programs/{bank.Program}/provisions/export.xlsx?candidateId={id}");
        var withdrawn = await bank.PostAsync($"/candidates/{id}/consents/{consent}/withdraw", new JsonObject { ["reason"] = "本人の申出" });
        var after = await recruiter.GetAsync(url);
        var again = await bank.PostAsync($"/candidates/{id}/consents/{consent}/withdraw", new JsonObject());

        Assert.Equal("鈴木 一郎", read.GetProperty("name").GetString());
        Assert.Equal("ichiro.suzuki@example.jp", read.GetProperty("email").GetString());
        Assert.Equal("東京精密工業株式会社", read.GetProperty("career")[0].GetProperty("company").GetString());
        var rows = records.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count); // the poll's successful read and the one after it
        Assert.All(rows, r =>
        {
            Assert.Equal(firm, r.GetProperty("firmId").GetGuid());
            Assert.Equal(DataBank.FirmName, r.GetProperty("firmName").GetString());
            Assert.Equal("鈴木 一郎", r.GetProperty("candidateName").GetString());
            Assert.Equal(consent, r.GetProperty("consentId").GetGuid());
            Assert.Superset(new HashSet<string> { "name", "nameKana", "email", "phone", "municipalityCode", "birthYear", "career" },
                r.GetProperty("items").EnumerateArray().Select(i => i.GetString()!).ToHashSet());
        });
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var file = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF\"提供日時\",\"提供先（第三者）\"", file, StringComparison.Ordinal);
        Assert.Equal(3, file.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"\"{DataBank.FirmName}\"", file, StringComparison.Ordinal);
        Assert.Contains("\"鈴木 一郎\"", file, StringComparison.Ordinal);
        Assert.Contains(consent.ToString(), file, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var sheetRows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
            Assert.Equal(3, sheetRows.Count);
            Assert.Equal("提供先（第三者）", sheetRows[0].Elements<Cell>().ElementAt(1).InnerText);
            Assert.Equal(DataBank.FirmName, sheetRows[1].Elements<Cell>().ElementAt(1).InnerText);
            Assert.Equal("鈴木 一郎", sheetRows[2].Elements<Cell>().ElementAt(3).InnerText);
        }
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var body = await after.Content.ReadAsStringAsync();
        AssertNoPersonalField(body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("anonymised").GetBoolean());
        Assert.Equal(2, Product.Count("candidates", $"provisions WHERE candidate_id = '{id}'"));
        await Problem.ReadAsync(again, HttpStatusCode.Conflict);
        var history = (await bank.GetAsync($"/candidates/{id}")).GetProperty("consents").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == consent);
        Assert.Equal("本人の申出", history.GetProperty("withdrawalReason").GetString());
        Assert.Equal("2025-04", history.GetProperty("textVersion").GetString());
    }

    [Fact]
    public async Task A_consent_to_one_firm_covers_that_firm_only()
    {
        var bank = await DataBank.CreateAsync(fixture, "named");
        var (chosen, chosenRecruiter) = await bank.FirmAsync();
        var (_, otherRecruiter) = await bank.FirmAsync("オホーツク人材サービス株式会社");
        var id = await bank.RegisterAsync();
        await bank.ConsentAsync(id, "firm", chosen);
        var url = $"/api/programs/{bank.Program}/candidates/{id}/shared";

        var chosenRead = await chosenRecruiter.GetFromJsonAsync<JsonElement>(url);
        var otherRead = await otherRecruiter.GetStringAsync(url);

        Assert.False(chosenRead.GetProperty("anonymised").GetBoolean());
        Assert.Equal("スズキ イチロウ", chosenRead.GetProperty("nameKana").GetString());
        AssertNoPersonalField(otherRead);
        Assert.Equal(1, Product.Count("candidates", $"provisions WHERE candidate_id = '{id}' AND firm_id = '{chosen}'"));
        Assert.Equal(1, Product.Count("candidates", $"provisions WHERE candidate_id = '{id}'"));
    }

    [Fact]
    public async Task A_suspended_firm_is_no_longer_covered_by_a_consent_to_registered_firms()
    {
        var bank = await DataBank.CreateAsync(fixture, "susp");
        var (firm, recruiter) = await bank.FirmAsync();
        var id = await bank.RegisterAsync();
        await bank.ConsentAsync(id, "registeredFirms");
        var url = $"/api/programs/{bank.Program}/candidates/{id}/shared";
        await Poll.UntilAsync(async () => !(await recruiter.GetFromJsonAsync<JsonElement>(url)).GetProperty("anonymised").GetBoolean(),
            Slice.Eventually, "the firm's registration to reach Candidates");
        var version = (await bank.GetAsync($"/firms/{firm}", bank.Office)).GetProperty("registrationVersion").GetInt32();

        var suspended = await bank.PostAsync($"/firms/{firm}/status", new JsonObject { ["status"] = "suspended", ["reason"] = "調査中", ["version"] = version },
            client: bank.Office);

        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        await Poll.UntilAsync(async () => (await recruiter.GetFromJsonAsync<JsonElement>(url)).GetProperty("anonymised").GetBoolean(),
            Slice.Eventually, "the suspension to reach Candidates");
        AssertNoPersonalField(await recruiter.GetStringAsync(url));
    }

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        { "purpose", "\"marketing\"", "値の形式が正しくありません", "wrong format" },
        { "purpose", "\"dataBank\"", "事業者への提供の目的は introduction", "Consent to firms is for introduction" },
        { "recipient", "null", "提供先は program", "recipient is program, registeredFirms or firm" },
        { "firmId", "\"" + Guid.NewGuid() + "\"", "提供先が firm の同意にだけ", "Only a consent to one firm names a firm" },
        { "textVersion", "\"\"", "同意文の版を入力してください", "version of the consent text" },
        { "method", "null", "同意の方法は written", "method is written, electronic or oral" },
        { "givenAt", "\"2099-01-01T00:00:00+09:00\"", "同意日時は未来にできません", "cannot be given in the future" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_consent_rule_refuses_with_a_message_in_both_languages_and_records_nothing(string field, string json, string japanese, string english)
    {
        var bank = await DataBank.DemoAsync(fixture);
        var id = await bank.RegisterAsync(DataBank.Profile(email: $"consent-{Guid.NewGuid():N}@example.jp"));
        var body = new JsonObject { ["purpose"] = "introduction", ["recipient"] = "registeredFirms", ["textVersion"] = "2025-04", ["method"] = "written" };
        body[field] = JsonNode.Parse(json);

        var ja = await Problem.ReadAsync(await bank.PostAsync($"/candidates/{id}/consents", body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await bank.PostAsync($"/candidates/{id}/consents", body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, string.Join(" ", ja.Errors.Values.SelectMany(v => v)), StringComparison.Ordinal);
        Assert.Contains(english, string.Join(" ", en.Errors.Values.SelectMany(v => v)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, Product.Count("candidates", $"consents WHERE candidate_id = '{id}'"));
    }

    [Fact]
    public async Task A_consent_to_a_firm_the_program_has_not_registered_is_refused_on_the_firm()
    {
        var bank = await DataBank.DemoAsync(fixture);
        var id = await bank.RegisterAsync(DataBank.Profile(email: $"nofirm-{Guid.NewGuid():N}@example.jp"));

        var response = await bank.PostAsync($"/candidates/{id}/consents", new JsonObject
        {
            ["purpose"] = "introduction", ["recipient"] = "firm", ["firmId"] = Guid.NewGuid().ToString(), ["textVersion"] = "2025-04", ["method"] = "oral",
        });

        Assert.True((await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.ContainsKey("firmId"));
        Assert.Equal(0, Product.Count("candidates", $"consents WHERE candidate_id = '{id}'"));
    }
}
