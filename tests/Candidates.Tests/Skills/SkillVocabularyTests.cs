using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Candidates.Skills;
using Matching.Contracts;
using Matching.Testing;

namespace Matching.Candidates.Tests.Skills;

public sealed class SkillVocabularyTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public void The_seed_vocabulary_gives_every_word_to_one_skill_only()
    {
        var keys = SkillVocabulary.Seed.SelectMany(s => SkillVocabulary.KeysOf(s.Code, s.Name, s.Synonyms).Select(k => (Key: k, s.Code))).ToList();

        var shared = keys.GroupBy(k => k.Key).Where(g => g.Select(x => x.Code).Distinct().Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(shared);
        Assert.True(SkillVocabulary.Seed.Count >= 40);
        Assert.Equal(KanaFolding.Fold("ｴｲｷﾞｮｳ"), KanaFolding.Fold("えいぎょう"));
    }

    [Fact]
    public async Task The_office_adds_a_skill_whose_synonyms_then_find_it_in_any_kana()
    {
        var bank = await DataBank.CreateAsync(fixture, "voc");

        var added = await bank.PostAsync("/skills", new JsonObject
        {
            ["code"] = "drone", ["name"] = "ドローン操縦", ["synonyms"] = new JsonArray("無人航空機", "ドローン"),
        }, client: bank.Office);
        var id = await bank.RegisterAsync(WithSkills("どろーん"));
        var candidate = await bank.GetAsync($"/candidates/{id}");
        var taken = await bank.PostAsync("/skills", new JsonObject { ["code"] = "drone-2", ["name"] = "空撮", ["synonyms"] = new JsonArray("ﾄﾞﾛｰﾝ") }, client: bank.Office);
        var byCoordinator = await bank.PostAsync("/skills", new JsonObject { ["code"] = "x", ["name"] = "X" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("drone", candidate.GetProperty("skills")[0].GetProperty("code").GetString());
        Assert.True((await Problem.ReadAsync(taken, HttpStatusCode.BadRequest)).Errors.ContainsKey("synonyms"));
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
    }

    [Theory]
    [InlineData("code", "\"Drone!\"", "コードは半角英小文字", "lower-case letters")]
    [InlineData("name", "\"\"", "スキル名を入力してください", "needs a name")]
    [InlineData("synonyms", "[\"\"]", "別名は 20 件まで", "At most 20 synonyms")]
    public async Task Each_vocabulary_rule_refuses_with_a_message_in_both_languages(string field, string json, string japanese, string english)
    {
        var bank = await DataBank.CreateAsync(fixture, "vocr");
        var body = new JsonObject { ["code"] = "kite", ["name"] = "凧揚げ" };
        body[field] = JsonNode.Parse(json);

        var ja = await Problem.ReadAsync(await bank.PostAsync("/skills", body, "ja", bank.Office), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await bank.PostAsync("/skills", body, "en", bank.Office), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, ja.Errors[field][0], StringComparison.Ordinal);
        Assert.Contains(english, en.Errors[field][0], StringComparison.OrdinalIgnoreCase);
        var skills = await bank.GetAsync("/skills");
        Assert.DoesNotContain(skills.EnumerateArray(), s => s.GetProperty("code").GetString() == "kite");
    }

    private static JsonObject WithSkills(params string[] skills)
    {
        var profile = DataBank.Profile(email: $"skill-{Guid.NewGuid():N}@example.jp");
        profile["skills"] = new JsonArray([.. skills.Select(s => (JsonNode)s)]);
        return profile;
    }
}
