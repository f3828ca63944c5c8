using System.Net;
using System.Text.RegularExpressions;
using Matching.Testing;

namespace Matching.Candidates.Tests.Web;

public sealed partial class CandidateScreensTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_coordinator_registers_a_candidate_and_records_consent_on_screens_and_the_firm_sees_the_profile_only_then()
    {
        var bank = await DataBank.CreateAsync(fixture, "web");
        var (_, recruiter) = await bank.FirmAsync();
        var candidates = $"/p/{bank.Program}/candidates";

        var refused = await PostFormAsync(bank.Coordinator, candidates + "/new", candidates + "/new", new()
        {
            ["name"] = "山本 さくら", ["nameKana"] = "Yamamoto", ["prefectureCode"] = "01", ["employmentForms"] = "sideJob",
        });
        var registered = await PostFormAsync(bank.Coordinator, candidates + "/new", candidates + "/new", new()
        {
            ["name"] = "山本 さくら", ["nameKana"] = "ヤマモト サクラ", ["email"] = "sakura@example.jp", ["prefectureCode"] = "01",
            ["municipalityCode"] = "012084", ["birthYear"] = "1988", ["career[0].company"] = "札幌物産株式会社", ["career[0].role"] = "EC 責任者",
            ["career[0].fromYear"] = "2012", ["skills"] = "EC運営、でーたぶんせき", ["employmentForms"] = "sideJob", ["remote"] = "full",
        });
        var profilePath = registered.RequestMessage!.RequestUri!.AbsolutePath;
        var id = profilePath.Split('/')[^1];
        var anonymised = await recruiter.GetStringAsync($"/p/{bank.Program}/talent/{id}");
        var consented = await PostFormAsync(bank.Coordinator, profilePath, profilePath + "?handler=Consent", new()
        {
            ["recipient"] = "registeredFirms", ["textVersion"] = "2025-04", ["method"] = "electronic",
        });
        await Poll.UntilAsync(async () => (await recruiter.GetStringAsync($"/p/{bank.Program}/talent/{id}")).Contains("山本 さくら", StringComparison.Ordinal),
            Slice.Eventually, "the firm to see the consented profile");
        var record = await bank.Office.GetStringAsync(profilePath);
        var edit = await bank.Coordinator.GetStringAsync(profilePath + "/edit");
        var corrected = await PostFormAsync(bank.Coordinator, profilePath + "/edit", profilePath + "/edit", new()
        {
            ["version"] = "1", ["status"] = "paused", ["name"] = "山本 さくら", ["nameKana"] = "ヤマモト サクラ", ["prefectureCode"] = "01",
            ["skills"] = "EC運営", ["employmentForms"] = "sideJob", ["remote"] = "full",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("フリガナはカタカナまたはひらがな", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Matches($"^/p/{bank.Program}/candidates/[0-9a-f-]{{36}}$", profilePath);
        var profile = await registered.Content.ReadAsStringAsync();
        Assert.Contains("札幌物産株式会社", profile, StringComparison.Ordinal);
        Assert.Contains("データ分析", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("山本", anonymised, StringComparison.Ordinal);
        Assert.DoesNotContain("sakura@example.jp", anonymised, StringComparison.Ordinal);
        Assert.DoesNotContain("札幌物産", anonymised, StringComparison.Ordinal);
        Assert.Contains("1980年代生まれ", anonymised, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
        Assert.Contains("登録事業者全般への提供", await consented.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(DataBank.FirmName, record, StringComparison.Ordinal);
        Assert.Contains("第三者提供の記録", record, StringComparison.Ordinal);
        Assert.Contains("value=\"札幌物産株式会社\"", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"EC運営、データ分析\"", edit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(profilePath, corrected.RequestMessage!.RequestUri!.AbsolutePath);
        var after = await corrected.Content.ReadAsStringAsync();
        Assert.Contains("休止中", after, StringComparison.Ordinal);
        Assert.Contains("第 1 版を修正", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_need_page_shows_the_data_bank_candidates_ranked_with_their_reasons()
    {
        var bank = await DataBank.CreateAsync(fixture, "webm");
        var company = await fixture.Slice.RegisterCompanyAsync(bank.Program);
        var opened = await bank.PostAsync($"/companies/{company}/needs", new System.Text.Json.Nodes.JsonObject
        {
            ["role"] = "海外営業リーダー", ["employmentForm"] = "fullTime", ["requiredSkills"] = "営業、海外展開",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var need = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(opened.Content)).GetProperty("id").GetGuid();
        var id = await bank.RegisterAsync();
        await bank.ConsentAsync(id, "program");

        // The need reaches Candidates' copy a moment after it was opened.
        var page = "";
        await Poll.UntilAsync(async () => (page = await bank.Coordinator.GetStringAsync($"/p/{bank.Program}/needs/{need}"))
            .Contains("必須スキル 2/2", StringComparison.Ordinal), Slice.Eventually, "the need's candidates");

        Assert.Contains("人材データバンクの候補者", page, StringComparison.Ordinal);
        Assert.Contains($"/p/{bank.Program}/candidates/{id}", page, StringComparison.Ordinal);
        Assert.Contains("必須スキル 2/2：営業・海外展開", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_office_erases_a_person_on_the_profile_page_only_once_it_confirmed()
    {
        var bank = await DataBank.CreateAsync(fixture, "webe");
        var id = await bank.RegisterAsync(DataBank.Profile("消去 花子", "ショウキョ ハナコ", "erase.hanako@example.jp"));
        var profilePath = $"/p/{bank.Program}/candidates/{id}";

        var unconfirmed = await PostFormAsync(bank.Office, profilePath, profilePath + "?handler=Erase", new() { ["erasureReason"] = "request" });
        var erased = await PostFormAsync(bank.Office, profilePath, profilePath + "?handler=Erase", new()
        {
            ["erasureReason"] = "request", ["erasureConfirmed"] = "true",
        });
        var gone = await bank.Office.GetAsync(profilePath);

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("確認欄にチェックしてください", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal($"/p/{bank.Program}/candidates", erased.RequestMessage!.RequestUri!.AbsolutePath);
        var list = await erased.Content.ReadAsStringAsync();
        Assert.Contains("個人データを消去しました", list, StringComparison.Ordinal);
        Assert.DoesNotContain("消去 花子", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_coordinator_shortlists_from_the_need_page_sees_the_need_on_the_profile_and_the_office_sets_the_weights()
    {
        var bank = await DataBank.CreateAsync(fixture, "webs");
        var company = await fixture.Slice.RegisterCompanyAsync(bank.Program);
        var opened = await bank.PostAsync($"/companies/{company}/needs", new System.Text.Json.Nodes.JsonObject
        {
            ["role"] = "販路開拓マネージャー", ["employmentForm"] = "fullTime", ["requiredSkills"] = "営業",
        });
        var need = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(opened.Content)).GetProperty("id").GetGuid();
        var id = await bank.RegisterAsync(DataBank.Profile("候補 一郎", "コウホ イチロウ", "kouho@example.jp"));
        await bank.ConsentAsync(id, "program");
        var needPath = $"/p/{bank.Program}/needs/{need}";
        await Poll.UntilAsync(async () => (await bank.Coordinator.GetStringAsync(needPath)).Contains("候補者リストに追加", StringComparison.Ordinal),
            Slice.Eventually, "the need's ranked candidates");

        var shortlisted = await PostFormAsync(bank.Coordinator, needPath, needPath + "?handler=Shortlist", new() { ["candidateId"] = id.ToString() });
        var noted = await PostFormAsync(bank.Coordinator, needPath, needPath + "?handler=Shortlist", new() { ["candidateId"] = id.ToString(), ["note"] = "電話済み" });
        var profile = await bank.Coordinator.GetStringAsync($"/p/{bank.Program}/candidates/{id}");
        var weights = $"/p/{bank.Program}/match-weights";
        var fields = new Dictionary<string, string> { ["version"] = "0" };
        foreach (var f in new[] { "requiredSkills", "preferredSkills", "employmentForm", "area", "remote", "uTurn", "availability", "pay" })
            fields[$"weights[{f}]"] = "10";
        var saved = await PostFormAsync(bank.Office, weights, weights, fields);
        var removed = await PostFormAsync(bank.Coordinator, needPath, needPath + "?handler=Unshortlist", new() { ["candidateId"] = id.ToString() });

        Assert.Equal(HttpStatusCode.OK, shortlisted.StatusCode);
        Assert.Contains("リスト済", await shortlisted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("value=\"電話済み\"", await noted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("この方に合う求人", profile, StringComparison.Ordinal);
        Assert.Contains("販路開拓マネージャー", profile, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("重みを保存しました", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("候補者リストはまだ空です", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_registration_on_the_form_shows_the_duplicate_and_the_profile_merges_it()
    {
        var bank = await DataBank.CreateAsync(fixture, "webd");
        var candidates = $"/p/{bank.Program}/candidates";
        Dictionary<string, string> Fields() => new()
        {
            ["name"] = "重複 二郎", ["nameKana"] = "ジュウフク ジロウ", ["email"] = "jiro.dup@example.jp", ["prefectureCode"] = "01", ["employmentForms"] = "sideJob",
        };
        var first = await PostFormAsync(bank.Coordinator, candidates + "/new", candidates + "/new", Fields());
        var firstPath = first.RequestMessage!.RequestUri!.AbsolutePath;

        var warned = await PostFormAsync(bank.Coordinator, candidates + "/new", candidates + "/new", Fields());
        var confirmedFields = Fields();
        confirmedFields["confirmNotDuplicate"] = "true";
        var second = await PostFormAsync(bank.Coordinator, candidates + "/new", candidates + "/new", confirmedFields);
        var secondId = second.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1];
        var profile = await bank.Coordinator.GetStringAsync(firstPath);
        var version = System.Text.RegularExpressions.Regex.Match(profile, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var merged = await PostFormAsync(bank.Coordinator, firstPath, firstPath + "?handler=Merge", new() { ["duplicateId"] = secondId, ["version"] = version });

        Assert.Equal(HttpStatusCode.Conflict, warned.StatusCode);
        var warning = await warned.Content.ReadAsStringAsync();
        Assert.Contains("同じ方と思われる登録があります", warning, StringComparison.Ordinal);
        Assert.Contains(firstPath, warning, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("重複登録の候補", profile, StringComparison.Ordinal);
        Assert.Contains(secondId, profile, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var after = await merged.Content.ReadAsStringAsync();
        Assert.Contains("統合した登録", after, StringComparison.Ordinal);
        Assert.DoesNotContain("重複登録の候補", after, StringComparison.Ordinal);
    }
}
