using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests.Profiles;

public sealed class RegisterCandidateTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    [Fact]
    public async Task A_registered_profile_reads_back_with_its_skills_named_by_the_vocabulary()
    {
        var bank = await DataBank.CreateAsync(fixture, "reg");
        var profile = DataBank.Profile();
        profile["skills"] = new JsonArray("えいぎょう", "ｴｲｷﾞｮｳ", "セールス", "kaizen");

        var id = await bank.RegisterAsync(profile);
        var candidate = await bank.GetAsync($"/candidates/{id}");

        Assert.Equal("鈴木 一郎", candidate.GetProperty("name").GetString());
        Assert.Equal("131016", candidate.GetProperty("municipalityCode").GetString());
        Assert.Equal("東京都", candidate.GetProperty("prefectureName").GetString());
        Assert.Equal(["sales:営業", "kaizen:改善活動"],
            candidate.GetProperty("skills").EnumerateArray().Select(s => $"{s.GetProperty("code").GetString()}:{s.GetProperty("name").GetString()}"));
        Assert.Equal(["fullTime", "sideJob"], candidate.GetProperty("employmentForms").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("東京精密工業株式会社", candidate.GetProperty("career")[0].GetProperty("company").GetString());
        Assert.Equal("active", candidate.GetProperty("status").GetString());
        Assert.Equal(1, candidate.GetProperty("version").GetInt32());
    }

    /// <summary>Every field rule of the profile: the field, a bad value, and words of its Japanese and English message.</summary>
    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        { "name", "\"\"", "氏名を入力してください", "Name is required" },
        { "name", "\"" + new string('山', 101) + "\"", "氏名", "Name" },
        { "nameKana", "\"Suzuki\"", "フリガナはカタカナまたはひらがな", "katakana or hiragana" },
        { "nameKana", "null", "フリガナを入力してください", "is required" },
        { "email", "\"ichiro@\"", "メールアドレスの形式", "e-mail address is not valid" },
        { "phone", "\"03-12\"", "電話番号は数字とハイフン", "10 to 15 digits" },
        { "prefectureCode", "\"48\"", "居住地の都道府県コード", "residence prefecture" },
        { "municipalityCode", "\"012084\"", "その都道府県の 6 桁", "in the residence prefecture" },
        { "municipalityCode", "\"131017\"", "チェックデジット", "check digit" },
        { "hometownPrefectureCode", "\"00\"", "出身都道府県コード", "hometown prefecture" },
        { "birthYear", "1900", "生年は 1930 年から", "birth year is from 1930" },
        { "birthYear", "2020", "生年は 1930 年から", "birth year is from 1930" },
        { "careerSummary", "\"" + new string('営', 2001) + "\"", "職務要約は 2000 文字以内", "2,000 characters" },
        { "career", "[" + string.Join(',', Enumerable.Repeat("{\"company\":\"A\",\"role\":\"B\",\"fromYear\":2000}", 21)) + "]", "職歴は 20 件まで", "At most 20 jobs" },
        { "career[0].company", "[{\"company\":\"\",\"role\":\"営業\",\"fromYear\":2000}]", "職歴の会社名", "company" },
        { "career[0].role", "[{\"company\":\"株式会社A\",\"role\":\" \",\"fromYear\":2000}]", "職歴の役職", "role" },
        { "career[0].fromYear", "[{\"company\":\"株式会社A\",\"role\":\"営業\",\"fromYear\":1940}]", "職歴の期間", "A job's years" },
        { "career[0].toYear", "[{\"company\":\"株式会社A\",\"role\":\"営業\",\"fromYear\":2010,\"toYear\":2005}]", "終了年は開始年以降", "end not before the start" },
        { "skills", "[" + string.Join(',', Enumerable.Repeat("\"営業\"", 51)) + "]", "スキルは 50 件まで", "At most 50 skills" },
        { "skills[1]", "[\"営業\",\"けん玉\"]", "このスキルは語彙にありません", "not in the vocabulary" },
        { "tags", "[\"" + new string('タ', 31) + "\"]", "タグは 20 件まで", "At most 20 tags" },
        { "languages", "[\"\"]", "語学は 10 件まで", "At most 10 languages" },
        { "licences", "[\"" + new string('資', 101) + "\"]", "資格・免許は 20 件まで", "At most 20 licences" },
        { "employmentForms", "[]", "希望する雇用形態を 1 つ以上", "at least one desired employment form" },
        { "employmentForms", "null", "希望する雇用形態を 1 つ以上", "at least one desired employment form" },
        { "desiredAreas", "[\"1\"]", "希望勤務地は都道府県コード", "Desired areas are prefecture codes" },
        { "remote", "\"sometimes\"", "値の形式が正しくありません", "wrong format" },
        { "sideJobHoursPerWeek", "61", "週 1〜60 時間", "1 to 60 a week" },
        { "desiredPayYen", "-1", "0 円以上 1 億円以下", "0 to 100,000,000 yen" },
        { "desiredPayUnit", "null", "年収・月額・時給のいずれか", "Choose year, month or hour" },
        { "availableFrom", "\"1999-12-31\"", "就業可能日は 2000-01-01 から", "available date is from 2000-01-01" },
        { "status", "\"hired\"", "値の形式が正しくありません", "wrong format" },
        { "nickname", "\"いっちゃん\"", "この項目はありません", "There is no such field" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_refuses_with_a_message_in_both_languages_and_writes_nothing(string field, string json, string japanese, string english)
    {
        var bank = await DataBank.DemoAsync(fixture);
        var body = DataBank.Profile();
        body[field.Split('[')[0]] = JsonNode.Parse(json);
        var before = Product.Count("candidates", "candidates");

        var ja = await Problem.ReadAsync(await bank.PostAsync("/candidates", body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await bank.PostAsync("/candidates", body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains(japanese, string.Join(" ", ja.Errors.Values.SelectMany(v => v)), StringComparison.Ordinal);
        Assert.Contains(english, string.Join(" ", en.Errors.Values.SelectMany(v => v)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Product.Count("candidates", "candidates"));
    }

    [Theory]
    [InlineData("honseki", "\"北海道札幌市\"")]
    [InlineData("birthplace", "\"札幌市\"")]
    [InlineData("religion", "\"仏教\"")]
    [InlineData("beliefs", "\"…\"")]
    [InlineData("unionMembership", "true")]
    [InlineData("family", "{\"spouse\":true,\"children\":2}")]
    [InlineData("familyOccupation", "\"公務員\"")]
    public async Task A_field_the_law_says_not_to_collect_is_refused_on_its_name_and_never_stored(string field, string json)
    {
        var bank = await DataBank.DemoAsync(fixture);
        var body = DataBank.Profile(email: $"{field}@example.jp");
        body[field] = JsonNode.Parse(json);

        var ja = await Problem.ReadAsync(await bank.PostAsync("/candidates", body, "ja"), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await bank.PostAsync("/candidates", body, "en"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ja.Errors.Keys);
        Assert.Contains("職業安定法第5条の5", ja.Errors[field][0], StringComparison.Ordinal);
        Assert.Contains("Employment Security Act", en.Errors[field][0], StringComparison.Ordinal);
        Assert.Equal(0, Product.Count("candidates", $"candidates WHERE email = '{field}@example.jp'"));
    }

    [Fact]
    public async Task A_correction_keeps_the_replaced_version_and_a_stale_version_is_a_conflict()
    {
        var bank = await DataBank.CreateAsync(fixture, "upd");
        var id = await bank.RegisterAsync();
        var corrected = DataBank.Profile();
        corrected["prefectureCode"] = "01";
        corrected["municipalityCode"] = "012084";
        corrected["status"] = "paused";
        corrected["version"] = 1;

        var response = await Product.Client.PutAsync($"/api/programs/{bank.Program}/candidates/{id}", DataBank.Json(corrected));
        var stale = await Product.Client.PutAsync($"/api/programs/{bank.Program}/candidates/{id}", DataBank.Json(corrected));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var candidate = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("paused", candidate.GetProperty("status").GetString());
        Assert.Equal("012084", candidate.GetProperty("municipalityCode").GetString());
        Assert.Equal(2, candidate.GetProperty("version").GetInt32());
        var revision = Assert.Single(candidate.GetProperty("revisions").EnumerateArray());
        Assert.Equal("131016", revision.GetProperty("content").GetProperty("municipalityCode").GetString());
        Assert.Equal(1, revision.GetProperty("version").GetInt32());
        await Problem.ReadAsync(stale, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Search_finds_a_name_in_any_kana_and_a_skill_by_its_synonym()
    {
        var bank = await DataBank.CreateAsync(fixture, "find");
        var suzuki = await bank.RegisterAsync();
        var sato = DataBank.Profile("佐藤 花子", "さとう はなこ", "hanako@example.jp");
        sato["skills"] = new JsonArray("データ分析");
        sato["prefectureCode"] = "01";
        sato["municipalityCode"] = null;
        var satoId = await bank.RegisterAsync(sato);

        var byHalfWidth = await bank.GetAsync("/candidates?q=" + Uri.EscapeDataString("ｽｽﾞｷ"));
        var byHiragana = await bank.GetAsync("/candidates?q=" + Uri.EscapeDataString("さとう"));
        var bySynonym = await bank.GetAsync("/candidates?q=" + Uri.EscapeDataString("ｾｰﾙｽ"));
        var bySkill = await bank.GetAsync("/candidates?skill=" + Uri.EscapeDataString("統計解析"));
        var byPrefecture = await bank.GetAsync("/candidates?prefectureCode=01");

        static Guid[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
        Assert.Equal([suzuki], Ids(byHalfWidth));
        Assert.Equal([satoId], Ids(byHiragana));
        Assert.Equal([suzuki], Ids(bySynonym));
        Assert.Equal([satoId], Ids(bySkill));
        Assert.Equal([satoId], Ids(byPrefecture));
        Assert.Equal(1, byPrefecture.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_registration_event_carries_no_personal_data()
    {
        var bank = await DataBank.CreateAsync(fixture, "evt");
        var email = $"evt-{Guid.NewGuid():N}@example.jp";

        var id = await bank.RegisterAsync(DataBank.Profile("高橋 次郎", "タカハシ ジロウ", email));

        using var connection = Product.OpenDatabase("candidates");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM outbox_messages WHERE message_type LIKE '%CandidateRegistered%'";
        var bodies = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                bodies.Add(reader.GetString(0));
        }
        var mine = Assert.Single(bodies, b => b.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"13\"", mine, StringComparison.Ordinal);
        foreach (var personal in new[] { "高橋", "タカハシ", email, "090-1234-5678", "131016", "1978", "東京精密" })
            Assert.DoesNotContain(personal, mine, StringComparison.Ordinal);
    }
}
