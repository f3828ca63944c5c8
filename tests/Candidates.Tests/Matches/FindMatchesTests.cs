using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests.Matches;

public sealed class FindMatchesTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task Candidates_are_ranked_for_a_need_after_the_hard_filters_with_their_reasons()
    {
        var bank = await DataBank.CreateAsync(fixture, "match");
        async Task<Guid> RegisterAsync(string name, string[] skills, string[] forms, string prefecture, bool consent = true, string status = "active")
        {
            var profile = DataBank.Profile(name, "テスト", $"{Guid.NewGuid():N}@example.jp");
            profile["skills"] = new JsonArray([.. skills.Select(s => (JsonNode)s)]);
            profile["employmentForms"] = new JsonArray([.. forms.Select(f => (JsonNode)f)]);
            profile["prefectureCode"] = prefecture;
            profile["municipalityCode"] = null;
            profile["status"] = status;
            var id = await bank.RegisterAsync(profile);
            if (consent)
                await bank.ConsentAsync(id, "program");
            return id;
        }
        var perfect = await RegisterAsync("完全 一致", ["営業", "海外展開"], ["fullTime"], "01");
        var partial = await RegisterAsync("一部 一致", ["営業"], ["sideJob", "fullTime"], "01");
        await RegisterAsync("同意 なし", ["営業", "海外展開"], ["fullTime"], "01", consent: false);
        await RegisterAsync("休止 中", ["営業", "海外展開"], ["fullTime"], "01", status: "paused");
        await RegisterAsync("形態 違い", ["営業", "海外展開"], ["outsourcing"], "01");

        var response = await bank.Coordinator.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/matches", new
        {
            requiredSkills = new[] { "えいぎょう", "海外展開", "けん玉" }, employmentForm = "fullTime", municipalityCode = "012084",
        });
        var refused = await bank.Office.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/matches", new { employmentForm = "fullTime" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([perfect, partial], body.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("candidateId").GetGuid()));
        Assert.Equal(2, body.GetProperty("considered").GetInt32());
        Assert.Equal(["けん玉"], body.GetProperty("unknownTerms").EnumerateArray().Select(t => t.GetString()));
        var second = body.GetProperty("items")[1];
        Assert.Contains(second.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == "missingSkills"
            && r.GetProperty("text").GetString()!.Contains("海外展開", StringComparison.Ordinal));
        Assert.True(body.GetProperty("items")[0].GetProperty("score").GetInt32() > second.GetProperty("score").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("employmentForm", "null", "求人の雇用形態を指定してください", "Give the need's employment form")]
    [InlineData("limit", "0", "件数は 1〜100", "limit is 1 to 100")]
    [InlineData("weights", "{\"area\":101}", "重みは各 0〜100", "Each weight is a whole number from 0 to 100")]
    [InlineData("requiredSkills", "[\"\"]", "スキルは 30 件まで", "At most 30 skills")]
    public async Task Each_rule_of_a_match_request_refuses_with_a_message_in_both_languages(string field, string json, string japanese, string english)
    {
        var bank = await DataBank.DemoAsync(fixture);
        var body = new JsonObject { ["employmentForm"] = "fullTime" };
        body[field] = JsonNode.Parse(json);

        var ja = await Problem.ReadAsync(await bank.PostAsync("/candidates/matches", body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await bank.PostAsync("/candidates/matches", body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, ja.Errors[field][0], StringComparison.Ordinal);
        Assert.Contains(english, en.Errors[field][0], StringComparison.Ordinal);
    }
}
