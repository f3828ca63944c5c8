using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests.Needs;

public sealed class NeedMatchesTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private static async Task<Guid> RegisterAsync(DataBank bank, string name, string[] skills, string prefecture, string[]? forms = null)
    {
        var profile = DataBank.Profile(name, "テスト", $"{Guid.NewGuid():N}@example.jp");
        profile["skills"] = new JsonArray([.. skills.Select(s => (JsonNode)s)]);
        profile["employmentForms"] = new JsonArray([.. (forms ?? ["fullTime"]).Select(f => (JsonNode)f)]);
        profile["prefectureCode"] = prefecture;
        profile["municipalityCode"] = null;
        profile["hometownPrefectureCode"] = null;
        profile["desiredAreas"] = new JsonArray();
        var id = await bank.RegisterAsync(profile);
        await bank.ConsentAsync(id, "program");
        return id;
    }

    /// <summary>A need opened in Companies (at the company's place: 北見市, 北海道), once Candidates' copy of it has arrived.</summary>
    private static async Task<Guid> OpenNeedAsync(DataBank bank, Guid company, string role, string required, string form = "fullTime")
    {
        var opened = await bank.PostAsync($"/companies/{company}/needs", new JsonObject
        {
            ["role"] = role, ["employmentForm"] = form, ["requiredSkills"] = required,
        });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Poll.UntilAsync(async () => (await bank.Coordinator.GetAsync($"/api/programs/{bank.Program}/candidates/needs/{need}/matches")).StatusCode == HttpStatusCode.OK,
            Slice.Eventually, "Candidates' copy of the need");
        return need;
    }

    /// <summary>A weights body: the defaults, but for the weights given.</summary>
    private static JsonObject Weights(int requiredSkills = 40, int area = 15) => new()
    {
        ["requiredSkills"] = requiredSkills, ["preferredSkills"] = 15, ["employmentForm"] = 10, ["area"] = area, ["remote"] = 5, ["uTurn"] = 5,
        ["availability"] = 5, ["pay"] = 5, ["version"] = 0,
    };

    private static IEnumerable<Guid> Order(JsonElement ranked) => ranked.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("candidateId").GetGuid());

    [Fact]
    public async Task A_need_is_ranked_by_its_id_and_the_coordinator_keeps_a_shortlist_with_notes()
    {
        var bank = await DataBank.CreateAsync(fixture, "needm");
        var company = await fixture.Slice.RegisterCompanyAsync(bank.Program);
        var need = await OpenNeedAsync(bank, company, "海外営業リーダー", "営業、海外展開");
        var perfect = await RegisterAsync(bank, "完全 一致", ["営業", "海外展開"], "01");
        var partial = await RegisterAsync(bank, "一部 一致", ["営業"], "01");
        var far = await RegisterAsync(bank, "遠方 一致", ["営業", "海外展開"], "47");
        var shortlist = $"/api/programs/{bank.Program}/candidates/needs/{need}/shortlist";

        var ranked = await bank.GetAsync($"/candidates/needs/{need}/matches");
        var added = await bank.Coordinator.PutAsync($"{shortlist}/{perfect}", DataBank.Json(new JsonObject { ["note"] = "来週面談" }));
        await bank.Coordinator.PutAsync($"{shortlist}/{partial}", DataBank.Json(new JsonObject()));
        await bank.Coordinator.PutAsync($"{shortlist}/{far}", DataBank.Json(new JsonObject()));
        var renoted = await bank.Coordinator.PutAsync($"{shortlist}/{perfect}", DataBank.Json(new JsonObject { ["note"] = "面談済み" }));
        var removed = await bank.Coordinator.DeleteAsync($"{shortlist}/{far}");
        var removedAgain = await bank.Coordinator.DeleteAsync($"{shortlist}/{far}");
        var byOffice = await bank.GetAsync($"/candidates/needs/{need}/shortlist", bank.Office);
        var officeAdds = await bank.Office.PutAsync($"{shortlist}/{far}", DataBank.Json(new JsonObject()));
        var unknownNeed = await bank.Coordinator.GetAsync($"/api/programs/{bank.Program}/candidates/needs/{Guid.NewGuid()}/shortlist");
        var unknownCandidate = await bank.Coordinator.PutAsync($"{shortlist}/{Guid.NewGuid()}", DataBank.Json(new JsonObject()));

        Assert.Equal([perfect, far, partial], Order(ranked));
        Assert.Equal("海外営業リーダー", ranked.GetProperty("need").GetProperty("role").GetString());
        Assert.Equal("株式会社オホーツク精機", ranked.GetProperty("need").GetProperty("companyName").GetString());
        Assert.Contains(ranked.GetProperty("items")[0].GetProperty("reasons").EnumerateArray(), r => r.GetProperty("text").GetString() == "勤務地の都道府県に居住");
        Assert.Contains(ranked.GetProperty("items")[2].GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == "missingSkills");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renoted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        Assert.Equal([perfect, partial], byOffice.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("candidateId").GetGuid()));
        Assert.Equal("面談済み", byOffice.GetProperty("items")[0].GetProperty("note").GetString());
        Assert.Equal("完全 一致", byOffice.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, officeAdds.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownNeed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCandidate.StatusCode);
    }

    [Fact]
    public async Task An_erasure_takes_the_person_off_every_shortlist()
    {
        var bank = await DataBank.CreateAsync(fixture, "neede");
        var company = await fixture.Slice.RegisterCompanyAsync(bank.Program);
        var need = await OpenNeedAsync(bank, company, "営業", "営業");
        var kept = await RegisterAsync(bank, "残る 人", ["営業"], "01");
        var erased = await RegisterAsync(bank, "消える 人", ["営業"], "01");
        var shortlist = $"/api/programs/{bank.Program}/candidates/needs/{need}/shortlist";
        await bank.Coordinator.PutAsync($"{shortlist}/{kept}", DataBank.Json(new JsonObject()));
        await bank.Coordinator.PutAsync($"{shortlist}/{erased}", DataBank.Json(new JsonObject { ["note"] = "本人から電話あり" }));

        await bank.PostAsync($"/candidates/{erased}/erasure", new JsonObject { ["reason"] = "request" });
        var after = await bank.GetAsync($"/candidates/needs/{need}/shortlist");

        Assert.Equal([kept], after.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("candidateId").GetGuid()));
        Assert.Equal(0, fixture.Product.Count("candidates", $"shortlists WHERE candidate_id = '{erased}'"));
    }

    [Fact]
    public async Task Weights_the_office_sets_change_the_order_and_a_stale_version_is_refused()
    {
        var bank = await DataBank.CreateAsync(fixture, "needw");
        var company = await fixture.Slice.RegisterCompanyAsync(bank.Program);
        var need = await OpenNeedAsync(bank, company, "DX推進担当", "DX推進");
        var skilled = await RegisterAsync(bank, "技能 あり", ["DX推進"], "13");
        var local = await RegisterAsync(bank, "地元 在住", ["営業"], "01");
        var weights = Weights(requiredSkills: 5, area: 60);

        var before = await bank.GetAsync($"/candidates/needs/{need}/matches");
        var byCoordinator = await bank.Coordinator.PutAsync($"/api/programs/{bank.Program}/candidates/match-weights", DataBank.Json(weights));
        var set = await bank.Office.PutAsync($"/api/programs/{bank.Program}/candidates/match-weights", DataBank.Json(weights));
        var stale = await bank.Office.PutAsync($"/api/programs/{bank.Program}/candidates/match-weights", DataBank.Json(weights));
        var after = await bank.GetAsync($"/candidates/needs/{need}/matches");
        var setting = await bank.GetAsync("/candidates/match-weights", bank.Office);

        Assert.Equal([skilled, local], Order(before));
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal([local, skilled], Order(after));
        Assert.Equal(60, after.GetProperty("weights").GetProperty("area").GetInt32());
        Assert.Equal(1, setting.GetProperty("version").GetInt32());
        Assert.Equal(15, setting.GetProperty("defaults").GetProperty("area").GetInt32());
    }

    [Fact]
    public async Task The_open_needs_that_fit_a_candidate_come_best_first_and_other_employment_forms_are_left_out()
    {
        var bank = await DataBank.CreateAsync(fixture, "needr");
        var company = await fixture.Slice.RegisterCompanyAsync(bank.Program);
        var fitting = await OpenNeedAsync(bank, company, "海外営業", "営業、海外展開");
        var other = await OpenNeedAsync(bank, company, "経理", "経理");
        await OpenNeedAsync(bank, company, "副業のEC担当", "営業", form: "sideJob");
        var candidate = await RegisterAsync(bank, "逆引 太郎", ["営業", "海外展開"], "01");
        var unconsented = await bank.RegisterAsync(DataBank.Profile("同意 前", "ドウイ マエ", "before@example.jp"));

        var needs = await bank.GetAsync($"/candidates/{candidate}/needs");
        var none = await bank.GetAsync($"/candidates/{unconsented}/needs");

        Assert.True(needs.GetProperty("eligible").GetBoolean());
        Assert.Equal([fitting, other], needs.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("need").GetProperty("id").GetGuid()));
        Assert.Contains(needs.GetProperty("items")[0].GetProperty("reasons").EnumerateArray(), r => r.GetProperty("text").GetString()!.StartsWith("必須スキル 2/2", StringComparison.Ordinal));
        Assert.False(none.GetProperty("eligible").GetBoolean());
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("area", "101", "重みは 0〜100", "A weight is a whole number from 0 to 100")]
    [InlineData("pay", "null", "重みは 0〜100", "A weight is a whole number from 0 to 100")]
    [InlineData("version", "null", "版を指定してください", "Give the version you saw")]
    public async Task Each_rule_of_the_weights_refuses_with_a_message_in_both_languages(string field, string json, string japanese, string english)
    {
        var bank = await DataBank.CreateAsync(fixture, "needv");
        var body = Weights();
        body[field] = JsonNode.Parse(json);

        var ja = await Problem.ReadAsync(await SendAsync(bank, HttpMethod.Put, "/candidates/match-weights", body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await SendAsync(bank, HttpMethod.Put, "/candidates/match-weights", body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, ja.Errors[field][0], StringComparison.Ordinal);
        Assert.Contains(english, en.Errors[field][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shortlist_note_over_500_characters_and_a_limit_out_of_range_are_refused_in_both_languages()
    {
        var bank = await DataBank.CreateAsync(fixture, "needn");
        var company = await fixture.Slice.RegisterCompanyAsync(bank.Program);
        var need = await OpenNeedAsync(bank, company, "営業", "営業");
        var candidate = await RegisterAsync(bank, "メモ 長文", ["営業"], "01");
        var path = $"/candidates/needs/{need}/shortlist/{candidate}";

        var ja = await Problem.ReadAsync(await SendAsync(bank, HttpMethod.Put, path, new JsonObject { ["note"] = new string('あ', 501) }, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await SendAsync(bank, HttpMethod.Put, path, new JsonObject { ["note"] = new string('あ', 501) }, "en"), HttpStatusCode.BadRequest);
        var limit = await Problem.ReadAsync(await bank.Coordinator.GetAsync($"/api/programs/{bank.Program}/candidates/needs/{need}/matches?limit=0"), HttpStatusCode.BadRequest);

        Assert.Contains("メモは 500 文字以内", ja.Errors["note"][0], StringComparison.Ordinal);
        Assert.Contains("at most 500 characters", en.Errors["note"][0], StringComparison.Ordinal);
        Assert.Contains("件数は 1〜100", limit.Errors["limit"][0], StringComparison.Ordinal);
        Assert.Empty((await bank.GetAsync($"/candidates/needs/{need}/shortlist")).GetProperty("items").EnumerateArray());
    }

    private static Task<HttpResponseMessage> SendAsync(DataBank bank, HttpMethod method, string path, JsonNode body, string language)
    {
        var request = new HttpRequestMessage(method, $"/api/programs/{bank.Program}{path}") { Content = DataBank.Json(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return (method == HttpMethod.Put && path.EndsWith("match-weights", StringComparison.Ordinal) ? bank.Office : bank.Coordinator).SendAsync(request);
    }
}
