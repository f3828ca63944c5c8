using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests;

/// <summary>A program of its own for a test, with its office, a recruiter of a registered firm, and candidates registered through the API.</summary>
internal sealed class DataBank(EmbeddedProduct product, string program)
{
    public const string FirmName = "北見キャリア株式会社";

    public string Program => program;

    public HttpClient Coordinator => product.Client;

    public HttpClient Office { get; private set; } = null!;

    public static Task<DataBank> CreateAsync(EmbeddedProductFixture fixture, string prefix) => CreateAsync(fixture.Product, prefix);

    public static async Task<DataBank> CreateAsync(EmbeddedProduct product, string prefix)
    {
        var bank = new DataBank(product, $"{prefix}-{Guid.NewGuid():N}"[..16]);
        await product.Slice.CreateProgramAsync(bank.Program, "人材データバンクテスト");
        bank.Office = await TestUsers.MemberAsync(product.Admin, bank.Program, "office");
        // Candidates learns the program, and seeds its skills, from ProgramCreated.
        await Poll.UntilAsync(async () =>
        {
            var response = await bank.Coordinator.GetAsync($"/api/programs/{bank.Program}/skills");
            return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength() > 0;
        }, Slice.Eventually, "Candidates to know the program and its skills");
        return bank;
    }

    /// <summary>The demo program (the test coordinator is a member from the start), for tests that only need somewhere to post.</summary>
    public static async Task<DataBank> DemoAsync(EmbeddedProductFixture fixture)
    {
        var bank = new DataBank(fixture.Product, "demo");
        await Poll.UntilAsync(async () =>
        {
            var response = await bank.Coordinator.GetAsync("/api/programs/demo/skills");
            return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength() > 0;
        }, Slice.Eventually, "Candidates to know the demo program and its skills");
        return bank;
    }

    /// <summary>A valid profile; tests change one field at a time.</summary>
    public static JsonObject Profile(string name = "鈴木 一郎", string kana = "スズキ イチロウ", string email = "ichiro.suzuki@example.jp") => new()
    {
        ["name"] = name,
        ["nameKana"] = kana,
        ["email"] = email,
        ["phone"] = "090-1234-5678",
        ["prefectureCode"] = "13",
        ["municipalityCode"] = "131016",
        ["hometownPrefectureCode"] = "01",
        ["birthYear"] = 1978,
        ["careerSummary"] = "精密機械メーカーで法人営業 15 年。\n海外代理店の開拓を担当。",
        ["career"] = new JsonArray(new JsonObject { ["company"] = "東京精密工業株式会社", ["role"] = "営業部長", ["fromYear"] = 2005, ["toYear"] = 2020 }),
        ["skills"] = new JsonArray("えいぎょう", "海外展開"),
        ["tags"] = new JsonArray("Uターン希望"),
        ["languages"] = new JsonArray("英語（ビジネス）"),
        ["licences"] = new JsonArray("中小企業診断士"),
        ["employmentForms"] = new JsonArray("fullTime", "sideJob"),
        ["desiredAreas"] = new JsonArray("01", "012084"),
        ["remote"] = "partial",
        ["sideJobHoursPerWeek"] = 10,
        ["desiredPayUnit"] = "year",
        ["desiredPayYen"] = 6_000_000,
        ["availableFrom"] = "2026-04-01",
    };

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body, string language = "ja", HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/programs/{program}{path}") { Content = Json(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return (client ?? Coordinator).SendAsync(request);
    }

    /// <summary>
    /// Registers a profile; the sample person is registered again and again by tests that are not about duplicates, so
    /// these registrations confirm they are meant (the duplicate tests post their own).
    /// </summary>
    public async Task<Guid> RegisterAsync(JsonObject? profile = null)
    {
        var body = profile ?? Profile();
        body["confirmNotDuplicate"] ??= true;
        var response = await PostAsync("/candidates", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> GetAsync(string path, HttpClient? client = null)
    {
        var response = await (client ?? Coordinator).GetAsync($"/api/programs/{program}{path}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The office defines the KPI counted from registrations (人材データバンク登録者数, kind candidate-registered) as <c>data-bank</c>.</summary>
    public async Task DefineRegistrationKpiAsync()
    {
        var define = await Office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "data-bank", name = "人材データバンク登録者数", unit = "人", direction = "increase", source = "counted", countedKind = "candidate-registered",
            targets = new[] { new { kind = "yearly", fiscalYear = 2026, value = 100 } },
        });
        Assert.True(define.StatusCode == HttpStatusCode.Created, await define.Content.ReadAsStringAsync());
    }

    /// <summary>The office registers a firm with Coordinators; a recruiter of it signs in (membership by the firm's name).</summary>
    public async Task<(Guid Firm, HttpClient Recruiter)> FirmAsync(string name = FirmName)
    {
        var response = await Office.PostAsync($"/api/programs/{program}/firms", Json(new JsonObject
        {
            ["name"] = name, ["nameKana"] = "キタミキャリア", ["licenceNumber"] = $"01-ユ-{Random.Shared.Next(0, 999_999):000000}",
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var firm = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (firm, await TestUsers.MemberAsync(product.Admin, program, "recruiter", firm: name));
    }

    public async Task<Guid> ConsentAsync(Guid candidate, string recipient, Guid? firmId = null)
    {
        var body = new JsonObject
        {
            ["purpose"] = recipient == "program" ? "dataBank" : "introduction", ["recipient"] = recipient, ["textVersion"] = "2025-04",
            ["method"] = "written", ["firmId"] = firmId?.ToString(),
        };
        JsonElement created = default;
        // A consent to one firm names a firm Candidates has heard of (FirmRegistrationChanged), a moment after its registration.
        await Poll.UntilAsync(async () =>
        {
            var response = await PostAsync($"/candidates/{candidate}/consents", body);
            if (response.StatusCode == HttpStatusCode.BadRequest && firmId is not null)
                return false;
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            created = await response.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, Slice.Eventually, "the consent to be recorded");
        return created.GetProperty("id").GetGuid();
    }
}
