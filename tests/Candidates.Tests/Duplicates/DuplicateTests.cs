using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests.Duplicates;

public sealed class DuplicateTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private static JsonObject Person(string name, string kana, string? email, string? phone, int? birthYear)
    {
        var profile = DataBank.Profile(name, kana, email ?? "");
        profile["email"] = email;
        profile["phone"] = phone;
        profile["birthYear"] = birthYear;
        return profile;
    }

    private static async Task<IReadOnlyList<string>> MatchedOnAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("duplicates")[0].GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()!)];
    }

    [Fact]
    public async Task A_second_registration_of_the_same_person_is_answered_with_the_possible_duplicates_unless_confirmed()
    {
        var bank = await DataBank.CreateAsync(fixture, "dup");
        var first = await bank.RegisterAsync(Person("北見 太郎", "キタミ タロウ", "Taro.Kitami@example.jp", "090-1111-2222", 1980));

        var byEmail = await bank.PostAsync("/candidates", Person("別名 太郎", "ベツメイ タロウ", "taro.kitami@EXAMPLE.jp", null, null));
        var byPhone = await bank.PostAsync("/candidates", Person("別名 次郎", "ベツメイ ジロウ", null, "09011112222", null));
        var byName = await bank.PostAsync("/candidates", Person("北見太郎", "きたみ たろう", null, null, 1980));
        var otherYear = await bank.PostAsync("/candidates", Person("北見 太郎", "キタミ タロウ", null, null, 1990));
        var repeated = Person("北見 太郎", "キタミ タロウ", "taro.kitami@example.jp", null, 1980);
        var english = await bank.PostAsync("/candidates", repeated, "en");
        repeated["confirmNotDuplicate"] = true;
        var confirmed = await bank.PostAsync("/candidates", repeated);

        Assert.Equal(["email"], await MatchedOnAsync(byEmail));
        Assert.Equal(["phone"], await MatchedOnAsync(byPhone));
        Assert.Equal(["nameAndBirthYear"], await MatchedOnAsync(byName));
        Assert.Equal(HttpStatusCode.Created, otherYear.StatusCode);
        var problem = await english.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("seems to be registered already", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(first, problem.GetProperty("duplicates")[0].GetProperty("id").GetGuid());
        Assert.Equal("北見 太郎", problem.GetProperty("duplicates")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal(3, fixture.Product.Count("candidates", $"candidates WHERE program = '{bank.Program}'"));
    }

    [Fact]
    public async Task A_firm_registering_someone_the_program_holds_is_told_nothing_about_them()
    {
        var bank = await DataBank.CreateAsync(fixture, "dupf");
        var (_, recruiter) = await bank.FirmAsync();
        await bank.RegisterAsync(Person("秘密 花子", "ヒミツ ハナコ", "hanako.secret@example.jp", null, 1975));

        HttpResponseMessage response = null!;
        // The firm's registration reaches Candidates from Coordinators a moment after it was made.
        await Poll.UntilAsync(async () => (response = await bank.PostAsync("/candidates", Person("秘密 花子", "ヒミツ ハナコ", "hanako.secret@example.jp", null, 1975),
            client: recruiter)).StatusCode != HttpStatusCode.Forbidden, Slice.Eventually, "the firm's registration to reach Candidates");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain("秘密", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_keeps_both_histories_the_consents_and_the_source_firm()
    {
        var bank = await DataBank.CreateAsync(fixture, "dupm");
        var (firm, recruiter) = await bank.FirmAsync();
        var kept = await bank.RegisterAsync(Person("統合 一郎", "トウゴウ イチロウ", "ichiro.merge@example.jp", null, 1982));
        await bank.ConsentAsync(kept, "program");
        HttpResponseMessage fromFirm = null!;
        await Poll.UntilAsync(async () => (fromFirm = await bank.PostAsync("/candidates", Person("統合 一郎", "トウゴウ イチロウ", "ichiro.merge@example.jp", "080-7777-8888", 1982),
            client: recruiter)).StatusCode != HttpStatusCode.Forbidden, Slice.Eventually, "the firm's registration to reach Candidates");
        var duplicate = (await fromFirm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var consent = await bank.ConsentAsync(duplicate, "firm", firm);
        var possible = await bank.GetAsync($"/candidates/{kept}/duplicates");
        var version = (await bank.GetAsync($"/candidates/{kept}")).GetProperty("version").GetInt32();

        var stale = await bank.PostAsync($"/candidates/{kept}/merge", new JsonObject { ["duplicateId"] = duplicate.ToString(), ["version"] = version + 1 });
        var itself = await bank.PostAsync($"/candidates/{kept}/merge", new JsonObject { ["duplicateId"] = kept.ToString(), ["version"] = version });
        var merged = await bank.PostAsync($"/candidates/{kept}/merge", new JsonObject { ["duplicateId"] = duplicate.ToString(), ["version"] = version });
        var record = await bank.GetAsync($"/candidates/{kept}");
        var gone = await bank.Coordinator.GetAsync($"/api/programs/{bank.Program}/candidates/{duplicate}");
        var shared = await recruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{bank.Program}/candidates/{kept}/shared");

        Assert.Equal(duplicate, possible[0].GetProperty("id").GetGuid());
        Assert.Equal(["email", "nameAndBirthYear"], possible[0].GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(firm, record.GetProperty("sourceFirmId").GetGuid());
        Assert.Contains(record.GetProperty("consents").EnumerateArray(), c => c.GetProperty("id").GetGuid() == consent);
        Assert.Equal(2, record.GetProperty("consents").GetArrayLength());
        var from = record.GetProperty("mergedFrom")[0];
        Assert.Equal(duplicate, from.GetProperty("id").GetGuid());
        Assert.Equal("080-7777-8888", from.GetProperty("revisions")[0].GetProperty("content").GetProperty("phone").GetString());
        Assert.Equal(version + 1, record.GetProperty("version").GetInt32());
        Assert.False(shared.GetProperty("anonymised").GetBoolean());
    }

    [Fact]
    public async Task A_merge_is_published_and_leaves_the_counted_registrations_as_they_were()
    {
        var bank = await DataBank.CreateAsync(fixture, "dupk");
        await bank.DefineRegistrationKpiAsync();
        var kept = await bank.RegisterAsync(Person("重複 次郎", "チョウフク ジロウ", "jiro.count@example.jp", null, 1985));
        var duplicate = await bank.RegisterAsync(Person("重複 次郎", "チョウフク ジロウ", "jiro.count@example.jp", null, 1985));
        string Counted() => $"counted_events WHERE program = '{bank.Program}' AND kind = 'candidate-registered'";
        await Poll.UntilAsync(() => Task.FromResult(fixture.Product.Count("programs", Counted()) == 2), Slice.Eventually, "both registrations to be counted");
        var version = (await bank.GetAsync($"/candidates/{kept}")).GetProperty("version").GetInt32();

        var merged = await bank.PostAsync($"/candidates/{kept}/merge", new JsonObject { ["duplicateId"] = duplicate.ToString(), ["version"] = version });

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var events = $"outbox_messages WHERE message_type LIKE '%CandidatesMerged%' AND body LIKE '%{duplicate}%' AND body LIKE '%{kept}%' AND sent_at IS NOT NULL";
        await Poll.UntilAsync(() => Task.FromResult(fixture.Product.Count("candidates", events) == 1), Slice.Eventually, "the merge to be published");
        Assert.Equal(0, fixture.Product.Count("candidates", $"outbox_messages WHERE message_type LIKE '%CandidateErased%' AND body LIKE '%{duplicate}%'"));
        // Sent, and delivered in this one process before it counts as sent: what Programs counted stays, two registrations were made.
        Assert.Equal(2, fixture.Product.Count("programs", Counted()));
    }
}
